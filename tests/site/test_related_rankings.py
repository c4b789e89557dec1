"""Related exercises are ranked when the content changes (``exercises.related``), and the
stored ranking always equals what ``related_exercises()`` ranks per request."""

from datetime import timedelta
from io import StringIO
from itertools import count

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises.models import Equipment, Exercise, Muscle, RelatedExercise, Status
from exercises.related import related_upkeep
from exercises.services import exercises_set_status, merge_terms
from exercises.site.selectors import related_and_translations, related_exercises
from publishing.pipeline import Changes
from publishing.scheduling import publish_scheduled
from tests.factories import make_exercise, make_term
from tests.importing.helpers import write

pytestmark = pytest.mark.django_db

MUSCLES = ["Core", "Glutes", "Hamstrings", "Obliques"]
EQUIPMENT = ["Mat", "Band", "Ring"]
# Few titles, so that ties on the number of shared terms and on the title are common.
TITLES = ["Bridge", "Clam", "Plank", "Swan"]
_slugs = count(1)


def stored_ranking(exercise: Exercise) -> list[int]:
    return list(
        RelatedExercise.objects.filter(exercise=exercise)
        .order_by("position")
        .values_list("related_id", flat=True)
    )


def live_ranking(exercise: Exercise) -> list[int]:
    return [related.pk for related in related_exercises(exercise)]


def assert_every_ranking_is_live() -> None:
    for exercise in Exercise.objects.order_by("pk"):
        assert exercise.related_ranked, exercise
        assert stored_ranking(exercise) == live_ranking(exercise), exercise
        shown, _translations = related_and_translations(exercise)
        assert [related.pk for related in shown] == live_ranking(exercise), exercise


def new_exercise(*, title: str, language: str = "en", muscles=(), equipment=(), **fields):
    with transaction.atomic():  # one write, derived once, as the admin saves
        exercise = make_exercise(
            title=title, slug=f"move-{next(_slugs)}", language=language, **fields
        )
        exercise.muscles.set([make_term(Muscle, name) for name in muscles])
        exercise.equipment.set([make_term(Equipment, name) for name in equipment])
    return exercise


# --- The oracle: random writes through the services and the ORM -----------------------

terms_of = st.fixed_dictionaries(
    {
        "muscles": st.lists(st.sampled_from(MUSCLES), max_size=3, unique=True),
        "equipment": st.lists(st.sampled_from(EQUIPMENT), max_size=2, unique=True),
    }
)
pick = st.integers(min_value=0, max_value=10_000)
writes = st.one_of(
    st.tuples(
        st.just("create"),
        st.sampled_from(TITLES),
        st.sampled_from(["en", "en", "es"]),
        st.sampled_from([Status.PUBLISHED, Status.PUBLISHED, Status.DRAFT]),
        terms_of,
    ),
    st.tuples(st.just("muscles"), pick, terms_of),
    st.tuples(st.just("equipment"), pick, terms_of),
    st.tuples(st.just("rename"), pick, st.sampled_from(TITLES)),
    st.tuples(st.just("status"), pick, st.sampled_from(Status.values)),
    st.tuples(st.just("delete"), pick),
    st.tuples(st.just("language"), pick),
    st.tuples(st.just("merge"), st.sampled_from(MUSCLES), st.sampled_from(MUSCLES)),
    st.tuples(
        st.just("import"),
        st.lists(st.tuples(st.sampled_from(TITLES), terms_of), min_size=1, max_size=3),
    ),
)


class _Undo(Exception):
    """Rolls one example's writes back (the test database is shared by the examples)."""


def apply(write_, tmp_path) -> None:
    kind, *args = write_
    exercises = list(Exercise.objects.order_by("pk"))
    if kind == "create":
        title, language, status, terms = args
        new_exercise(title=title, language=language, status=status, **terms)
        return
    if kind == "merge":
        source, into = (Muscle.objects.filter(slug=name.lower()).first() for name in args)
        if source and into:
            merge_terms(terms=[source], into=into)
        return
    if kind == "import":
        folder = tmp_path / f"import-{next(_slugs)}"
        for title, terms in args[0]:
            write(
                folder / f"{next(_slugs)}.md",
                f"---\ntitle: {title}\nmuscles: [{', '.join(terms['muscles'])}]\n"
                f"equipment: [{', '.join(terms['equipment'])}]\n---\nBody.\n",
            )
        call_command("import_exercises", str(folder), stdout=StringIO(), stderr=StringIO())
        return
    if not exercises:
        return
    exercise = exercises[args[0] % len(exercises)]
    if kind == "muscles":
        exercise.muscles.set([make_term(Muscle, name) for name in args[1]["muscles"]])
    elif kind == "equipment":
        exercise.equipment.set([make_term(Equipment, name) for name in args[1]["equipment"]])
    elif kind == "rename":
        exercise.title = args[1]
        exercise.save()
    elif kind == "status":
        exercises_set_status(exercises=Exercise.objects.filter(pk=exercise.pk), status=args[1])
    elif kind == "delete":
        exercise.delete()
    elif kind == "language":
        exercise.language = "es" if exercise.language == "en" else "en"
        exercise.save()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(history=st.lists(writes, min_size=1, max_size=12))
def test_stored_rankings_equal_the_live_ranking_after_any_writes(history, tmp_path):
    # A block of the test's own, like the test case's: the pipeline's commit hooks run when
    # each write commits inside it, and the example's writes go when it rolls back.
    example = transaction.atomic()
    example._from_testcase = True
    try:
        with example:
            for write_ in history:
                apply(write_, tmp_path)
                assert_every_ranking_is_live()
            raise _Undo
    except _Undo:
        pass


