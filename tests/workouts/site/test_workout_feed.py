"""The workouts' Atom feed per language, linked from the workout pages."""

import xml.etree.ElementTree as ET

import pytest

from publishing import pipeline
from tests.site.test_query_counts import schedule_looked_up
from workouts.models import Workout, WorkoutCategory

pytestmark = pytest.mark.django_db

NS = {"atom": "http://www.w3.org/2005/Atom"}
FEED_QUERIES = 3


def make_workouts(count: int, *, language: str = "en", status: str = "published"):
    with pipeline.batch():
        core = WorkoutCategory.objects.create(
            name="Core",
            slug=f"core-{language}-{status}",
            group="body_focus",
            translated_names={"es": "Abdomen"},
        )
        for number in range(count):
            workout = Workout.objects.create(
                title=f"{language}-{status} {number:03d}",
                slug=f"{status}-{number:03d}",
                language=language,
                status=status,
                description=f"Workout {number}.",
                published_on=f"2026-01-{number % 28 + 1:02d}",
            )
            workout.categories.add(core)


def entries(response) -> list[ET.Element]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    for required in ("atom:id", "atom:title", "atom:updated"):
        assert root.find(required, NS) is not None
    return root.findall("atom:entry", NS)


@pytest.mark.parametrize(
    ("path", "language", "prefix", "category"),
    [
        ("/workouts/feed/", "en", "http://testserver/workouts/", "Core"),
        ("/es/entrenamientos/feed/", "es", "http://testserver/es/entrenamientos/", "Abdomen"),
    ],
)
def test_each_language_has_a_feed_of_its_published_workouts_newest_first(
    client, path, language, prefix, category
):
    for code in ("en", "es"):
        make_workouts(3, language=code)
        make_workouts(1, language=code, status="draft")
    found = entries(client.get(path))
    assert [entry.find("atom:title", NS).text for entry in found] == [
        f"{language}-published 002",
        f"{language}-published 001",
        f"{language}-published 000",
    ]
    for entry in found:
        assert entry.find("atom:link", NS).get("href").startswith(prefix)
        for required in ("atom:id", "atom:updated", "atom:published", "atom:summary"):
            assert entry.find(required, NS) is not None
        assert [c.get("term") for c in entry.findall("atom:category", NS)] == [category]


def test_workout_pages_link_the_feed_of_their_language(client, morning_workout):
    english = client.get("/workouts/morning-core/").content.decode()
    spanish = client.get("/es/entrenamientos/despertar-core/").content.decode()
    generator = client.get("/es/entrenamientos/generador/").content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" title="New workouts" '
        'href="/workouts/feed/">' in english
    )
    assert 'title="Entrenamientos nuevos" href="/es/entrenamientos/feed/"' in spanish
    assert 'href="/es/entrenamientos/feed/"' in generator


@pytest.mark.parametrize("size", [2, 25])
def test_the_feed_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries, size):
    make_workouts(size)
    schedule_looked_up()
    with django_assert_max_num_queries(FEED_QUERIES):
        assert len(entries(client.get("/workouts/feed/"))) == min(size, 20)
