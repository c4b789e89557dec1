"""Exercise pages name the workouts that use them, and the exercise search and its
suggestions find workouts too: in the page's language, published only, in a fixed number
of queries, and cached pages follow a workout's changes."""

import pytest
from django.test import override_settings

from publishing import pipeline
from tests.site.test_html_validity import html_errors, vnu  # noqa: F401  (the checker fixture)
from tests.site.test_query_counts import (
    DETAIL_QUERIES,
    LIST_QUERIES,
    page_shown,
    schedule_looked_up,
)
from workouts.models import Workout, WorkoutSection

pytestmark = pytest.mark.django_db


def make_workouts(
    exercise, count: int, *, language: str = "en", status: str = "published", first: int = 0
):
    """``count`` workouts of ``language``, each with a warm-up and a main section, the
    main one using ``exercise`` (twice, so a workout is still listed once)."""
    made = []
    with pipeline.batch():
        for number in range(first, first + count):
            workout = Workout.objects.create(
                title=f"Routine {number:03d}",
                slug=f"routine-{number:03d}",
                language=language,
                status=status,
                duration=20,
            )
            warm = WorkoutSection.objects.create(workout=workout, position=1, kind="warm_up")
            warm.items.create(position=1, kind="warm_up", name="March", duration=60)
            main = WorkoutSection.objects.create(workout=workout, position=2, kind="main")
            main.items.create(position=1, exercise=exercise, duration=120)
            main.items.create(position=2, exercise=exercise, duration=120)
            made.append(workout)
    return made


@pytest.mark.parametrize("language", ["en", "es"])
def test_an_exercise_page_lists_the_workouts_of_its_language_that_use_it(
    client, morning_workout, language
):
    workout = morning_workout[language]
    exercise = workout.sections.get(kind="main").items.get(position=1).exercise
    response = client.get(exercise.get_absolute_url())
    html = response.content.decode()
    heading = {"en": "Used in workouts", "es": "Usado en entrenamientos"}[language]
    assert heading in html
    links = response.context["used_in"].workouts
    assert [(link.title, link.url) for link in links] == [
        (workout.title, workout.get_absolute_url())
    ]
    # The items add up to nine minutes (the workout states ten).
    assert links[0].minutes == 9
    assert f'href="{workout.get_absolute_url()}"' in html


def test_an_exercise_no_workout_uses_has_no_workouts_section(client, morning_workout):
    exercise = morning_workout["en"].sections.get(kind="main").items.get(position=1).exercise
    unused = type(exercise).objects.filter(language="en").exclude(workout_items__isnull=False)[0]
    html = client.get(unused.get_absolute_url()).content.decode()
    assert "Used in workouts" not in html
    assert client.get(exercise.get_absolute_url()).context["used_in"].total == 1


def test_drafts_and_the_other_language_are_not_listed(client, workout_library):
    exercise = workout_library["en"][0]
    make_workouts(exercise, 2, status="draft")
    make_workouts(exercise, 2, language="es", first=2)
    html = client.get(exercise.get_absolute_url()).content.decode()
    assert "Used in workouts" not in html


def test_many_workouts_are_listed_six_and_the_rest_counted(client, workout_library):
    exercise = workout_library["en"][0]
    make_workouts(exercise, 9)
    response = client.get(exercise.get_absolute_url())
    used_in = response.context["used_in"]
    assert [link.title for link in used_in.workouts] == [f"Routine {n:03d}" for n in range(6)]
    assert used_in.total == 9
    assert "and 3 more workouts" in response.content.decode()


# The exercises' suggestions, and the workouts' titles (once per content version).
SUGGEST_QUERIES = 2
# Seven of the exercise page's own and one for the workouts that use the exercise.
EXERCISE_DETAIL_QUERIES = DETAIL_QUERIES


@pytest.mark.parametrize("size", [2, 20])
def test_the_workouts_section_costs_one_query_whatever_the_number_of_workouts(
    client, workout_library, django_assert_max_num_queries, size
):
    exercise = workout_library["en"][0]
    make_workouts(exercise, size)
    schedule_looked_up()
    with django_assert_max_num_queries(EXERCISE_DETAIL_QUERIES):
        response = page_shown(client, exercise.get_absolute_url(), "exercises/exercise_detail.html")
    assert response.context["used_in"].total == size


@override_settings(PAGE_CACHE_ENABLED=True)
def test_a_cached_exercise_page_shows_a_workout_published_after_it_was_cached(
    client, workout_library
):
    exercise = workout_library["en"][0]
    (workout,) = make_workouts(exercise, 1, status="draft")
    url = exercise.get_absolute_url()
    assert "Routine 000" not in client.get(url).content.decode()
    assert getattr(client.get(url).wsgi_request, "_page_cache_hit", False)
    workout.status = "published"
    workout.save()
    assert "Routine 000" in client.get(url).content.decode()
    workout.sections.get(kind="main").items.all().delete()
    assert "Routine 000" not in client.get(url).content.decode()