# --- Cases the oracle might draw rarely ---------------------------------------------


def test_a_deleted_exercise_leaves_the_rankings_that_listed_it_full():
    shown = new_exercise(title="Bridge", muscles=["Core"])
    listed = [new_exercise(title=title, muscles=["Core"]) for title in TITLES]
    assert stored_ranking(shown) == [item.pk for item in listed]
    spare = new_exercise(title="Teaser", muscles=["Core"])

    listed[0].delete()

    assert stored_ranking(shown) == [item.pk for item in listed[1:]] + [spare.pk]
    assert_every_ranking_is_live()


def test_an_exercise_with_nothing_related_is_ranked_and_empty():
    alone = new_exercise(title="Bridge", muscles=["Core"])

    assert alone.__class__.objects.get(pk=alone.pk).related_ranked
    assert stored_ranking(alone) == []


def test_a_scheduled_publish_enters_the_rankings_when_publish_scheduled_runs():
    shown = new_exercise(title="Bridge", muscles=["Core"])
    later = new_exercise(
        title="Clam",
        muscles=["Core"],
        status=Status.DRAFT,
        publish_at=timezone.now() + timedelta(days=1),
    )
    assert stored_ranking(shown) == []
    # The time comes (no signal: nothing is saved then).
    Exercise.objects.filter(pk=later.pk).update(publish_at=timezone.now() - timedelta(minutes=1))

    publish_scheduled(now=timezone.now())

    assert stored_ranking(shown) == [later.pk]
    assert_every_ranking_is_live()


def test_an_exercise_past_its_unpublish_time_leaves_the_page_before_the_scheduler_runs(client):
    shown = new_exercise(title="Bridge", muscles=["Core"])
    going = new_exercise(title="Clam", muscles=["Core"])
    staying = new_exercise(title="Plank", muscles=["Core"])
    Exercise.objects.filter(pk=going.pk).update(unpublish_at=timezone.now() - timedelta(minutes=1))

    response = client.get(shown.get_absolute_url())

    assert [item.pk for item in response.context["related"]] == [staying.pk]
    assert stored_ranking(shown) == [going.pk, staying.pk]  # until publish_scheduled runs


def test_a_never_ranked_exercise_is_ranked_per_request(client):
    shown = new_exercise(title="Bridge", muscles=["Core"])
    related = new_exercise(title="Clam", muscles=["Core"])
    # As after the migration, before manage.py rank_related.
    Exercise.objects.filter(pk=shown.pk).update(related_ranked=False)
    RelatedExercise.objects.filter(exercise=shown).delete()

    response = client.get(shown.get_absolute_url())

    assert [item.pk for item in response.context["related"]] == [related.pk]


def test_seed_demo_leaves_every_exercise_ranked():
    call_command("seed_demo", count=24, stdout=StringIO())

    assert_every_ranking_is_live()


# --- The upkeep's queries do not grow with the library ------------------------------


@pytest.mark.parametrize("size", [4, 40])
def test_the_upkeep_of_one_change_costs_the_same_queries_at_any_size(size):
    library = [
        new_exercise(title=f"Move {n:03d}", muscles=MUSCLES[: n % 4 + 1], equipment=["Mat"])
        for n in range(size)
    ]
    changed = library[size // 2]
    Exercise.objects.filter(pk=changed.pk).update(title="Aardvark")  # no signal: by hand

    with CaptureQueriesContext(connection) as queries:
        related_upkeep(Changes(model=Exercise, pks=frozenset({changed.pk})))

    # The rankings listing it, the languages; the language's exercises, links and stored
    # lasts; then delete, insert, mark. PostgreSQL first queues on the upkeep's lock.
    assert len(queries) == 8 + (connection.vendor == "postgresql")
    assert_every_ranking_is_live()


# --- manage.py rank_related ------------------------------------------------------------


def forget_rankings() -> None:
    """As on a database migrated from before the table: nothing ranked."""
    RelatedExercise.objects.all().delete()
    Exercise.objects.update(related_ranked=False)


def test_rank_related_ranks_the_never_ranked():
    for title in TITLES:
        new_exercise(title=title, muscles=["Core"], equipment=["Mat"])
    forget_rankings()
    out = StringIO()

    call_command("rank_related", stdout=out)

    assert "Ranked the related exercises of 4." in out.getvalue()
    assert_every_ranking_is_live()


def test_rank_related_dry_run_writes_nothing():
    new_exercise(title="Bridge", muscles=["Core"])
    new_exercise(title="Clam", muscles=["Core"])
    forget_rankings()
    out = StringIO()

    call_command("rank_related", dry_run=True, stdout=out)

    assert "Would rank 2 exercises" in out.getvalue()
    assert not RelatedExercise.objects.exists()
    assert not Exercise.objects.filter(related_ranked=True).exists()


def test_rank_related_reports_by_verbosity_and_in_chunks():
    for title in TITLES:
        new_exercise(title=title, muscles=["Core"])
    forget_rankings()
    quiet, chatty = StringIO(), StringIO()

    call_command("rank_related", chunk_size=3, verbosity=2, stdout=chatty)
    call_command("rank_related", all=True, verbosity=0, stdout=quiet)

    assert chatty.getvalue().splitlines()[:2] == ["ranked 3 of 4", "ranked 4 of 4"]
    assert quiet.getvalue() == ""
    assert_every_ranking_is_live()


def test_rank_related_refuses_a_chunk_size_below_one():
    with pytest.raises(CommandError, match="--chunk-size must be 1 or more"):
        call_command("rank_related", chunk_size=0)
