import os

import pytest

from exercises.models import Category, Equipment, Muscle, Step
from publishing import pipeline
from tests.factories import make_exercise, make_term

# Playwright's sync API runs an event loop in the browser tests' thread (see
# tests/browser/conftest.py, which sets the same before any test touches the database).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# (English title, Spanish title, difficulty, equipment, muscles): a small Pilates library.
MOVES = [
    ("Pelvic Tilt", "Basculación pélvica", "beginner", ["mat"], ["core", "lower-back"]),
    ("Cat Stretch", "Estiramiento del gato", "beginner", ["mat"], ["spine", "back"]),
    ("Spine Stretch Forward", "Estiramiento de columna", "beginner", ["mat"], ["spine"]),
    ("The Hundred", "El cien", "beginner", ["mat"], ["abs", "core"]),
    ("Roll Up", "Enrollarse", "intermediate", ["mat"], ["abs", "spine"]),
    ("Single Leg Stretch", "Estiramiento de una pierna", "beginner", ["mat"], ["abs"]),
    ("Double Leg Stretch", "Estiramiento de dos piernas", "intermediate", ["mat"], ["abs"]),
    ("Criss Cross", "Tijera cruzada", "intermediate", ["mat"], ["obliques", "abs"]),
    ("Shoulder Bridge", "Puente de hombros", "beginner", ["mat"], ["glutes", "hamstrings"]),
    ("Clamshell", "Almeja", "beginner", ["mat"], ["glute-medius", "hips"]),
    ("Side Kick", "Patada lateral", "intermediate", ["mat"], ["glutes", "abductors"]),
    ("Swimming", "Natación", "intermediate", ["mat"], ["back", "glutes"]),
    ("Swan", "Cisne", "intermediate", ["mat"], ["upper-back", "spine"]),
    ("Plank", "Plancha", "intermediate", [], ["core", "shoulders"]),
    ("Side Plank", "Plancha lateral", "advanced", [], ["obliques", "shoulders"]),
    ("Teaser", "Teaser", "advanced", ["mat"], ["abs", "hip-flexors"]),
    ("Saw", "Sierra", "beginner", ["mat"], ["obliques", "hamstrings"]),
    ("Mermaid", "Sirena", "beginner", ["mat"], ["obliques"]),
    ("Child's Pose", "Postura del niño", "beginner", ["mat"], ["lower-back"]),
    ("Leg Circles", "Círculos con la pierna", "beginner", ["mat"], ["hip-flexors", "quads"]),
    ("Band Pull Apart", "Separación con banda", "beginner", ["band"], ["upper-back", "shoulders"]),
    (
        "Band Glute Kickback",
        "Patada de glúteo con banda",
        "intermediate",
        ["band", "mat"],
        ["glutes"],
    ),
    ("Ball Bridge", "Puente con pelota", "intermediate", ["ball", "mat"], ["glutes", "core"]),
    ("Ring Squeeze", "Presión del aro", "beginner", ["ring"], ["adductors"]),
    ("Wall Squat", "Sentadilla en la pared", "beginner", ["wall"], ["quads", "glutes"]),
    ("Push Up", "Flexión", "advanced", [], ["chest", "triceps", "core"]),
    ("Arm Circles", "Círculos de brazos", "beginner", [], ["shoulders", "arms"]),
    ("Standing Roll Down", "Rodar hacia abajo de pie", "beginner", [], ["spine", "hamstrings"]),
]
STEPS = [
    ("Lie on your back with the knees bent.", "Túmbate boca arriba con las rodillas dobladas."),
    ("Breathe in to prepare.", "Inhala para preparar."),
    ("Breathe out and move with control.", "Exhala y muévete con control."),
]


@pytest.fixture
def workout_library(db):
    """Every move in English and in Spanish (a translation key each), published, with
    equipment, muscles and three steps; returns the exercises by language."""
    # One derivation at the end, as a bulk writer does, not one per row written.
    with pipeline.batch():
        return _build_workout_library()


def _build_workout_library():
    category = make_term(Category, "Mat")
    terms = {}
    by_language: dict[str, list] = {"en": [], "es": []}
    for english, spanish, difficulty, equipment, muscles in MOVES:
        for language, title in (("en", english), ("es", spanish)):
            exercise = make_exercise(
                title=title,
                language=language,
                difficulty=difficulty,
                duration=60,
                category=category,
                translation_key=english.lower().replace(" ", "-"),
                description=f"{title}.",
            )
            for slug in equipment:
                term = terms.get(("e", slug)) or make_term(Equipment, slug)
                terms[("e", slug)] = term
                exercise.equipment.add(term)
            for slug in muscles:
                term = terms.get(("m", slug)) or make_term(Muscle, slug)
                terms[("m", slug)] = term
                exercise.muscles.add(term)
            for position, texts in enumerate(STEPS, start=1):
                Step.objects.create(
                    exercise=exercise, position=position, text=texts[language == "es"]
                )
            by_language[language].append(exercise)
    return by_language
