from datetime import date

import pytest

from exercises.models import Category, Equipment, Exercise, Muscle, Status, Step
from exercises.search import index_exercises
from tests.factories import make_exercise, make_full_exercise, make_term


@pytest.fixture
def library(db):
    """A small bilingual library: English exercises with varied facets, one Spanish
    translation, one draft, and one Spanish-only exercise."""
    mat = make_term(Category, "Mat")
    band_category = make_term(Category, "Band")
    mat_equipment = make_term(Equipment, "Mat")
    band = make_term(Equipment, "Resistance band")
    core = make_term(Muscle, "Core")
    glutes = make_term(Muscle, "Glutes")
    hamstrings = make_term(Muscle, "Hamstrings")

    hundred = make_exercise(
        title="The Hundred",
        description="Pump the arms while holding a curl.",
        difficulty="beginner",
        duration=60,
        category=mat,
        translation_key="hundred",
        published_on=date(2024, 1, 10),
        last_modified_on=date(2024, 3, 1),
    )
    hundred.equipment.add(mat_equipment)
    hundred.muscles.add(core)
    hundred.tags.add("breathing", "classic")
    Step.objects.create(exercise=hundred, position=1, text="Curl the head and shoulders up.")
    Step.objects.create(exercise=hundred, position=2, text="Pump the arms ten times per breath.")

    kickback = make_exercise(
        title="Band Glute Kickback",
        description="Kick back against a band.",
        difficulty="intermediate",
        duration=120,
        category=band_category,
        published_on=date(2024, 5, 2),
    )
    kickback.equipment.add(band, mat_equipment)
    kickback.muscles.add(glutes, hamstrings)
    kickback.tags.add("glutes")
    Step.objects.create(exercise=kickback, position=1, text="Loop the band around both feet.")

    teaser = make_exercise(
        title="Teaser",
        description="Balance in a V shape.",
        difficulty="advanced",
        duration=300,
        category=mat,
        published_on=date(2023, 11, 20),
    )
    teaser.equipment.add(mat_equipment)
    teaser.muscles.add(core, hamstrings)
    teaser.tags.add("classic")

    bridge = make_exercise(
        title="Shoulder Bridge",
        description="Lift the hips and reach one leg up.",
        difficulty="beginner",
        duration=90,
        category=mat,
        published_on=date(2024, 2, 14),
    )
    bridge.equipment.add(mat_equipment)
    bridge.muscles.add(glutes, hamstrings)
    Step.objects.create(exercise=bridge, position=1, title="Set up", text="Lie down, knees bent.")

    draft = make_exercise(
        title="Secret Draft", status=Status.DRAFT, difficulty="beginner", category=mat
    )
    draft.equipment.add(mat_equipment)

    cien = make_exercise(
        title="El Cien",
        slug="el-cien",
        language="es",
        description="Bombea los brazos.",
        difficulty="beginner",
        duration=60,
        category=mat,
        translation_key="hundred",
        published_on=date(2024, 1, 12),
    )
    cien.equipment.add(mat_equipment)
    cien.muscles.add(core)

    sirena = make_exercise(
        title="Sirena", language="es", difficulty="beginner", published_on=date(2024, 4, 1)
    )
    index_exercises(Exercise.objects.values_list("pk", flat=True))
    return {
        "hundred": hundred,
        "kickback": kickback,
        "teaser": teaser,
        "bridge": bridge,
        "draft": draft,
        "cien": cien,
        "sirena": sirena,
    }


@pytest.fixture
def full_exercise(db):
    return make_full_exercise(title="Full Roll Up", published_on=date(2024, 6, 1))
