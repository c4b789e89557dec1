"""Fail open: with its cache down (Redis on a closed port, a cache directory that is a file)
the site serves every page uncached, saves edits, and logs the outage once a minute
(issue 16, item 1)."""

import logging
import re

import pytest

from exercises.models import Exercise
from publishing import failopen
from tests.admin_forms import change_form_data, change_url
from tests.factories import make_exercise
from tests.servers import AppServer, closed_port_url

PUBLIC_PAGES = [
    "/",
    "/exercises/",
    "/exercises/?difficulty=beginner",
    "/exercises/the-hundred/",
    "/exercises/suggest/?q=hund",
    "/exercises/feed/",
    "/sitemap.xml",
    "/robots.txt",
    "/es/",
]


def closed_redis() -> dict:
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": closed_port_url("redis", "/0"),
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }


@pytest.fixture
def hundred(db):
    return make_exercise(title="The Hundred", slug="the-hundred", difficulty="beginner")


@pytest.fixture
def redis_down(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = {
        "default": closed_redis(),
        "pages": closed_redis(),
        "content_version": closed_redis(),
    }


@pytest.fixture
def cache_directory_is_a_file(settings, tmp_path):
    settings.PAGE_CACHE_ENABLED = True
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "content_version": {
            "BACKEND": "publishing.filecache.LazyFileBasedCache",
            "LOCATION": str(blocker / "cache"),
        },
    }


@pytest.mark.parametrize("broken", ["redis_down", "cache_directory_is_a_file"])
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_answers_while_the_cache_is_broken(request, client, hundred, broken, url):
    request.getfixturevalue(broken)

    first = client.get(url)
    second = client.get(url)

    assert first.status_code == 200
    assert second.status_code == 200
    # Pages without a template (feed, suggestions, sitemap) have no context to look at.
    assert second.context is not None or url.startswith(
        ("/exercises/feed", "/exercises/sug", "/sitemap")
    )


def test_pages_are_rendered_anew_while_the_cache_is_down(client, hundred, redis_down):
    assert b"The Hundred" in client.get("/exercises/the-hundred/").content

    Exercise.objects.filter(pk=hundred.pk).update(title="The Hundred, renamed")

    assert b"The Hundred, renamed" in client.get("/exercises/the-hundred/").content


def test_the_outage_is_logged_once_a_minute_per_cache_not_per_request(
    client, hundred, redis_down, caplog, monkeypatch
):
    monkeypatch.setattr(failopen, "RETRY_INTERVAL", 0)  # every request tries the cache again
    with caplog.at_level(logging.WARNING, logger="publishing.failopen"):
        for _ in range(30):
            assert client.get("/exercises/").status_code == 200

    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 1, messages
    assert "'content_version' unavailable: ConnectionError" in messages[0]


def test_an_edit_made_while_the_cache_was_down_is_shown_once_it_is_back(
    client, hundred, settings, tmp_path
):
    settings.PAGE_CACHE_ENABLED = True
    working = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "p"},
        "content_version": {
            "BACKEND": "publishing.filecache.LazyFileBasedCache",
            "LOCATION": str(tmp_path / "version"),
        },
    }
    settings.CACHES = working
    assert b"The Hundred" in client.get("/exercises/the-hundred/").content  # cached
    (tmp_path / "blocked").write_text("")
    settings.CACHES = {
        **working,
        "content_version": {**working["content_version"], "LOCATION": str(tmp_path / "blocked")},
    }

    hundred.title = "The Hundred, edited during the outage"
    hundred.save()  # its version bump could not be stored

    settings.CACHES = working  # the cache is back, holding the version of before
    failopen.reset()
    response = client.get("/exercises/the-hundred/")
    assert b"edited during the outage" in response.content
    assert response.context is not None  # rendered, not the copy cached before the edit


@pytest.fixture
def published(transactional_db):
    return make_exercise(title="The Hundred", slug="the-hundred", difficulty="beginner")


@pytest.mark.parametrize("broken", ["redis_down", "cache_directory_is_a_file"])
def test_an_editor_saves_while_the_cache_is_broken(request, client, editor, published, broken):
    # Committed rows and no test transaction around the save: its version bumps really run.
    request.getfixturevalue(broken)
    client.force_login(editor)

    response = client.post(
        change_url(published), change_form_data(published, title="The Hundred, saved")
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    published.refresh_from_db()
    assert published.title == "The Hundred, saved"


@pytest.mark.parametrize("server", ["runserver", "gunicorn"])
def test_a_running_server_with_redis_on_a_closed_port_serves_every_page(published, server):
    environ = {"REDIS_URL": closed_port_url("redis", "/0"), "PILATES_PAGE_CACHE": "1"}
    with AppServer(environ=environ, server=server) as app:
        for url in PUBLIC_PAGES * 3:
            response = app.get(url)
            assert response.status == 200, (url, response.status, app.output()[-3000:])
        assert "The Hundred" in app.get("/exercises/the-hundred/").body
        readiness = app.get("/readyz")
    assert readiness.status == 503
    assert '"cache": "ConnectionError"' in readiness.body
    log = app.output()
    assert "Traceback" not in log
    # At most once a minute per cache and worker process.
    assert log.count("unavailable: ConnectionError") <= 2 * app.workers, log


def test_a_running_server_whose_cache_directory_is_a_file_serves_every_page(published, tmp_path):
    blocker = tmp_path / "cache-dir"
    blocker.write_text("a file where the cache directory should be")
    environ = {"REDIS_URL": None, "PILATES_CACHE_DIR": str(blocker), "PILATES_PAGE_CACHE": "1"}
    with AppServer(environ=environ) as app:
        for url in PUBLIC_PAGES * 2:
            response = app.get(url)
            assert response.status == 200, (url, response.status, app.output()[-3000:])
    assert "Traceback" not in app.output()
    assert "NotADirectoryError" in app.output()


def test_an_editor_saves_through_a_running_server_with_redis_on_a_closed_port(
    published, editor, client
):
    client.force_login(editor)  # a session in the shared database the server reads
    session = client.cookies["sessionid"].value
    environ = {"REDIS_URL": closed_port_url("redis", "/0"), "PILATES_PAGE_CACHE": "1"}
    with AppServer(environ=environ, server="gunicorn", workers=1) as app:
        form = app.get(change_url(published), headers={"Cookie": f"sessionid={session}"})
        assert form.status == 200, form.body[:2000]
        csrf_cookie = re.search(r"csrftoken=([^;]+)", form.headers["Set-Cookie"]).group(1)
        csrf_field = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.body).group(1)

        saved = app.post(
            change_url(published),
            {
                **change_form_data(published, title="The Hundred, saved in an outage"),
                "csrfmiddlewaretoken": csrf_field,
            },
            headers={"Cookie": f"sessionid={session}; csrftoken={csrf_cookie}"},
        )
        page = app.get("/exercises/the-hundred/")

    assert saved.status == 302, saved.body[:2000]
    published.refresh_from_db()
    assert published.title == "The Hundred, saved in an outage"
    assert page.status == 200 and "saved in an outage" in page.body
    assert "Traceback" not in app.output()
