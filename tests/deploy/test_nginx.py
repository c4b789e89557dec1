"""The production recipe: deploy/nginx.conf in front of gunicorn, as the README gives it."""

import gzip
import json
import os
import urllib.error
import urllib.request

import pytest

from tests.deploy.launch import nginx, nginx_binary, nginx_config, production_environ
from tests.factories import image_bytes, make_exercise
from tests.servers import ROOT, AppServer, database_url_for_servers, free_port

IMMUTABLE = "public, max-age=31536000, immutable"


def _get(port: int, path: str, **headers: str):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture
def media_root(tmp_path):
    root = tmp_path / "media"
    (root / "renditions").mkdir(parents=True)
    (root / "exercises" / "2026").mkdir(parents=True)
    (root / "renditions" / "saw-0a1b2c3d4e-card-320.webp").write_bytes(image_bytes((8, 8), "WEBP"))
    (root / "exercises" / "2026" / "saw.jpg").write_bytes(image_bytes((8, 8), "JPEG"))
    (root / "exercises" / ".hidden.png").write_bytes(image_bytes((8, 8), "PNG"))
    (root / "exercises" / "notes.txt").write_text("not a picture")
    outside = tmp_path / "outside.png"
    outside.write_bytes(image_bytes((8, 8), "PNG"))
    os.symlink(outside, root / "exercises" / "link.png")
    return root


@pytest.fixture
def proxied_site(transactional_db, collected_static, media_root, tmp_path):
    """nginx on a free port in front of one gunicorn on the test database."""
    if nginx_binary() is None:
        pytest.fail("nginx is not installed: run `make nginx` (apt-get install nginx).")
    environment = production_environ(
        DATABASE_URL=database_url_for_servers(),
        STATIC_ROOT=str(collected_static),
        MEDIA_ROOT=str(media_root),
        PILATES_CACHE_DIR=str(tmp_path / "cache"),
        DJANGO_SECURE_PROXY_SSL_HEADER="1",
    )
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    port = free_port()
    with AppServer(environ=environment, server="gunicorn", workers=1) as app:
        config = nginx_config(
            ROOT / "deploy" / "nginx.conf",
            prefix,
            PILATES_LISTEN=f"127.0.0.1:{port}",
            PILATES_SERVER_NAME="127.0.0.1",
            PILATES_APP_SERVER=f"127.0.0.1:{app.port}",
            PILATES_STATIC_ROOT=str(collected_static),
            PILATES_MEDIA_ROOT=str(media_root),
        )
        with nginx(config, port):
            yield port


def test_static_files_are_served_by_nginx_with_far_future_caching(proxied_site, collected_static):
    manifest = json.loads((collected_static / "staticfiles.json").read_text())["paths"]
    stylesheet = next(name for name in manifest if name.endswith(".css"))
    hashed = manifest[stylesheet]

    status, headers, body = _get(proxied_site, f"/static/{hashed}", **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Cache-Control"] == IMMUTABLE
    assert headers["Content-Type"].startswith("text/css")
    assert headers["Content-Encoding"] == "gzip"  # the .gz collectstatic wrote
    assert gzip.decompress(body) == (collected_static / hashed).read_bytes()
    assert headers["ETag"] and headers["Last-Modified"]

    status, headers, _body = _get(proxied_site, f"/static/{stylesheet}")
    assert status == 200 and headers["Cache-Control"] == "public, max-age=3600"


def test_media_are_served_by_nginx_with_the_apps_lifetimes(proxied_site):
    status, headers, _body = _get(proxied_site, "/media/renditions/saw-0a1b2c3d4e-card-320.webp")
    assert status == 200
    assert headers["Content-Type"] == "image/webp"
    assert headers["Cache-Control"] == IMMUTABLE

    status, headers, _body = _get(proxied_site, "/media/exercises/2026/saw.jpg")
    assert status == 200 and headers["Cache-Control"] == "public, max-age=86400"

    for refused in (
        "/media/exercises/.hidden.png",
        "/media/exercises/notes.txt",
        "/media/exercises/link.png",
        "/media/../../etc/passwd",
        "/media/exercises/missing.png",
    ):
        status, _headers, _body = _get(proxied_site, refused)
        assert status in (400, 403, 404), refused


def test_pages_are_proxied_to_the_app_with_the_proxys_own_forwarded_headers(proxied_site):
    make_exercise(title="Spine Stretch", slug="spine-stretch")
    # A client cannot claim HTTPS: nginx replaces X-Forwarded-Proto with the real scheme.
    status, headers, body = _get(
        proxied_site, "/exercises/spine-stretch/", **{"X-Forwarded-Proto": "https"}
    )
    page = body.decode()
    assert status == 200
    assert "Spine Stretch" in page
    assert 'rel="canonical" href="http://127.0.0.1/exercises/spine-stretch/"' in page
    assert "Server" not in headers or "nginx/" not in headers["Server"]


def test_healthz_is_wired_through_to_the_app(proxied_site):
    status, _headers, _body = _get(proxied_site, "/healthz")
    assert status == 200
