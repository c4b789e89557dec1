import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exercises.models import Status
from tests.factories import make_exercise
from workouts.models import Workout, WorkoutItem, WorkoutSection

pytestmark = pytest.mark.django_db


def make_workout(title: str, **fields) -> Workout:
    fields.setdefault("slug", title.lower().replace(" ", "-"))
    fields.setdefault("status", Status.PUBLISHED)
    workout = Workout.objects.create(title=title, language="en", **fields)
    section = WorkoutSection.objects.create(workout=workout, position=1, kind="main", title="Main")
    hundred = make_exercise(title=f"Hundred for {title}")
    hidden = make_exercise(title=f"Hidden for {title}", status=Status.DRAFT)
    WorkoutItem.objects.create(section=section, position=1, exercise=hundred, duration=60)
    WorkoutItem.objects.create(
        section=section, position=2, exercise=hidden, name="Secret", duration=30
    )
    WorkoutItem.objects.create(section=section, position=3, kind="rest", duration=15)
    return workout


def test_workout_detail_has_sections_items_and_published_exercises_only(client):
    make_workout("Core blast", duration=10)

    response = client.get("/api/v1/workouts/en/core-blast/")

    assert response.status_code == 200
    body = response.json()
    assert body["total_seconds"] == 105
    items = body["sections"][0]["items"]
    assert items[0]["exercise"]["slug"] == "hundred-for-core-blast"
    assert items[1]["exercise"] is None
    assert items[1]["name"] == "Secret"
    assert items[2]["kind"] == "rest"


def test_workout_list_pages_published_workouts_in_constant_queries(client):
    make_workout("Draft one", status=Status.DRAFT)

    def queries_for(count: int) -> int:
        for number in range(count):
            make_workout(f"Workout {count} {number}")
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/api/v1/workouts/", {"limit": 100})
        assert response.status_code == 200
        assert "draft-one" not in [item["slug"] for item in response.json()["results"]]
        return len(queries)

    assert queries_for(1) == queries_for(4)
    paged = client.get("/api/v1/workouts/", {"limit": 2}).json()
    assert paged["next"] is not None
    assert client.get("/api/v1/workouts/en/draft-one/").status_code == 404


@pytest.mark.parametrize("url", ["/api/v1/workouts/", "/api/v1/workouts/generate"])
@pytest.mark.parametrize("value", ["a\x00b", "S\x19F", "mat mat", "é" * 3])
def test_a_term_slug_that_no_slug_field_holds_is_a_problem_not_a_server_error(client, url, value):
    # PostgreSQL refuses a NUL in any text it is sent: schemathesis found the 500.
    response = client.get(url, {"equipment": value})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
