"""``/healthz`` and ``/readyz`` for load balancers (issue 16, item 7)."""

import json

import pytest

from tests.servers import closed_port_url


@pytest.fixture
def production_like(settings):
    """Only the site's own name is allowed and plain HTTP is redirected, as in production."""
    settings.ALLOWED_HOSTS = ["pilates.example.com"]
    settings.SECURE_SSL_REDIRECT = True
    settings.PAGE_CACHE_ENABLED = True


@pytest.mark.parametrize("path", ["/healthz", "/healthz/"])
def test_health_answers_a_probe_by_address_without_touching_anything(client, production_like, path):
    # No database access is allowed in this test: any query would raise.
    response = client.get(path, HTTP_HOST="10.0.0.7:8000")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readiness_reports_every_component_ready(client, production_like):
    response = client.get("/readyz", HTTP_HOST="10.0.0.7")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok"},
    }
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readiness_answers_head_requests(client, production_like):
    assert client.head("/readyz", HTTP_HOST="10.0.0.7").status_code == 200


@pytest.mark.django_db
def test_readiness_names_a_cache_that_is_down(client, production_like, settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": closed_port_url("redis", "/0"),
        },
    }

    response = client.get("/readyz", HTTP_HOST="10.0.0.7")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "cache": "ConnectionError", "storage": "ok"},
    }
    assert "127.0.0.1" not in response.content.decode()  # details go to the log only


@pytest.mark.django_db
def test_readiness_names_a_media_directory_that_cannot_be_written(
    client, production_like, settings, tmp_path
):
    blocker = tmp_path / "media"
    blocker.write_text("a file where the media directory should be")
    settings.MEDIA_ROOT = blocker / "uploads"

    response = client.get("/readyz", HTTP_HOST="10.0.0.7")

    assert response.status_code == 503
    checks = json.loads(response.content)["checks"]
    assert checks["storage"] in {"FileExistsError", "NotADirectoryError"}
    assert checks["database"] == checks["cache"] == "ok"


@pytest.mark.django_db
def test_other_paths_still_get_host_validation_and_the_https_redirect(client, production_like):
    assert client.get("/exercises/", HTTP_HOST="10.0.0.7").status_code == 400
    assert client.get("/exercises/", HTTP_HOST="pilates.example.com").status_code == 301
