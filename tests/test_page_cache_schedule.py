"""Scheduled publishing and the page cache: a publish-at or unpublish-at time shows on
cached pages on time, without ``publish_scheduled`` running and without a purge."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from exercises.models import Status
from tests.factories import make_exercise

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def page_cache_in_this_process(settings, tmp_path):
    """Caches whose expiry follows the (travelled) clock: Redis keeps real time."""
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "schedule-test-pages",
        },
        "content_version": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "version"),
        },
    }


def cache_control(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def listed_titles(response) -> list[str]:
    return [exercise.title for exercise in response.context["exercises"]]


def test_a_publish_at_time_shows_on_the_cached_list_when_it_comes(client):
    with time_machine.travel(NOW, tick=False):
        make_exercise(title="The Hundred")
        make_exercise(title="Teaser", status=Status.DRAFT, publish_at=NOW + timedelta(seconds=30))
        before = client.get("/exercises/")
        assert listed_titles(before) == ["The Hundred"]
        # Neither this cache nor any in front of it may keep the page past the change.
        assert "max-age=30" in cache_control(before)
        assert not any(part.startswith("stale-while") for part in cache_control(before))
        assert client.get("/exercises/").content == before.content  # served from the cache

    with time_machine.travel(NOW + timedelta(seconds=31), tick=False):
        after = client.get("/exercises/")
        assert after.context is not None, "rendered again, not served from the cache"
        assert listed_titles(after) == ["Teaser", "The Hundred"]


def test_an_unpublish_at_time_takes_the_cached_page_down_when_it_comes(client):
    with time_machine.travel(NOW, tick=False):
        make_exercise(title="Teaser", slug="teaser", unpublish_at=NOW + timedelta(minutes=5))
        first = client.get("/exercises/teaser/")
        assert first.status_code == 200
        assert "max-age=60" in cache_control(first)
        assert not any(part.startswith("stale-while") for part in cache_control(first))

    with time_machine.travel(NOW + timedelta(minutes=4, seconds=59), tick=False):
        assert client.get("/exercises/teaser/").status_code == 200
    with time_machine.travel(NOW + timedelta(minutes=5, seconds=1), tick=False):
        assert client.get("/exercises/teaser/").status_code == 404


def test_without_a_schedule_near_pages_keep_their_full_cache_headers(client):
    with time_machine.travel(NOW, tick=False):
        make_exercise(title="Teaser", slug="teaser", publish_at=NOW - timedelta(days=1))
        make_exercise(title="Later", status=Status.DRAFT, publish_at=NOW + timedelta(days=2))
        response = client.get("/exercises/teaser/")
    assert {"public", "max-age=60", "stale-while-revalidate=600"} <= cache_control(response)


def test_the_next_scheduled_change_is_looked_up_once_per_content_change(client):
    def schedule_lookups(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return sum('MIN("exercises_exercise"."publish_at")' in query["sql"] for query in queries)

    with time_machine.travel(NOW, tick=False):
        exercise = make_exercise(title="Teaser", slug="teaser")
        assert schedule_lookups("/exercises/") == 1
        assert schedule_lookups("/exercises/teaser/") == 0
        exercise.unpublish_at = NOW + timedelta(hours=1)
        exercise.save()
        assert schedule_lookups("/exercises/?sort=newest") == 1
        assert schedule_lookups("/") == 0


@pytest.mark.parametrize("url", ["/exercises/", "/exercises/the-hundred/"])
def test_a_scheduled_publish_moves_last_modified_so_a_conditional_get_sees_it(client, url):
    with time_machine.travel(NOW, tick=False):
        make_exercise(title="The Hundred", slug="the-hundred")
        make_exercise(title="Teaser", status=Status.DRAFT, publish_at=NOW + timedelta(minutes=5))
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        before = client.get(url)
        assert before["Last-Modified"] == http_date(NOW.timestamp())
        assert (
            client.get(url, headers={"if-modified-since": before["Last-Modified"]}).status_code
            == 304
        )

    with time_machine.travel(NOW + timedelta(minutes=6), tick=False):
        after = client.get(url, headers={"if-modified-since": before["Last-Modified"]})
        assert after.status_code == 200
        assert after["Last-Modified"] == http_date((NOW + timedelta(minutes=5)).timestamp())
        again = client.get(url, headers={"if-modified-since": after["Last-Modified"]})
        assert again.status_code == 304


def test_a_scheduled_unpublish_moves_last_modified_and_the_etag(client):
    with time_machine.travel(NOW, tick=False):
        make_exercise(title="The Hundred", slug="the-hundred")
        make_exercise(title="Teaser", unpublish_at=NOW + timedelta(minutes=5))
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        before = client.get("/exercises/")
    assert listed_titles(before) == ["Teaser", "The Hundred"]

    with time_machine.travel(NOW + timedelta(minutes=6), tick=False):
        by_date = client.get("/exercises/", headers={"if-modified-since": before["Last-Modified"]})
        by_etag = client.get("/exercises/", headers={"if-none-match": before["ETag"]})

    assert by_date.status_code == 200 and by_etag.status_code == 200
    assert listed_titles(by_date) == ["The Hundred"]
    assert by_date["Last-Modified"] == http_date((NOW + timedelta(minutes=5)).timestamp())
    assert by_date["ETag"] != before["ETag"]
