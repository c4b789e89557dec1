"""Media in an S3 bucket: a real S3 API (moto's server mode), driven through django-storages."""

import re
import urllib.request
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse

from exercises.media.freshness import IMMUTABLE, REPLACEABLE
from exercises.models import Exercise
from tests.admin_forms import change_form_data
from tests.deploy.conftest import bucket_names
from tests.factories import image_bytes, make_full_exercise
from tests.servers import closed_port_url

pytestmark = pytest.mark.django_db
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def _local_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def test_an_upload_and_its_renditions_go_to_the_bucket_at_links_that_never_expire(
    editor_client, client, bucket, settings
):
    exercise = make_full_exercise(title="Teaser")
    data = change_form_data(exercise)
    data["image"] = ContentFile(image_bytes((1600, 1200), "JPEG", colour="#7a9"), name="t.jpg")
    response = editor_client.post(
        reverse("admin:exercises_exercise_change", args=[exercise.pk]), data
    )
    assert response.status_code == 302

    exercise.refresh_from_db()
    stored = bucket_names(bucket)
    renditions = {item["name"] for item in exercise.image_renditions}
    assert len(renditions) == 8
    assert {exercise.image.name, *renditions} <= stored
    assert _local_files(Path(settings.MEDIA_ROOT)) == []

    page = client.get(exercise.get_absolute_url()).content.decode()
    links = set(re.findall(r'(?:src|srcset)="([^" ]+)', page))
    bucket_links = {link for link in links if link.startswith(f"{bucket.endpoint}/{bucket.name}/")}
    assert len(bucket_links) >= 2
    for link in bucket_links:
        assert "?" not in link, f"a signed, expiring link: {link}"
        with urllib.request.urlopen(link, timeout=10) as answer:  # no credentials at all
            assert answer.status == 200
            assert answer.headers["Content-Type"].startswith("image/")

    name = next(iter(renditions))
    grants = bucket.client.get_object_acl(Bucket=bucket.name, Key=name)["Grants"]
    assert {"URI": ALL_USERS, "Type": "Group"} in [
        grant["Grantee"] for grant in grants if grant["Permission"] == "READ"
    ]
    head = bucket.client.head_object(Bucket=bucket.name, Key=name)
    assert head["CacheControl"] == IMMUTABLE
    original = bucket.client.head_object(Bucket=bucket.name, Key=exercise.image.name)
    assert original["CacheControl"] == REPLACEABLE


def test_a_new_picture_never_overwrites_the_object_a_cached_page_links_to(bucket):
    first = default_storage.save("exercises/2026/pose.jpg", ContentFile(b"first"))
    second = default_storage.save("exercises/2026/pose.jpg", ContentFile(b"second"))
    assert first != second
    body = bucket.client.get_object(Bucket=bucket.name, Key=first)["Body"].read()
    assert body == b"first"


def test_imported_pictures_go_to_the_bucket(bucket, settings):
    call_command("import_exercises", str(settings.BASE_DIR / "fixtures"), verbosity=0)
    exercise = Exercise.objects.get(slug="teaser", language="en")
    stored = bucket_names(bucket)
    assert exercise.image.name in stored
    assert {item["name"] for item in exercise.image_renditions} <= stored
    assert _local_files(Path(settings.MEDIA_ROOT)) == []


def _local_media(settings) -> FileSystemStorage:
    return FileSystemStorage(location=settings.MEDIA_ROOT)


def test_copy_media_to_bucket_copies_local_pictures_once_under_their_names(bucket, settings):
    local = _local_media(settings)
    local.save("exercises/2025/teaser.jpg", ContentFile(b"original bytes"))
    local.save("renditions/teaser-0123456789-card-320.webp", ContentFile(b"rendition bytes"))
    local.save(".DS_Store", ContentFile(b"hidden"))

    out = StringIO()
    call_command("copy_media_to_bucket", "--dry-run", "-v", "2", stdout=out)
    assert bucket_names(bucket) == set()
    assert "exercises/2025/teaser.jpg: would be copied" in out.getvalue()
    assert "2 would be copied, 0 unchanged, 0 different, 0 failed" in out.getvalue()

    out = StringIO()
    call_command("copy_media_to_bucket", stdout=out)
    assert bucket_names(bucket) == {
        "exercises/2025/teaser.jpg",
        "renditions/teaser-0123456789-card-320.webp",
    }
    copied = bucket.client.get_object(Bucket=bucket.name, Key="exercises/2025/teaser.jpg")
    assert copied["Body"].read() == b"original bytes"
    assert "2 copied, 0 unchanged" in out.getvalue()

    out = StringIO()
    call_command("copy_media_to_bucket", stdout=out)
    assert "0 copied, 2 unchanged" in out.getvalue()


def test_copy_media_to_bucket_never_overwrites_other_bytes_under_the_same_name(bucket, settings):
    _local_media(settings).save("exercises/2025/saw.jpg", ContentFile(b"local version"))
    bucket.client.put_object(Bucket=bucket.name, Key="exercises/2025/saw.jpg", Body=b"bucket")
    out, err = StringIO(), StringIO()
    call_command("copy_media_to_bucket", stdout=out, stderr=err)
    assert "exercises/2025/saw.jpg: different: the target holds other bytes" in err.getvalue()
    kept = bucket.client.get_object(Bucket=bucket.name, Key="exercises/2025/saw.jpg")
    assert kept["Body"].read() == b"bucket"


def test_copy_media_to_bucket_refuses_without_a_bucket_or_a_folder(bucket, settings, tmp_path):
    with pytest.raises(CommandError, match="not a folder"):
        call_command("copy_media_to_bucket", "--source", str(tmp_path / "missing"))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    with pytest.raises(CommandError, match="AWS_STORAGE_BUCKET_NAME"):
        call_command("copy_media_to_bucket")


def test_an_unreachable_bucket_is_given_up_on_in_seconds_not_minutes(bucket):
    config = default_storage.connection.meta.client.meta.config
    assert config.connect_timeout == 5
    assert config.read_timeout == 30
    assert config.retries["total_max_attempts"] == 3


@pytest.fixture
def unreachable_bucket(bucket, settings):
    """The bucket's endpoint moved to a port where nothing listens."""
    settings.AWS_S3_ENDPOINT_URL = closed_port_url("http")
    settings.STORAGES = {**settings.STORAGES}  # a new storage object with the new endpoint
    return bucket


def test_readiness_checks_the_bucket(client, bucket):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["storage"] == "ok"


def test_readiness_names_an_unreachable_bucket(client, unreachable_bucket):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "EndpointConnectionError"


def test_an_upload_while_the_bucket_is_unreachable_is_a_503_and_changes_nothing(
    editor_client, unreachable_bucket
):
    exercise = make_full_exercise(title="Teaser")
    data = change_form_data(exercise, title="Teaser, changed")
    data["image"] = ContentFile(image_bytes((64, 48), "JPEG"), name="t.jpg")
    response = editor_client.post(
        reverse("admin:exercises_exercise_change", args=[exercise.pk]), data
    )
    assert response.status_code == 503
    assert response["Retry-After"]
    exercise.refresh_from_db()
    assert exercise.title == "Teaser" and not exercise.image
