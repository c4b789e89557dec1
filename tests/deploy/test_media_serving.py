"""Pictures on the local disk are served by the app with debug off, with cache validators."""

import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from exercises.media.freshness import IMMUTABLE, REPLACEABLE
from tests.factories import image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.DEBUG = False
    settings.MEDIA_ROOT = tmp_path / "media"
    return default_storage


def test_a_stored_picture_is_served_with_debug_off_and_its_validators(client, media):
    content = image_bytes((8, 8), "PNG")
    name = media.save("exercises/2026/roll-up.png", ContentFile(content))

    response = client.get(f"/media/{name}", HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "image/png"
    assert response["Content-Length"] == str(len(content))
    assert response["Cache-Control"] == REPLACEABLE
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")
    assert "Content-Encoding" not in response  # pictures are compressed already
    assert "Set-Cookie" not in response and "Cookie" not in response.get("Vary", "")


def test_renditions_are_cached_for_a_year_as_immutable(client, media):
    name = media.save(
        "renditions/saw-0a1b2c3d4e-card-320.webp", ContentFile(image_bytes((8, 8), "WEBP"))
    )
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == IMMUTABLE


def test_a_revalidation_answers_304_without_the_body(client, media):
    name = media.save("exercises/2026/teaser.jpg", ContentFile(image_bytes((8, 8), "JPEG")))
    first = client.get(f"/media/{name}")

    by_etag = client.get(f"/media/{name}", HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(f"/media/{name}", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert by_etag.status_code == 304 and by_date.status_code == 304
    assert by_etag.content == b""
    assert by_etag["Cache-Control"] == REPLACEABLE


def test_a_replaced_file_gets_a_new_etag(client, media):
    name = media.save("exercises/2026/swan.png", ContentFile(image_bytes((8, 8), "PNG")))
    before = client.get(f"/media/{name}")["ETag"]
    path = media.path(name)
    with open(path, "wb") as stored:
        stored.write(image_bytes((9, 9), "PNG"))
    os.utime(path, ns=(1, 1))
    after = client.get(f"/media/{name}", HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200 and after["ETag"] != before


def test_head_answers_the_headers_only(client, media):
    content = image_bytes((8, 8), "GIF")
    name = media.save("exercises/2026/dot.gif", ContentFile(content))
    response = client.head(f"/media/{name}")
    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Length"] == str(len(content))


@pytest.mark.parametrize(
    "path",
    [
        "/media/../pilates/settings.py",
        "/media/exercises/../../secret.png",
        "/media/%2e%2e/secret.png",
        "/media/.hidden.png",
        "/media/exercises/notes.txt",
        "/media/exercises/missing.png",
        "/media/exercises",
        "/media/",
        "/media//etc/passwd.png",
        "/media/exercises\\..\\secret.png",
    ],
)
def test_paths_outside_the_pictures_are_404(client, media, path, tmp_path):
    (tmp_path / "secret.png").write_bytes(image_bytes((8, 8), "PNG"))
    media.save(".hidden.png", ContentFile(b"x"))
    media.save("exercises/notes.txt", ContentFile(b"notes"))
    response = client.get(path)
    assert response.status_code == 404


def test_a_link_pointing_out_of_the_media_folder_is_not_followed(client, media, tmp_path):
    outside = tmp_path / "outside.png"
    outside.write_bytes(image_bytes((8, 8), "PNG"))
    media.save("exercises/keep.png", ContentFile(b"x"))
    os.symlink(outside, tmp_path / "media" / "exercises" / "link.png")
    assert client.get("/media/exercises/link.png").status_code == 404


def test_only_get_and_head_are_answered(client, media):
    name = media.save("exercises/2026/dot.png", ContentFile(image_bytes((8, 8), "PNG")))
    assert client.post(f"/media/{name}").status_code == 405


def test_with_media_in_a_bucket_the_app_serves_no_local_media(client, media, settings):
    name = media.save("exercises/2026/dot.png", ContentFile(image_bytes((8, 8), "PNG")))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "exercises.media.storage.PublicMediaStorage"},
    }
    settings.AWS_STORAGE_BUCKET_NAME = "pilates-nowhere"
    assert client.get(f"/media/{name}").status_code == 404
