import gzip
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.cache import caches
from redis.exceptions import ConnectionError as RedisConnectionError

from tests.api.helpers import LIST_URL
from tests.factories import make_exercise, make_full_exercise

pytestmark = pytest.mark.django_db


def test_an_unchanged_list_answers_304_to_its_etag(client):
    make_exercise(title="Swan")
    first = client.get(LIST_URL)
    etag = first["ETag"]

    again = client.get(LIST_URL, headers={"if-none-match": etag})
    make_exercise(title="Saw")
    changed = client.get(LIST_URL, headers={"if-none-match": etag})

    assert again.status_code == 304
    assert again["Cache-Control"] == "public, max-age=60"
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_answers_are_cacheable_readable_from_any_origin_and_vary_on_encoding(client):
    make_exercise(title="Swan")

    listing = client.get(LIST_URL, headers={"origin": "https://app.example"})
    feed = client.get(LIST_URL, {"updated_since": "0"})

    assert listing["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in listing["Access-Control-Expose-Headers"]
    assert listing["Cache-Control"] == "public, max-age=60"
    assert "Accept-Encoding" in listing["Vary"]
    # A change feed is revalidated (cheaply, by its ETag) before a copy is used.
    assert feed["Cache-Control"] == "public, no-cache"


def test_a_preflight_request_is_allowed_for_reading(client):
    response = client.options(
        LIST_URL,
        headers={
            "origin": "https://app.example",
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match",
        },
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


def test_large_answers_are_gzipped(client):
    for number in range(5):
        make_full_exercise(title=f"Full {number}")

    response = client.get(LIST_URL, headers={"accept-encoding": "gzip"})

    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content).startswith(b'{"results"')


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/api/v1/nothing-here/", 404),
        ("post", LIST_URL, 405),
        ("get", "/api/v1/terms/colour/", 400),
        ("get", LIST_URL + "?limit=1000", 400),
        ("get", LIST_URL + "?difficulty=impossible", 400),
    ],
)
def test_errors_are_problem_details(client, method, path, status):
    response = getattr(client, method)(path)

    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_invalid_parameters_are_named(client):
    body = client.get(LIST_URL, {"limit": "many"}).json()

    assert [error["name"] for error in body["errors"]] == ["limit"]


def test_problem_titles_are_in_the_requested_language(client):
    response = client.get("/api/v1/nothing-here/", headers={"accept-language": "es"})

    assert response.json()["title"] == "No encontrado"


def test_a_client_over_its_rate_gets_429_with_retry_after(client, settings):
    settings.API_THROTTLE = 3
    # Early in a minute, so that the four requests fall in one.
    with time_machine.travel(datetime(2026, 6, 1, 12, 0, 5, tzinfo=UTC), tick=False):
        statuses = [client.get(LIST_URL).status_code for _ in range(4)]
        other_client = client.get(LIST_URL, REMOTE_ADDR="192.0.2.9")
        refused = client.get(LIST_URL, headers={"accept-language": "es"})

    assert statuses == [200, 200, 200, 429]
    assert refused["Content-Type"] == "application/problem+json"
    assert refused["Retry-After"] == "55"
    assert refused.json()["detail"].startswith("Como máximo 3 solicitudes")
    assert refused["Cache-Control"] == "no-store"
    assert other_client.status_code == 200


def test_the_rate_limit_lets_requests_through_when_the_cache_is_down(client, settings, monkeypatch):
    settings.API_THROTTLE = 1

    def refuse(*args, **kwargs):
        raise RedisConnectionError("Connection refused")

    monkeypatch.setattr(caches["default"], "incr", refuse)

    assert [client.get(LIST_URL).status_code for _ in range(3)] == [200, 200, 200]
