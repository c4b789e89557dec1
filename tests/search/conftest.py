import pytest

from exercises.models import Equipment, Exercise, Muscle, Status, Step
from exercises.search import index_exercises
from tests.factories import make_exercise, make_term


@pytest.fixture
def searchable(db):
    """A small indexed bilingual library where the query words sit in different fields."""
    mat = make_term(Equipment, "Mat")
    glutes = make_term(Muscle, "Glúteos")
    rows = {
        "plank": make_exercise(
            title="Plank", description="Hold one straight line.", difficulty="beginner"
        ),
        "side_plank": make_exercise(
            title="Side Plank", description="Balance on one hand.", difficulty="intermediate"
        ),
        # "plank" only in the description: must come after the title matches.
        "tuck": make_exercise(
            title="Ball Knee Tuck",
            description="From a plank, pull the ball in with your feet.",
            difficulty="intermediate",
        ),
        "hundred": make_exercise(
            title="The Hundred", description="Pump the arms.", difficulty="beginner"
        ),
        "swan": make_exercise(
            title="Swan Dive", description="Rock forward.", difficulty="advanced"
        ),
        "plank_draft": make_exercise(title="Plank Secret", status=Status.DRAFT),
        "puente": make_exercise(
            title="Puente de glúteos",
            slug="puente-de-gluteos",
            language="es",
            description="Eleva la cadera.",
            difficulty="beginner",
        ),
        "rotacion": make_exercise(
            title="Rotacion de columna",
            language="es",
            description="Sin acentos en el título.",
            difficulty="beginner",
        ),
        "plancha": make_exercise(
            title="Plancha lateral",
            language="es",
            description="Apoya un antebrazo.",
            difficulty="intermediate",
        ),
        "pies": make_exercise(
            title="Rodamiento de pies",
            language="es",
            description="Bajo dos luces.",
        ),
        "plancha_draft": make_exercise(title="Plancha secreta", language="es", status=Status.DRAFT),
    }
    rows["swan"].equipment.add(mat)
    rows["swan"].tags.add("extension")
    rows["puente"].muscles.add(glutes)
    Step.objects.create(exercise=rows["hundred"], position=1, text="Breathe in for five pumps.")
    index_exercises(Exercise.objects.values_list("pk", flat=True))
    return rows
