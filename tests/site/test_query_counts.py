"""Pages load in a fixed number of queries, however much content there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exercises.models import (
    FAQ,
    Category,
    Equipment,
    Exercise,
    Modification,
    Muscle,
    Step,
    VideoReference,
)
from exercises.search import index_exercises
from publishing import pipeline
from publishing.caching import content_version, seconds_pages_stay_right
from tests.factories import make_exercise, make_term

pytestmark = pytest.mark.django_db

# Issue 11: list and detail in at most 8 queries whatever the size (measured: list 4-5, detail 8);
# issue 17 adds one to the detail page: the workouts that use the exercise; issue 19 takes
# one away (the stored related exercises and the translations are read in one query).
HOME_QUERIES = 4
LIST_QUERIES = 8
DETAIL_QUERIES = 8


def build_library(size: int, *, first: int = 0):
    # One derivation at the end, as a bulk writer does, not one per row written.
    with pipeline.batch():
        return _build_library(size, first=first)


def _build_library(size: int, *, first: int):
    categories = [make_term(Category, name) for name in ("Mat", "Band", "Ball")]
    equipment = [make_term(Equipment, f"Equipment {n}") for n in range(4)]
    muscles = [make_term(Muscle, f"Muscle {n}") for n in range(5)]
    exercises = []
    for number in range(first, first + size):
        exercise = make_exercise(
            title=f"Move {number:03d}",
            difficulty=["beginner", "intermediate", "advanced"][number % 3],
            duration=30 * (number % 7 + 1),
            category=categories[number % 3],
            translation_key=f"move-{number}",
        )
        exercise.equipment.add(*equipment[: number % 4 + 1])
        exercise.muscles.add(*muscles[: number % 5 + 1])
        exercise.tags.add(*[f"tag {n}" for n in range(number % 6 + 2)])
        for position in range(8):
            Step.objects.create(exercise=exercise, position=position, text=f"Step {position}.")
        for position, level in enumerate(["easier", "harder", "variation"]):
            Modification.objects.create(exercise=exercise, position=position, level=level)
        for position in range(3):
            FAQ.objects.create(exercise=exercise, position=position, question="Q?", answer="A.")
        for position, video_id in enumerate(["O5-ROTyo2dA", "abcdefghijk"]):
            VideoReference.objects.create(exercise=exercise, position=position, video_id=video_id)
        make_exercise(
            title=f"Movimiento {number:03d}", language="es", translation_key=f"move-{number}"
        )
        exercises.append(exercise)
    index_exercises(Exercise.objects.values_list("pk", flat=True))
    return exercises


LIST_URLS = [
    "/exercises/",
    "/exercises/?difficulty=beginner&difficulty=advanced&equipment=equipment-0"
    "&muscle=muscle-1&tag=tag-1&category=mat&duration=600&q=move&sort=newest",
    "/exercises/?equipment=equipment-0&equipment=missing&page=2",
    # A search across languages (its translations' matches), and one that finds nothing
    # (a correction and the offer of a search across).
    "/es/ejercicios/?q=move&search_language=en&sort=title",
    "/es/ejercicios/?q=mvoe&difficulty=beginner",
]


def schedule_looked_up() -> None:
    """The next scheduled publish or unpublish time (which caps how long pages are cached)
    is looked up once per content version, by the first page after a change; the counts
    here are each page's own."""
    seconds_pages_stay_right(content_version()[0])


def count_queries(client, url: str) -> int:
    schedule_looked_up()
    with CaptureQueriesContext(connection) as queries:
        page_shown(client, url)
    return len(queries)


def page_shown(client, url: str, template: str | None = None):
    """GET ``url`` and check it is the page itself (an error page runs fewer queries)."""
    response = client.get(url)
    assert response.status_code == 200, url
    if template is not None:
        assert template in [used.name for used in response.templates], url
    return response


@pytest.mark.parametrize("size", [3, 30])
def test_home_query_count_is_bounded(client, django_assert_max_num_queries, size):
    build_library(size)
    schedule_looked_up()
    with django_assert_max_num_queries(HOME_QUERIES):
        response = page_shown(client, "/", "exercises/home.html")
    assert len(response.context["newest"]) == min(size, 6)


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize("url", LIST_URLS)
def test_list_query_count_is_bounded(client, django_assert_max_num_queries, size, url):
    build_library(size)
    schedule_looked_up()
    with django_assert_max_num_queries(LIST_QUERIES):
        response = page_shown(client, url, "exercises/exercise_list.html")
    assert response.context["listing"].facets


@pytest.mark.parametrize("size", [3, 30])
def test_detail_query_count_is_bounded(client, django_assert_max_num_queries, size):
    exercise = build_library(size)[0]
    schedule_looked_up()
    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = page_shown(client, exercise.get_absolute_url(), "exercises/exercise_detail.html")
    assert response.context["exercise"] == exercise
    assert len(response.context["steps"]) == 8


def test_query_counts_do_not_grow_with_content(client):
    # Six is the smallest library in which every list URL above has results.
    small = build_library(6)
    counts_small = [count_queries(client, url) for url in ["/", *LIST_URLS]]
    detail_small = count_queries(client, small[0].get_absolute_url())
    build_library(30, first=6)
    counts_large = [count_queries(client, url) for url in ["/", *LIST_URLS]]
    detail_large = count_queries(client, small[0].get_absolute_url())
    assert counts_large == counts_small
    assert detail_large == detail_small


def test_sitemap_and_feed_query_counts_are_bounded(client, django_assert_max_num_queries):
    build_library(30)
    schedule_looked_up()
    with django_assert_max_num_queries(3):
        sitemap = page_shown(client, "/sitemap.xml")
    schedule_looked_up()
    with django_assert_max_num_queries(3):
        feed = page_shown(client, "/exercises/feed/")
    assert b"/exercises/move-029/" in sitemap.content
    assert feed.content.count(b"<entry>") > 0


@pytest.mark.parametrize("size", [2, 12])
def test_related_cards_without_videos_cost_no_query_each(
    client, django_assert_max_num_queries, size
):
    # A card without a picture or video draws its category's placeholder.
    mat = make_term(Category, "Mat")
    core = make_term(Muscle, "Core")
    exercises = [make_exercise(title=f"Roll {n}", category=mat) for n in range(size + 1)]
    for exercise in exercises:
        exercise.muscles.add(core)
    schedule_looked_up()
    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = page_shown(client, exercises[0].get_absolute_url())
    assert len(response.context["related"]) == min(size, 4)