def test_the_search_page_lists_workouts_whose_titles_match(client, morning_workout):
    response = client.get("/exercises/", {"q": "core wake"})
    found = response.context["workouts_found"]
    assert [link.title for link in found.workouts] == ["Morning Core Wake-Up"]
    html = response.content.decode()
    assert "Workouts matching “core wake”" in html
    assert 'href="/workouts/morning-core/"' in html
    assert "<mark>Core</mark>" in html


def test_the_spanish_search_page_finds_spanish_workouts_accents_folded(client, morning_workout):
    response = client.get("/es/ejercicios/", {"q": "DESPERTÁR"})
    assert [link.url for link in response.context["workouts_found"].workouts] == [
        "/es/entrenamientos/despertar-core/"
    ]
    assert "Entrenamientos que coinciden con «DESPERTÁR»" in response.content.decode()
    # English words on the Spanish page find no Spanish workout, and the reverse.
    assert not client.get("/es/ejercicios/", {"q": "morning"}).context["workouts_found"].total
    assert not client.get("/exercises/", {"q": "despertar"}).context["workouts_found"].total


def test_a_search_lists_four_workouts_and_counts_the_rest(client, workout_library):
    make_workouts(workout_library["en"][0], 7)
    make_workouts(workout_library["en"][1], 1, status="draft", first=7)
    response = client.get("/exercises/", {"q": "routines"})
    found = response.context["workouts_found"]
    assert len(found.workouts) == 4 and found.total == 7
    assert "and 3 more workouts" in response.content.decode()


def test_pages_without_a_search_look_for_no_workouts(client, morning_workout):
    response = client.get("/exercises/")
    assert "workouts_found" not in response.context
    assert "Workouts matching" not in response.content.decode()


def test_suggestions_offer_workouts_after_exercises_marked_as_workouts(client, morning_workout):
    suggestions = client.get("/exercises/suggest/", {"q": "morn"}).json()
    assert suggestions == [
        {
            "title": "Morning Core Wake-Up",
            "url": "/workouts/morning-core/",
            "kind": "workout",
            "kind_label": "Workout",
            "minutes": 9,
            "minutes_label": "9 min",
        }
    ]
    spanish = client.get("/es/ejercicios/suggest/", {"q": "despert"}).json()
    assert [(s["title"], s["kind_label"]) for s in spanish] == [
        ("Despertar del core", "Entrenamiento")
    ]
    # Exercises first; exercises keep the shape they always had.
    both = client.get("/exercises/suggest/", {"q": "the hundred"}).json()
    assert both[0]["title"] == "The Hundred" and "kind" not in both[0]


def test_suggestions_offer_at_most_three_workouts(client, workout_library):
    make_workouts(workout_library["en"][0], 5)
    suggestions = client.get("/exercises/suggest/", {"q": "rout"}).json()
    assert [s["title"] for s in suggestions] == ["Routine 000", "Routine 001", "Routine 002"]


@pytest.mark.parametrize("size", [2, 20])
def test_searching_workouts_costs_at_most_one_query(
    client, workout_library, django_assert_max_num_queries, size
):
    make_workouts(workout_library["en"][0], size)
    schedule_looked_up()
    with django_assert_max_num_queries(LIST_QUERIES):
        response = page_shown(client, "/exercises/?q=routine", "exercises/exercise_list.html")
    assert response.context["workouts_found"].total == size
    with django_assert_max_num_queries(SUGGEST_QUERIES):
        assert len(client.get("/exercises/suggest/", {"q": "routine"}).json()) == min(size, 3)


def test_a_search_without_accents_or_plurals_finds_a_title_with_them(client, workout_library):
    (workout,) = make_workouts(workout_library["es"][0], 1, language="es")
    workout.title = "Glúteos en círculos"
    workout.save()
    found = client.get("/es/ejercicios/", {"q": "gluteo circulo"}).context["workouts_found"]
    assert [link.title for link in found.workouts] == ["Glúteos en círculos"]
    suggested = client.get("/es/ejercicios/suggest/", {"q": "GLUT"}).json()
    assert [s["title"] for s in suggested if s.get("kind") == "workout"] == ["Glúteos en círculos"]


@pytest.mark.vnu
def test_pages_naming_workouts_have_no_html_errors(client, morning_workout, vnu, tmp_path):  # noqa: F811
    hundred = morning_workout["en"].sections.get(kind="main").items.get(position=1).exercise
    cien = morning_workout["es"].sections.get(kind="main").items.get(position=1).exercise
    urls = {
        "exercise-en": hundred.get_absolute_url(),
        "exercise-es": cien.get_absolute_url(),
        "search-en": "/exercises/?q=morning",
        "search-es": "/es/ejercicios/?q=despertar",
    }
    pages = {name: page_shown(client, url).content for name, url in urls.items()}
    assert all(b"workout-links" in content for content in pages.values())
    assert html_errors(vnu, pages, tmp_path) == []
