"""The generator page: a workout for the query string, the same one each time, in the
page's language, with its JSON-LD; and what to relax when nothing fits."""

import pytest

from exercises.models import Equipment, Muscle, Step
from tests.factories import make_exercise, make_term
from tests.site.helpers import json_ld_of_type
from tests.site.test_query_counts import page_shown, schedule_looked_up

pytestmark = pytest.mark.django_db

GENERATOR_QUERIES = 7


def routine_names(response) -> list[str]:
    return [item.name for item in response.context["routine"].items]


@pytest.mark.parametrize(
    ("url", "language"),
    [("/workouts/generator/", "en"), ("/es/entrenamientos/generador/", "es")],
)
def test_the_generator_answers_in_both_languages_with_that_languages_exercises(
    client, workout_library, url, language
):
    response = client.get(url)
    assert response.status_code == 200
    items = response.context["routine"].items
    assert items
    assert {item.exercise.language for item in items} == {language}
    assert response.context["plan"].total_seconds == 20 * 60


def test_a_first_visit_gets_a_mat_workout_and_a_sent_form_without_equipment_gets_none(
    client, workout_library
):
    first = client.get("/workouts/generator/")
    assert first.context["plan"].equipment == ("mat",)
    sent = client.get("/workouts/generator/?duration=5&difficulty=advanced")
    assert sent.context["plan"].equipment == ()
    assert all(not item.exercise.equipment.exists() for item in sent.context["routine"].items)


def test_the_same_address_gives_the_same_workout_and_another_seed_another(client, workout_library):
    url = "/workouts/generator/?duration=15&equipment=mat&difficulty=advanced&seed=3"
    first = routine_names(client.get(url))
    assert routine_names(client.get(url)) == first
    other = routine_names(client.get(url.replace("seed=3", "seed=4")))
    assert other != first
    shuffle = client.get(url).context["shuffle_url"]
    assert "seed=4" in shuffle


def test_the_page_lists_the_items_linked_to_their_exercises_with_steps(client, workout_library):
    response = client.get("/workouts/generator/?duration=10&equipment=mat&difficulty=beginner")
    html = response.content.decode()
    for item in response.context["routine"].items:
        assert f'href="{item.exercise.get_absolute_url()}"' in html
        assert item.exercise.difficulty == "beginner"
    assert "Lie on your back with the knees bent." in html
    assert "data-workout-player" in html
    assert 'id="item-1"' in html


def test_json_ld_is_a_howto_with_the_total_time_and_one_step_per_item(client, workout_library):
    response = client.get(
        "/es/entrenamientos/generador/?duration=20&equipment=mat&difficulty=advanced"
    )
    (howto,) = json_ld_of_type(response.content.decode(), "HowTo")
    items = response.context["routine"].items
    assert howto["totalTime"] == "PT20M"
    assert howto["inLanguage"] == "es"
    assert len(howto["step"]) == len(items)
    for number, (step, item) in enumerate(zip(howto["step"], items, strict=True), start=1):
        assert step["@type"] == "HowToStep"
        assert step["position"] == number
        assert step["name"] == item.name
        assert step["url"] == f"http://testserver{item.exercise.get_absolute_url()}"
        assert step["timeRequired"].startswith("PT")
        assert step["text"]
    assert howto["tool"] == [{"@type": "HowToTool", "name": "Esterilla"}]


def test_when_nothing_fits_the_page_says_so_and_links_each_relaxation(client, workout_library):
    response = client.get("/workouts/generator/?duration=60&difficulty=beginner")
    assert response.status_code == 200
    assert response.context["plan"].is_empty
    html = response.content.decode()
    assert "No workout fits these choices" in html
    assert json_ld_of_type(html, "HowTo") == []
    suggestions = response.context["suggestions"]
    assert suggestions
    for _label, url in suggestions:
        relaxed = client.get(url)
        assert not relaxed.context["plan"].is_empty, url


def test_nothing_fits_in_spanish_either(client, workout_library):
    response = client.get("/es/entrenamientos/generador/?duration=60&difficulty=beginner")
    html = response.content.decode()
    assert "Ningún entrenamiento encaja con estas opciones" in html


def test_values_out_of_range_fall_back_to_the_defaults(client, workout_library):
    response = client.get(
        "/workouts/generator/?duration=500&difficulty=expert&focus=toes&seed=-1&equipment=mat"
    )
    plan = response.context["plan"]
    assert (plan.duration, plan.difficulty, plan.focus, plan.seed) == (
        20,
        "intermediate",
        "all",
        0,
    )


def build_generator_library(size: int, *, first: int = 0) -> None:
    mat = make_term(Equipment, "mat")
    core = make_term(Muscle, "core")
    for number in range(first, first + size):
        exercise = make_exercise(title=f"Move {number:03d}", difficulty="beginner")
        exercise.equipment.add(mat)
        exercise.muscles.add(core)
        for position in range(3):
            Step.objects.create(exercise=exercise, position=position, text=f"Step {position}.")


@pytest.mark.parametrize("size", [30, 120])
def test_the_generator_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, size
):
    build_generator_library(size)
    schedule_looked_up()
    with django_assert_max_num_queries(GENERATOR_QUERIES):
        response = page_shown(client, "/workouts/generator/?duration=30&equipment=mat")
    assert len(response.context["routine"].items) >= 20
