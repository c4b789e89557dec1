"""The facet counts of the unfiltered list, of each single-facet listing and of the home page
are computed once per content version: a cold page then costs its rows, not a count over
every exercise; the counts follow every change and a cache that is down costs speed only."""

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from exercises.models import Exercise
from exercises.services import exercises_set_status
from publishing import caching, failopen
from tests.site.test_query_counts import build_library, count_queries, page_shown
from workouts.site.selectors import search_workouts

pytestmark = pytest.mark.django_db

KEPT_URLS = [
    "/exercises/",
    "/es/ejercicios/",
    "/exercises/?difficulty=beginner",
    "/exercises/?equipment=equipment-0&sort=newest&page=2",
    "/exercises/?duration=600",
]


@pytest.mark.parametrize("size", [6, 30])
@pytest.mark.parametrize("url", ["/", *KEPT_URLS])
def test_a_listing_seen_before_skips_its_count_query_at_any_size(client, size, url):
    build_library(size)
    first = count_queries(client, url)

    again = count_queries(client, url)

    assert again == first - 1


def test_kept_counts_cost_the_same_queries_at_two_sizes(client):
    build_library(6)
    small = [count_queries(client, url) for url in KEPT_URLS for _ in range(2)]
    build_library(30, first=6)
    large = [count_queries(client, url) for url in KEPT_URLS for _ in range(2)]

    assert large == small


def test_a_searched_listing_counts_every_time(client):
    build_library(6)
    # The workout titles a search reads are kept per content version whatever the words;
    # read them first, as they are not what this test is about.
    search_workouts(query="warm", language="en")
    assert count_queries(client, "/exercises/?q=move") == count_queries(
        client, "/exercises/?q=move"
    )


def test_a_twice_filtered_listing_counts_the_rows_passing_both_every_time(client):
    # Each chosen facet's counts over the rows passing the other filter are kept
    # (tests/performance/test_counted_apart.py); the rows passing both are counted again.
    build_library(6)
    url = "/exercises/?difficulty=beginner&equipment=equipment-0"
    first = count_queries(client, url)

    assert count_queries(client, url) == count_queries(client, url) == first - 2


def test_kept_counts_follow_a_change_of_content(client):
    build_library(6)
    assert page_shown(client, "/exercises/").context["listing"].page.paginator.count == 6

    exercises_set_status(exercises=Exercise.objects.filter(title="Move 000"), status="draft")

    assert page_shown(client, "/exercises/").context["listing"].page.paginator.count == 5


def test_with_the_cache_down_the_counts_are_computed_every_time(client, monkeypatch):
    build_library(6)

    class Down:
        def get(self, *args, **kwargs):
            raise RedisConnectionError("refused")

        set = add = get

    monkeypatch.setattr(caching, "_page_cache", Down)
    failopen.reset()
    first = page_shown(client, "/exercises/")
    failopen.reset()  # not held off: each request tries the cache again and fails

    assert first.context["listing"].page.paginator.count == 6
    assert count_queries(client, "/exercises/") == count_queries(client, "/exercises/")
    failopen.reset()
