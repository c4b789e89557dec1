"""Every taxonomy word of the real shapes reaches a canonical term: spellings, plurals,
connecting words and head words; near-duplicate tags become one; one name per language for
a term whether it is a category or equipment."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from taggit.models import Tag

from exercises.models import Category, Equipment, Exercise, Muscle
from exercises.report.findings import FindingKind, near_duplicate_tags
from exercises.vocabulary import (
    SEED,
    loose_key,
    merge_loosely_known_terms,
    merge_near_duplicate_tags,
    rename_seed_terms,
    tag_key,
)
from tests.factories import make_exercise
from tests.importing.helpers import write

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Bandas elásticas", "banda-elastica"),
        ("flexores de la cadera", "Flexor cadera"),
        ("Hamstrings", "hamstring"),
    ],
)
def test_spellings_of_one_word_share_a_loose_key(first, second):
    assert loose_key(first) == loose_key(second)


def test_tags_with_the_same_words_in_any_form_share_a_key():
    assert tag_key("ejercicio de glúteos") == tag_key("Ejercicios glúteos")
    assert tag_key("core workout") == tag_key("Workouts core")
    assert tag_key("pilates para principiantes") == tag_key("Pilates principiantes")
    assert tag_key("core workout") != tag_key("core stretch")


def test_a_term_has_one_name_per_language_as_category_and_as_equipment():
    categories = {seed.slug: seed.names for seed in SEED["Category"]}
    shared = [seed for seed in SEED["Equipment"] if seed.slug in categories]

    assert {seed.slug for seed in shared} >= {"mat", "ball", "band", "ring"}
    for seed in shared:
        assert seed.names == categories[seed.slug], seed.slug
    assert categories["mat"]["es"] == "Esterilla"
    assert Category.objects.get(slug="mat").name_in("es") == "Esterilla"
    assert Equipment.objects.get(slug="mat").name_in("es") == "Esterilla"


SPANISH_PAGE = """\
---
title: "Puente con banda"
translationKey: bridge-band
equipment: ["banda de resistencia", "bandas elásticas", "aro mágico", "banda mini", "esterillas"]
muscles: ["glúteo mayor", "músculos abdominales", "cara interna del muslo", "flexores de la cadera"]
keywords: ["ejercicio de glúteos"]
---
Texto.
"""
ENGLISH_PAGE = """\
---
title: "Band Bridge"
translationKey: bridge-band
equipment: ["mini loop band", "Pilates Rings"]
muscles: ["hamstring"]
keywords: ["Glute exercise"]
---
Text.
"""
OTHER_SPANISH_PAGE = """\
---
title: "Otro puente"
equipment: ["bloque de yoga"]
keywords: ["ejercicio glúteos", "Ejercicios de Glúteos", "glute exercises"]
---
Texto.
"""


def test_spanish_and_english_source_words_reach_canonical_terms(tmp_path):
    write(tmp_path / "es" / "puente.md", SPANISH_PAGE)
    write(tmp_path / "en" / "bridge.md", ENGLISH_PAGE)

    call_command("import_exercises", str(tmp_path), stdout=StringIO(), stderr=StringIO())

    spanish = Exercise.objects.get(language="es")
    english = Exercise.objects.get(language="en")
    assert sorted(spanish.equipment.values_list("slug", flat=True)) == ["band", "mat", "ring"]
    assert sorted(spanish.muscles.values_list("slug", flat=True)) == [
        "abs",
        "adductors",
        "glutes",
        "hip-flexors",
    ]
    assert sorted(english.equipment.values_list("slug", flat=True)) == ["band", "ring"]
    assert list(english.muscles.values_list("slug", flat=True)) == ["hamstrings"]
    assert not Equipment.objects.filter(created_by_import=True).exists()
    assert not Muscle.objects.filter(created_by_import=True).exists()


def test_near_duplicate_keywords_become_one_tag_and_unknown_words_a_flagged_term(tmp_path):
    write(tmp_path / "es" / "puente.md", SPANISH_PAGE)
    write(tmp_path / "es" / "otro.md", OTHER_SPANISH_PAGE)
    write(tmp_path / "en" / "bridge.md", ENGLISH_PAGE)

    call_command("import_exercises", str(tmp_path), stdout=StringIO(), stderr=StringIO())

    # Files import in path order: en/bridge.md, es/otro.md, es/puente.md.
    assert sorted(Tag.objects.values_list("name", flat=True)) == [
        "Glute exercise",
        "ejercicio glúteos",
    ]
    other = Exercise.objects.get(title="Otro puente")
    assert sorted(other.tags.names()) == ["Glute exercise", "ejercicio glúteos"]
    assert list(Exercise.objects.get(title="Puente con banda").tags.names()) == [
        "ejercicio glúteos"
    ]
    block = Equipment.objects.get(created_by_import=True)
    assert (block.name, block.slug) == ("Bloque de yoga", "bloque-de-yoga")


def test_the_migration_merges_terms_imports_made_for_words_now_known(tmp_path):
    made = Equipment.objects.create(
        slug="banda-de-tela",
        name="Banda de tela",
        translated_names={"es": "Banda de tela"},
        created_by_import=True,
    )
    unknown = Equipment.objects.create(
        slug="bloque", name="Bloque", translated_names={"es": "Bloque"}, created_by_import=True
    )
    exercise = make_exercise(title="Remo", language="es")
    exercise.equipment.add(made, unknown)

    merge_loosely_known_terms(apps)

    assert sorted(exercise.equipment.values_list("slug", flat=True)) == ["band", "bloque"]
    assert not Equipment.objects.filter(slug="banda-de-tela").exists()
    assert Equipment.objects.get(slug="band").aliases.filter(slug="banda-de-tela").exists()


def test_the_migration_renames_seed_terms_an_editor_left_alone():
    mat = Category.objects.get(slug="mat")
    mat.translated_names = {**mat.translated_names, "es": "Suelo"}
    mat.save()
    chair = Category.objects.get(slug="chair")
    chair.translated_names = {**chair.translated_names, "es": "Silla alta"}
    chair.name = "Chair"
    chair.save()

    rename_seed_terms(apps)

    mat.refresh_from_db()
    chair.refresh_from_db()
    assert mat.name_in("es") == "Esterilla"
    assert (chair.name, chair.name_in("es")) == ("Pilates chair", "Silla alta")


def test_the_migration_merges_near_duplicate_tags_into_the_most_used():
    first, second, third = (make_exercise(title=f"E{number}") for number in range(3))
    first.tags.add("ejercicio de glúteos")
    second.tags.add("ejercicio de glúteos")
    second.tags.add("Ejercicio glúteos")
    third.tags.add("Ejercicio glúteos", "core")
    assert [finding.kind for finding in near_duplicate_tags()] == [FindingKind.NEAR_DUPLICATE_TAG]

    merge_near_duplicate_tags(apps)

    assert sorted(Tag.objects.values_list("name", flat=True)) == ["core", "ejercicio de glúteos"]
    for exercise in (first, second, third):
        assert "ejercicio de glúteos" in exercise.tags.names()
    assert list(near_duplicate_tags()) == []
