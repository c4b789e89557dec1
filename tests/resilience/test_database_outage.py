"""The database is down (issue 16, item 6): pages the cache holds are still served, even
ones an edit has made stale (stale if error); every other page answers the branded 503 with
``Retry-After``; never a traceback, never a 500.

The pages are cached by this test process, then read by a real gunicorn whose database is a
closed port; both share the cache (Redis when REDIS_URL is set, else files in a directory).
"""

import pytest
from django.db import OperationalError
from django.test import Client

from exercises.models import OldAddress, Step
from tests.factories import make_exercise
from tests.servers import AppServer, closed_port_url

pytestmark = pytest.mark.django_db

SITE_HOST = "pilates.example.com"


@pytest.fixture
def shared_page_cache(settings, tmp_path) -> dict[str, str]:
    """This process and the server share pages; returns the server's environment for it."""
    settings.PAGE_CACHE_ENABLED = True
    settings.SITE_HOST = SITE_HOST
    if settings.REDIS_URL:
        return {}
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "publishing.filecache.LazyFileBasedCache",
            "LOCATION": str(tmp_path / "pages"),
        },
    }
    return {"PILATES_TEST_PAGE_CACHE_DIR": str(tmp_path / "pages")}


@pytest.fixture
def database_down_server(shared_page_cache):
    environ = {
        **shared_page_cache,
        "DATABASE_URL": closed_port_url("postgres", "/pilates"),
        "PILATES_PAGE_CACHE": "1",
        "PILATES_SITE_HOST": SITE_HOST,
        "PILATES_RETRY_AFTER": "45",
    }
    with AppServer(environ=environ, server="gunicorn", workers=1) as server:
        yield server


def test_cached_pages_are_served_and_others_get_the_branded_503(client, database_down_server):
    hundred = make_exercise(title="The Hundred", slug="the-hundred")
    OldAddress.objects.create(exercise=hundred, path="/exercises/mat/the-hundred/")
    Step.objects.create(exercise=hundred, position=1, text="Curl up.")
    make_exercise(title="Teaser", slug="teaser")
    for url in ("/exercises/the-hundred/", "/exercises/", "/es/"):
        assert client.get(url, HTTP_HOST=SITE_HOST).status_code == 200
    hundred.title = "The Hundred, edited"
    hundred.save()  # every cached copy is stale now: the version moved on
    server = database_down_server

    detail = server.get("/exercises/the-hundred/")
    listing = server.get("/exercises/?utm_source=mail")  # the canonical copy
    teaser = server.get("/exercises/teaser/")
    spanish_list = server.get("/es/ejercicios/")
    suggest = server.get("/exercises/suggest/?q=hun")
    # An old address may lead somewhere: not a 404 while nobody can look it up.
    old_address = server.get("/exercises/mat/the-hundred/")

    assert detail.status == 200
    assert "The Hundred" in detail.body and "Curl up." in detail.body
    assert "max-age=0" in detail.headers["Cache-Control"]
    assert listing.status == 200 and "Teaser" in listing.body
    for answer, heading in (
        (teaser, "Back in a moment"),
        (suggest, "Back in a moment"),
        (old_address, "Back in a moment"),
        (spanish_list, "Volvemos enseguida"),
    ):
        assert answer.status == 503
        assert answer.headers["Retry-After"] == "45"
        assert f"<h1>{heading}</h1>" in answer.body
        assert "no-store" in answer.headers["Cache-Control"]
    log = server.output()
    assert "Traceback" not in log
    assert "Database 'database' unavailable: OperationalError" in log


def test_health_answers_and_readiness_names_the_database(database_down_server):
    health = database_down_server.get("/healthz")
    readiness = database_down_server.get("/readyz")

    assert health.status == 200
    assert readiness.status == 503
    assert '"database": "OperationalError"' in readiness.body
    assert '"storage": "ok"' in readiness.body


class DatabaseGoneAfterTheView:
    """A middleware whose own query fails: the error is raised outside any view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self.get_response(request)
        raise OperationalError("server closed the connection unexpectedly")


def test_a_database_error_outside_any_view_still_gets_the_branded_503(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.DatabaseGoneAfterTheView"]
    client = Client(raise_request_exception=False)

    response = client.get("/robots.txt")

    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.RETRY_AFTER)
    assert "<h1>Back in a moment</h1>" in response.content.decode()


def test_other_errors_outside_a_view_still_get_the_branded_500(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.BrokenMiddleware"]
    client = Client(raise_request_exception=False)

    response = client.get("/robots.txt")

    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.content.decode()


class BrokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise RuntimeError("a bug")
