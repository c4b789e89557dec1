"""Source words in any language land on the canonical terms; export writes them back in the
file's language; accented file names keep their name as the slug."""

import pytest

from exercises.fileformat import export_exercises
from exercises.fileformat.slugs import exercise_slug
from exercises.models import Category, Equipment, Exercise, Muscle
from tests.importing.helpers import write

pytestmark = pytest.mark.django_db

SPANISH = """---
title: "Puente con Pelota"
translationKey: ball-bridge
equipment: ["Pelota", "Esterilla", "Colchoneta"]
muscles: ["Glúteos", "CUÁDRICEPS", "latissimus dorsi", "Serrato Anterior"]
---
Cuerpo.
"""

ENGLISH = """---
title: "Ball Bridge"
translationKey: ball-bridge
equipment: [ball, mat]
muscles: [glutes, quadriceps, lats]
---
Body.
"""


def slugs(terms) -> list[str]:
    return sorted(term.slug for term in terms.all())


def test_spanish_and_synonym_words_land_on_the_canonical_terms(tmp_path, run_import):
    write(tmp_path / "es/pelota/puente-con-pelota.md", SPANISH)
    write(tmp_path / "en/ball/ball-bridge.md", ENGLISH)

    result = run_import(tmp_path)

    assert result.exit_code == 0, result.stderr
    spanish = Exercise.objects.get(language="es")
    english = Exercise.objects.get(language="en")
    assert slugs(spanish.equipment) == slugs(english.equipment) == ["ball", "mat"]
    assert spanish.category == english.category == Category.objects.get(slug="ball")
    assert slugs(english.muscles) == ["glutes", "lats", "quads"]
    assert slugs(spanish.muscles) == ["glutes", "lats", "quads", "serrato-anterior"]


def test_an_unknown_word_makes_one_flagged_term_named_in_the_files_language(tmp_path, run_import):
    write(tmp_path / "es/a.md", SPANISH)
    write(
        tmp_path / "es/b.md",
        SPANISH.replace("Puente con Pelota", "Otro")
        .replace("ball-bridge", "other")
        .replace("Serrato Anterior", "serrato anterior"),
    )

    run_import(tmp_path)

    new = Muscle.objects.get(created_by_import=True)
    assert new.slug == "serrato-anterior"
    assert new.name_in("es") == "Serrato Anterior"
    assert new.exercises.count() == 2
    assert not Equipment.objects.filter(created_by_import=True).exists()


def test_run_together_equipment_from_file_names_gets_a_human_name(tmp_path, run_import):
    write(tmp_path / "bench-press_smith.md", "---\nvideo: O5-ROTyo2dA\n---\nPress the bar.\n")
    write(tmp_path / "curl_ezbar.md", "---\nvideo: O5-ROTyo2dA\n---\nCurl the bar.\n")

    run_import(tmp_path)

    names = sorted(
        term.name for term in Equipment.objects.filter(exercises__isnull=False).distinct()
    )
    assert names == ["EZ bar", "Smith machine"]


def test_export_writes_names_in_the_files_language_and_imports_back_to_the_same_terms(
    tmp_path, run_import
):
    write(tmp_path / "source/es/puente.md", SPANISH)
    run_import(tmp_path / "source")
    list(export_exercises(directory=tmp_path / "out"))

    exported = (tmp_path / "out/es/puente.md").read_text(encoding="utf-8")
    assert "- Esterilla\n- Pelota\n" in exported
    assert "- Cuádriceps\n- Dorsales\n- Glúteos\n- Serrato Anterior\n" in exported

    Exercise.objects.all().delete()
    run_import(tmp_path / "out")
    list(export_exercises(directory=tmp_path / "again"))
    assert (tmp_path / "again/es/puente.md").read_text(encoding="utf-8") == exported
    assert slugs(Exercise.objects.get().equipment) == ["ball", "mat"]


def test_an_accented_file_name_is_folded_to_ascii_and_kept_as_the_slug(tmp_path, run_import):
    write(tmp_path / "es/tirón-de-pierna-frente.md", "---\ntitle: Patada al Frente\n---\n")

    run_import(tmp_path)

    assert Exercise.objects.get().slug == "tiron-de-pierna-frente"


def test_slug_rules_for_file_stems():
    assert exercise_slug(front_matter_slug="", file_stem="año-nuevo", title="X") == "ano-nuevo"
    # Not a clean name even without accents: the title decides, as before.
    assert exercise_slug(front_matter_slug="", file_stem="Tirón_Pierna", title="Leg Pull") == (
        "leg-pull"
    )
