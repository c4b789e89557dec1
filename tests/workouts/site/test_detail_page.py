"""A workout's page: its routine linked to the exercises, total time, follow-along video,
translations, JSON-LD HowTo; drafts for editors only; a fixed number of queries."""

import pytest

from publishing.models import Status
from tests.site.helpers import hreflang_links, json_ld_of_type
from tests.site.test_query_counts import page_shown, schedule_looked_up
from workouts.models import Workout, WorkoutSection

pytestmark = pytest.mark.django_db

DETAIL_QUERIES = 12


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_workout_page_answers_in_both_languages_with_its_routine(
    client, morning_workout, language
):
    workout = morning_workout[language]
    response = client.get(workout.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    routine = response.context["routine"]
    assert [section.kind for section in routine.sections] == ["warm_up", "main", "cool_down"]
    assert len(routine.items) == 7
    for item in routine.items:
        if item.exercise is not None:
            assert f'href="{item.exercise.get_absolute_url()}"' in html
            assert item.exercise.language == language
    assert "Star Jumps" in html  # a movement no exercise matched, shown by its name
    assert "100 pumps" in html
    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/O5-ROTyo2dA' in html
    assert routine.total_seconds == 9 * 60
    assert 'datetime="PT540S"' in html


def test_the_english_page_is_in_english_and_the_spanish_in_spanish(client, morning_workout):
    english = client.get("/workouts/morning-core/").content.decode()
    spanish = client.get("/es/entrenamientos/despertar-core/").content.decode()
    assert "Start the workout" in english and "Total time" in english
    assert "Empezar el entrenamiento" in spanish and "Tiempo total" in spanish
    assert "Calentamiento" in spanish and "Vuelta a la calma" in spanish


def test_items_without_instructions_show_their_exercises_first_steps(client, morning_workout):
    response = client.get("/workouts/morning-core/")
    items = response.context["routine"].items
    assert items[1].instructions == ("Curl up.", "Pump the arms.")
    assert items[2].instructions == (
        "Lie on your back with the knees bent.",
        "Breathe in to prepare.",
        "Breathe out and move with control.",
    )


def test_translations_are_linked_both_ways(client, morning_workout):
    english = client.get("/workouts/morning-core/").content.decode()
    assert hreflang_links(english) == {
        "en": "http://testserver/workouts/morning-core/",
        "es": "http://testserver/es/entrenamientos/despertar-core/",
        "x-default": "http://testserver/workouts/morning-core/",
    }
    spanish = client.get("/es/entrenamientos/despertar-core/").content.decode()
    assert 'href="/workouts/morning-core/" hreflang="en"' in spanish


def test_json_ld_howto_has_the_total_time_and_a_step_per_item(client, morning_workout):
    response = client.get("/workouts/morning-core/")
    (howto,) = json_ld_of_type(response.content.decode(), "HowTo")
    items = response.context["routine"].items
    assert howto["name"] == "Morning Core Wake-Up"
    assert howto["totalTime"] == "PT9M"
    assert howto["url"] == "http://testserver/workouts/morning-core/"
    assert [step["position"] for step in howto["step"]] == list(range(1, 8))
    for step, item in zip(howto["step"], items, strict=True):
        assert step["name"] == item.name
        if item.exercise is not None:
            assert step["url"] == f"http://testserver{item.exercise.get_absolute_url()}"
        else:
            assert step["url"] == f"http://testserver/workouts/morning-core/#item-{item.number}"
    assert howto["step"][1]["text"] == "Curl up. Pump the arms."
    assert json_ld_of_type(response.content.decode(), "BreadcrumbList")


def test_drafts_are_for_editors_only(client, admin_client, morning_workout):
    Workout.objects.filter(slug="morning-core").update(status="draft")
    assert client.get("/workouts/morning-core/").status_code == 404
    response = admin_client.get("/workouts/morning-core/")
    assert response.status_code == 200
    assert b'content="noindex, nofollow"' in response.content


def test_an_unknown_workout_is_not_found(client, db):
    assert client.get("/workouts/no-such-workout/").status_code == 404
    assert client.get("/es/entrenamientos/no-existe/").status_code == 404


@pytest.mark.parametrize("extra_sections", [0, 12])
def test_the_workout_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, morning_workout, workout_library, extra_sections
):
    workout = morning_workout["en"]
    for number in range(extra_sections):
        section = WorkoutSection.objects.create(workout=workout, position=10 + number)
        for position, exercise in enumerate(workout_library["en"][:6]):
            section.items.create(position=position, exercise=exercise, duration=45)
    schedule_looked_up()
    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = page_shown(client, "/workouts/morning-core/")
    assert len(response.context["routine"].items) == 7 + 6 * extra_sections


def test_a_workout_of_prose_alone_states_its_minutes_in_spanish_and_counts_no_exercises(client, db):
    Workout.objects.create(
        title="Solo texto",
        slug="solo-texto",
        language="es",
        status=Status.PUBLISHED,
        duration=30,
        body="Respira.",
    )

    html = client.get("/es/entrenamientos/solo-texto/").content.decode()

    assert "30 minutos" in html and "30 minutes" not in html
    assert "<dt>Ejercicios</dt>" not in html  # no routine: not "Ejercicios 0"
