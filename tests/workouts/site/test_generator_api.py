"""/api/v1/workouts/generate: the generator page's workout as JSON, the same for the same
request, linked to the exercises; suggestions an app can follow when nothing fits."""

from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exercises.models import Equipment, Exercise, Status
from tests.factories import make_exercise, make_term

pytestmark = pytest.mark.django_db

URL = "/api/v1/workouts/generate"


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def exercise_slugs(body: dict) -> list[str]:
    return [item["exercise"]["slug"] for section in body["sections"] for item in section["items"]]


def test_a_request_gives_sections_of_that_languages_exercises_filling_the_time(
    client, workout_library
):
    response = client.get(URL, {"language": "es", "duration": 20, "equipment": "mat"})

    assert response.status_code == 200
    body = response.json()
    assert [section["kind"] for section in body["sections"]] == ["warm_up", "main", "cool_down"]
    assert body["total_seconds"] == 20 * 60
    assert sum(section["duration"] for section in body["sections"]) == 20 * 60
    slugs = exercise_slugs(body)
    assert len(slugs) == len(set(slugs))
    spanish = set(Exercise.objects.filter(language="es").values_list("slug", flat=True))
    assert set(slugs) <= spanish
    first = body["sections"][0]["items"][0]["exercise"]
    assert first["url"] == f"http://testserver/es/ejercicios/{first['slug']}/"
    assert first["api_url"] == f"http://testserver/api/v1/exercises/es/{first['slug']}/"
    assert body["page_url"].startswith("http://testserver/es/entrenamientos/generador/?")


def test_the_same_request_gives_the_same_workout_and_the_shuffle_url_another(
    client, workout_library
):
    request = {"duration": 30, "equipment": ["mat", "band"], "difficulty": "advanced"}
    first = client.get(URL, request).json()
    again = client.get(URL, request).json()
    shuffled = client.get(path_of(first["shuffle_url"])).json()

    assert first == again
    assert shuffled["seed"] == first["seed"] + 1
    assert exercise_slugs(shuffled) != exercise_slugs(first)


def test_only_the_chosen_equipment_and_nothing_harder_is_used(client, workout_library):
    body = client.get(URL, {"duration": 10, "difficulty": "beginner", "equipment": "mat"}).json()

    exercises = Exercise.objects.filter(language="en", slug__in=exercise_slugs(body))
    assert exercises.count() == len(exercise_slugs(body)) > 0
    assert set(exercises.values_list("difficulty", flat=True)) == {"beginner"}
    assert set(exercises.values_list("equipment__slug", flat=True)) <= {"mat", None}


def test_drafts_are_never_in_a_generated_workout(client, workout_library):
    Exercise.objects.filter(language="en", equipment__slug="mat").update(status=Status.DRAFT)

    body = client.get(URL, {"duration": 5, "equipment": "mat", "difficulty": "advanced"}).json()

    drafts = set(Exercise.objects.drafts().values_list("slug", flat=True))
    assert not set(exercise_slugs(body)) & drafts


def test_when_nothing_fits_each_suggestion_is_a_request_that_gives_a_workout(
    client, workout_library
):
    body = client.get(URL, {"duration": 60, "difficulty": "beginner"}).json()

    assert body["sections"] == []
    assert body["total_seconds"] == 0
    assert body["suggestions"]
    for suggestion in body["suggestions"]:
        relaxed = client.get(path_of(suggestion["url"]))
        assert relaxed.status_code == 200
        assert relaxed.json()["sections"], suggestion


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"equipment": ["mat", "hoverboard"]}, "hoverboard"),
        ({"duration": 61}, "duration"),
        ({"duration": 4}, "duration"),
        ({"focus": "toes"}, "focus"),
        ({"difficulty": "expert"}, "difficulty"),
        ({"seed": -1}, "seed"),
        ({"language": "fr"}, "language"),
    ],
)
def test_a_request_outside_the_generators_values_is_a_problem_naming_it(
    client, workout_library, params, problem
):
    response = client.get(URL, params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert problem in response.content.decode()


def test_queries_do_not_grow_with_the_library(client, db):
    mat = make_term(Equipment, "Mat")

    def queries_with(count: int) -> int:
        for number in range(count):
            make_exercise(title=f"Move {count} {number}", difficulty="beginner").equipment.add(mat)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {"duration": 5, "equipment": "mat"})
        assert response.status_code == 200
        return len(queries)

    assert queries_with(10) == queries_with(40)
