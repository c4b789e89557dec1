"""Every writer of the exercise library reaches the one "content changed" pipeline: after
each, the stored HTML, the search index and the pages show the same derived state."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from exercises import demo_content
from exercises.models import Equipment, Exercise, Muscle, Status
from exercises.search import search_exercises
from publishing import pipeline
from publishing.caching import content_version
from tests.admin_forms import change_form_data, change_url
from tests.factories import make_exercise, make_term

pytestmark = pytest.mark.django_db

WORD = "zephyrine"  # in no fixture, seed vocabulary or demo text


def list_url(language: str) -> str:
    return "/es/ejercicios/" if language == "es" else "/exercises/"


def _admin_save(admin_client, tmp_path):
    exercise = make_exercise(title="Roll Up", body="Old body.")
    data = change_form_data(exercise, body=f"## Setup\n\nLie down.\n\nRoll up, {WORD} style.")
    assert admin_client.post(change_url(exercise), data).status_code == 302
    return exercise


def _admin_publish_action(admin_client, tmp_path):
    exercise = make_exercise(title="Teaser", body=f"A {WORD} balance.", status=Status.DRAFT)
    changelist = reverse("admin:exercises_exercise_changelist")
    admin_client.post(changelist, {"action": "publish", "_selected_action": [exercise.pk]})
    return exercise


def _admin_translate_action(admin_client, tmp_path):
    source = make_exercise(title="Swan", body=f"Lift the chest, {WORD} way.")
    changelist = reverse("admin:exercises_exercise_changelist")
    admin_client.post(changelist, {"action": "translate_selected", "_selected_action": [source.pk]})
    return Exercise.objects.get(translation_of=source, language="es")


def _importer(admin_client, tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "saw.md").write_text(
        f'---\ntitle: "Saw"\nstatus: published\n---\nTwist and reach, {WORD} saw.\n',
        encoding="utf-8",
    )
    call_command("import_exercises", str(tmp_path), stdout=StringIO(), stderr=StringIO())
    return Exercise.objects.get(slug="saw")


def _term_rename_in_admin(admin_client, tmp_path):
    core = make_term(Muscle, "Obliques")
    exercise = make_exercise(title="Giro", language="es", body="Gira el tronco.")
    exercise.muscles.add(core)
    data = {
        "name": core.name,
        "name_es": f"Oblicuos {WORD}",
        "slug": core.slug,
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
    }
    url = reverse("admin:exercises_muscle_change", args=[core.pk])
    assert admin_client.post(url, data).status_code == 302
    return exercise


def _term_merge_in_admin(admin_client, tmp_path):
    tube = Equipment.objects.create(name="Tube", slug="tube")
    kept = Equipment.objects.create(name=f"{WORD.title()} band", slug=WORD)
    exercise = make_exercise(title="Rowing", body="Pull back.")
    exercise.equipment.add(tube)
    admin_client.post(
        reverse("admin:exercises_equipment_changelist"),
        {
            "action": "merge_into",
            "_selected_action": [tube.pk, kept.pk],
            "into": kept.pk,
            "apply": "Merge",
        },
    )
    return exercise


def _seed_demo(admin_client, tmp_path):
    with pytest.MonkeyPatch.context() as patch:
        sentences = [f"Move the {WORD} way, {n}." for n in range(len(demo_content.SENTENCES_EN))]
        patch.setattr(demo_content, "SENTENCES_EN", sentences)
        call_command("seed_demo", "--count", "4", stdout=StringIO())
    return Exercise.objects.published().filter(language="en").order_by("pk").first()


def _revision_restore(admin_client, tmp_path):
    exercise = make_exercise(title="Seal", body="Old body.")
    admin_client.post(change_url(exercise), change_form_data(exercise, body=f"Clap, {WORD}."))
    exercise.refresh_from_db()
    admin_client.post(change_url(exercise), change_form_data(exercise, body="Bad body."))
    good = Version.objects.get_for_object(exercise).last()
    good.revision.revert(delete=True)
    return exercise


def _recover_deleted(admin_client, tmp_path):
    exercise = make_exercise(title="Boomerang", body=f"Roll over, {WORD} finish.")
    admin_client.post(reverse("admin:exercises_exercise_delete", args=[exercise.pk]), {"post": "y"})
    assert not Exercise.objects.filter(pk=exercise.pk).exists()
    Version.objects.get_deleted(Exercise).get(object_id=str(exercise.pk)).revision.revert()
    return exercise


def _publish_scheduled(admin_client, tmp_path):
    due = timezone.now() + timedelta(hours=1)
    exercise = make_exercise(
        title="Corkscrew", body=f"Circle, {WORD} legs.", status=Status.DRAFT, publish_at=due
    )
    with time_machine.travel(due + timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", stdout=StringIO())
    return exercise


# (writer, whether the exercise it writes is public afterwards)
WRITERS = {
    "admin save": (_admin_save, True),
    "admin publish action": (_admin_publish_action, True),
    "admin translate action": (_admin_translate_action, False),
    "importer": (_importer, True),
    "term renamed in the admin": (_term_rename_in_admin, True),
    "terms merged in the admin": (_term_merge_in_admin, True),
    "seed_demo": (_seed_demo, True),
    "revision restored": (_revision_restore, True),
    "deleted exercise recovered": (_recover_deleted, True),
    "publish_scheduled": (_publish_scheduled, True),
}


@pytest.mark.parametrize("writer", WRITERS.keys())
def test_each_writer_leaves_the_same_derived_state(writer, admin_client, client, tmp_path):
    write, public = WRITERS[writer]
    pages_before = {
        language: client.get(list_url(language), {"q": WORD}) for language in ("en", "es")
    }
    version_before = content_version()[0]

    exercise = write(admin_client, tmp_path)

    exercise.refresh_from_db()
    rendered = Exercise(body=exercise.body)
    rendered.render_body()
    assert exercise.body_html == rendered.body_html
    assert (exercise.setup_html, exercise.guidance_html) == (
        rendered.setup_html,
        rendered.guidance_html,
    )
    language = exercise.language
    scope = Exercise.objects.in_language(language)
    scope = scope.published() if public else scope
    assert exercise in search_exercises(scope, query=WORD, language=language)
    assert content_version()[0] != version_before
    assert exercise.title not in pages_before[language].content.decode()
    page = client.get(list_url(language), {"q": WORD}).content.decode()
    assert (exercise.title in page) is public


def test_renaming_a_terms_spanish_name_in_the_admin_finds_its_exercises_by_the_new_name(
    admin_client,
):
    hips = make_term(Muscle, "Hip flexors")
    exercises = [make_exercise(title=f"Elevación {n}", language="es") for n in (1, 2)]
    for exercise in exercises:
        exercise.muscles.add(hips)
    published = Exercise.objects.published().in_language("es")
    assert list(search_exercises(published, query="tornasol", language="es")) == []

    admin_client.post(
        reverse("admin:exercises_muscle_change", args=[hips.pk]),
        {
            "name": "Hip flexors",
            "name_es": "Flexores tornasol",
            "slug": hips.slug,
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )

    found = search_exercises(published, query="tornasol", language="es")
    assert sorted(exercise.pk for exercise in found) == sorted(e.pk for e in exercises)


def test_a_rolled_back_write_derives_nothing():
    from django.db import transaction

    exercise = make_exercise(title="Plank", body="Hold.")
    with pytest.raises(RuntimeError), transaction.atomic():
        Exercise.objects.filter(pk=exercise.pk).update(body=f"Hold, {WORD}.")
        pipeline.content_changed(Exercise, [exercise.pk])
        raise RuntimeError("the write fails")

    exercise.refresh_from_db()
    assert WORD not in exercise.body_html
    assert list(search_exercises(Exercise.objects.all(), query=WORD, language="en")) == []


def test_a_batch_derives_once_at_its_end():
    exercises = [make_exercise(title=f"Batch {n}", body="Before.") for n in range(3)]
    with pipeline.batch():
        for exercise in exercises:
            Exercise.objects.filter(pk=exercise.pk).update(body=f"After, {WORD}.")
            pipeline.content_changed(Exercise, [exercise.pk])
        # Nothing derived yet: the batch has not ended.
        assert list(search_exercises(Exercise.objects.all(), query=WORD, language="en")) == []

    found = search_exercises(Exercise.objects.all(), query=WORD, language="en")
    assert sorted(e.pk for e in found) == sorted(e.pk for e in exercises)
    assert all(WORD in e.body_html for e in Exercise.objects.filter(title__startswith="Batch"))
