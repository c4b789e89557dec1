"""Editors rename, translate and merge terms; the data migration converts existing rows."""

import pytest
from django.apps import apps
from django.urls import reverse
from reversion.models import Version

from exercises.models import Category, Equipment, EquipmentAlias, Exercise, Muscle, MuscleAlias
from exercises.search import search_exercises
from exercises.services import merge_terms
from exercises.vocabulary import SEED, fold, seed_vocabulary
from tests.factories import make_exercise

pytestmark = pytest.mark.django_db


def test_merging_through_the_admin_action_moves_every_exercise_to_the_kept_term(
    editor_client,
):
    band = Equipment.objects.get(slug="band")
    tube = Equipment.objects.create(name="Tube", slug="tube", translated_names={"es": "Tubo"})
    both = make_exercise(title="Both")
    both.equipment.add(band, tube)
    only_tube = make_exercise(title="Only tube")
    only_tube.equipment.add(tube)
    changelist = reverse("admin:exercises_equipment_changelist")
    selected = {"action": "merge_into", "_selected_action": [band.pk, tube.pk]}

    page = editor_client.post(changelist, selected)
    assert page.status_code == 200
    assert b'name="into"' in page.content
    done = editor_client.post(changelist, {**selected, "into": band.pk, "apply": "Merge"})

    assert done.status_code == 302
    assert not Equipment.objects.filter(slug="tube").exists()
    assert list(both.equipment.values_list("slug", flat=True)) == ["band"]
    assert list(only_tube.equipment.values_list("slug", flat=True)) == ["band"]
    assert {"tube", "tubo"} <= set(band.aliases.values_list("slug", flat=True))
    assert Version.objects.get_for_object(only_tube).count() == 1


def test_merged_exercises_are_found_by_the_kept_terms_name_in_search():
    band = Equipment.objects.get(slug="band")
    tube = Equipment.objects.create(name="Tube", slug="tube")
    exercise = make_exercise(title="Rowing")
    exercise.equipment.add(tube)
    published = Exercise.objects.published().in_language("en")
    assert list(search_exercises(published, query="band", language="en")) == []

    merge_terms(terms=[tube], into=band)

    assert list(search_exercises(published, query="band", language="en")) == [exercise]
    # The merged word is now an alias of the kept term: visitors who type it still find it.
    assert list(search_exercises(published, query="tube", language="en")) == [exercise]


def test_merged_words_are_found_by_the_next_import(editor_client, tmp_path):
    from tests.importing.helpers import write

    tube = Muscle.objects.create(name="Gluteals", slug="gluteals")
    glutes = Muscle.objects.get(slug="glutes")
    editor_client.post(
        reverse("admin:exercises_muscle_changelist"),
        {
            "action": "merge_into",
            "_selected_action": [tube.pk, glutes.pk],
            "into": glutes.pk,
            "apply": "Merge",
        },
    )
    write(tmp_path / "x.md", "---\ntitle: X\nmuscles: [Gluteals]\n---\n")
    from django.core.management import call_command

    call_command("import_exercises", str(tmp_path), verbosity=0)

    assert list(Exercise.objects.get().muscles.values_list("slug", flat=True)) == ["glutes"]


def test_a_term_is_renamed_and_translated_in_the_admin_and_aliases_are_folded(editor_client):
    ball = Equipment.objects.get(slug="ball")
    url = reverse("admin:exercises_equipment_change", args=[ball.pk])

    response = editor_client.post(
        url,
        {
            "name": "Stability ball",
            "name_es": "Fitball",
            "slug": "ball",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-slug": "Pelota Gigánte",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    ball.refresh_from_db()
    assert (ball.name_in("en"), ball.name_in("es")) == ("Stability ball", "Fitball")
    assert EquipmentAlias.objects.get(slug="pelota-gigante").term == ball


def test_the_changelist_searches_other_languages_and_aliases(editor_client):
    url = reverse("admin:exercises_muscle_changelist")

    by_spanish = editor_client.get(url, {"q": "Cuádriceps"}).context["cl"].result_list
    by_alias = editor_client.get(url, {"q": "latissimus"}).context["cl"].result_list

    assert [term.slug for term in by_spanish] == ["quads"]
    assert [term.slug for term in by_alias] == ["lats"]


def test_the_seed_never_gives_one_word_to_two_terms():
    for kind, terms in SEED.items():
        owner: dict[str, str] = {}
        for term in terms:
            words = {term.slug, *term.aliases, *map(fold, term.names.values())}
            for word in words:
                assert word == fold(word), (kind, word)
                assert owner.setdefault(word, term.slug) == term.slug, (kind, word)


def test_the_data_migration_merges_spanish_and_synonym_terms_and_names_the_rest():
    for model in (EquipmentAlias, MuscleAlias):
        model.objects.all().delete()
    Equipment.objects.all().delete()
    Muscle.objects.all().delete()
    Category.objects.all().delete()
    # Rows as they were before the vocabulary: one per spelling, names only.
    ball = Equipment.objects.create(name="Ball", slug="ball")
    pelota = Equipment.objects.create(name="Pelota", slug="pelota")
    smith = Equipment.objects.create(name="Smith", slug="smith")
    quads = Muscle.objects.create(name="Quadriceps", slug="quadriceps")
    cuadriceps = Muscle.objects.create(name="Cuádriceps", slug="cuadriceps")
    odd = Muscle.objects.create(name="Serrato", slug="serrato")
    aro = Category.objects.create(name="Aro", slug="aro")
    english = make_exercise(title="Ball squat", category=aro)
    english.equipment.add(ball, smith)
    english.muscles.add(quads)
    spanish = make_exercise(title="Sentadilla", language="es", category=aro)
    spanish.equipment.add(pelota, ball)
    spanish.muscles.add(cuadriceps, odd)

    seed_vocabulary(apps)

    assert not Equipment.objects.filter(slug__in=["pelota", "smith"]).exists()
    assert not Muscle.objects.filter(slug__in=["quadriceps", "cuadriceps"]).exists()
    assert sorted(english.equipment.values_list("slug", flat=True)) == ["ball", "smith-machine"]
    assert list(spanish.equipment.values_list("slug", flat=True)) == ["ball"]
    assert list(english.muscles.values_list("slug", flat=True)) == ["quads"]
    assert sorted(spanish.muscles.values_list("slug", flat=True)) == ["quads", "serrato"]
    english.refresh_from_db()
    assert english.category.slug == "ring"
    ball.refresh_from_db()
    assert ball.name_in("es") == "Pelota"
    assert Muscle.objects.get(slug="serrato").all_names() == {"en": "Serrato", "es": "Serrato"}
    assert Equipment.objects.get(slug="smith-machine").name == "Smith machine"
    # Run twice (as on a database already converted): nothing changes.
    counts = (Equipment.objects.count(), EquipmentAlias.objects.count())
    seed_vocabulary(apps)
    assert (Equipment.objects.count(), EquipmentAlias.objects.count()) == counts
