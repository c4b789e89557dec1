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


@pytest.fixture
def morning_workout(workout_library):
    """A published English workout and its Spanish translation: warm-up, main (one item
    with its own instructions, one linked without, one named movement no exercise
    matched, a rest) and cool-down, with a follow-along video."""
    from workouts.models import Workout, WorkoutSection, WorkoutVideo

    english = {exercise.title: exercise for exercise in workout_library["en"]}
    spanish = {exercise.title: exercise for exercise in workout_library["es"]}
    made = {}
    for language, exercises, title, slug in (
        ("en", english, "Morning Core Wake-Up", "morning-core"),
        ("es", spanish, "Despertar del core", "despertar-core"),
    ):
        with pipeline.batch():
            workout = Workout.objects.create(
                title=title,
                slug=slug,
                language=language,
                translation_key="morning-core",
                status="published",
                description=f"{title}: ten minutes.",
                duration=10,
                difficulty="beginner",
                calories="40-60",
                follow_along_video_id="O5-ROTyo2dA",
                follow_along_video_title="Ten-minute core",
                follow_along_video_channel="Studio",
            )
            WorkoutVideo.objects.create(workout=workout, position=1, youtube_id="abcdefghijk")
            first = list(exercises.values())
            warm = WorkoutSection.objects.create(workout=workout, position=1, kind="warm_up")
            warm.items.create(position=1, kind="warm_up", exercise=first[0], duration=60)
            main = WorkoutSection.objects.create(
                workout=workout, position=2, kind="main", minutes=7
            )
            main.items.create(
                position=1,
                kind="exercise",
                exercise=first[3],
                name=first[3].title,
                duration=120,
                reps="100 pumps",
                instructions=["Curl up.", "Pump the arms."],
            )
            main.items.create(position=2, kind="exercise", exercise=first[4], duration=120)
            main.items.create(position=3, kind="exercise", name="Star Jumps", duration=60)
            main.items.create(position=4, kind="rest", duration=30)
            main.items.create(position=5, kind="exercise", exercise=first[8], duration=90)
            cool = WorkoutSection.objects.create(workout=workout, position=3, kind="cool_down")
            cool.items.create(position=1, kind="cool_down", exercise=first[18], duration=60)
        made[language] = workout
    return made


# (English title, Spanish title or None, minutes, difficulty, equipment, {group: [slugs]}).
SHELF = [
    (
        "Morning Core",
        "Centro al despertar",
        10,
        "beginner",
        ["mat"],
        {"time": ["10min"], "body_focus": ["core"], "mood": ["bright"]},
    ),
    (
        "Desk Break",
        "Pausa de oficina",
        5,
        "beginner",
        [],
        {"environment": ["desk"], "body_focus": ["back"], "mood": ["tense"]},
    ),
    ("Leg Day", None, 20, "intermediate", ["band"], {"body_focus": ["legs"], "goal": ["strength"]}),
    (
        "Ball Burn",
        None,
        30,
        "advanced",
        ["ball", "mat"],
        {"body_focus": ["core", "full-body"], "goal": ["strength"]},
    ),
    ("Long Flow", "Flujo largo", 50, "intermediate", ["mat"], {"goal": ["core"]}),
    ("Open Practice", None, None, "", [], {}),
]
# (group, slug, English name, Spanish name): "core" is in two groups, two options.
SHELF_CATEGORIES = [
    ("time", "10min", "10 minutes", "10 minutos"),
    ("body_focus", "core", "Core", "Centro"),
    ("body_focus", "back", "Back", "Espalda"),
    ("body_focus", "legs", "Legs", "Piernas"),
    ("body_focus", "full-body", "Whole body", "Cuerpo entero"),
    ("environment", "desk", "Desk", "Escritorio"),
    ("goal", "strength", "Strength", "Fuerza"),
    ("goal", "core", "Core strength", "Fuerza del centro"),
    ("mood", "bright", "Bright", "Con energía"),
    ("mood", "tense", "Tense", "Tensa"),
]


@pytest.fixture
def workout_shelf(db):
    """Published workouts of every length band, difficulty and category group in English,
    three of them translated into Spanish, a draft, and the terms they use; returns the
    workouts by English title (Spanish ones as "es:<English title>")."""
    with pipeline.batch():
        return build_workout_shelf()


def build_workout_shelf() -> dict:
    from django.utils.text import slugify

    from workouts.models import Workout, WorkoutCategory

    categories = {
        (group, slug): WorkoutCategory.objects.create(
            group=group, slug=slug, name=english, translated_names={"es": spanish}
        )
        for group, slug, english, spanish in SHELF_CATEGORIES
    }
    equipment = {slug: make_term(Equipment, slug) for slug in ("mat", "band", "ball")}
    Equipment.objects.filter(slug="ball").update(translated_names={"es": "Pelota"})
    made = {}
    for english, spanish, minutes, difficulty, tools, chosen in SHELF:
        for language, title in (("en", english), ("es", spanish)):
            if title is None:
                continue
            workout = Workout.objects.create(
                title=title,
                slug=slugify(title),
                language=language,
                translation_key=slugify(english),
                status="published",
                description=f"{title}.",
                duration=minutes,
                difficulty=difficulty,
            )
            workout.equipment.set([equipment[slug] for slug in tools])
            workout.categories.set(
                [categories[(group, slug)] for group, slugs in chosen.items() for slug in slugs]
            )
            made[title if language == "en" else f"es:{english}"] = workout
    Workout.objects.create(
        title="Secret Draft", slug="secret-draft", language="en", duration=10, status="draft"
    )
    return made
