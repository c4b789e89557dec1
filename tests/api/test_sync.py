"""A mirror built from the API stays equal to a full download through `updated_since`."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from api.models import ExerciseChange
from exercises.models import Category, Exercise, Status
from exercises.services import exercises_set_status
from publishing.scheduling import publish_scheduled
from tests.admin_forms import change_form_data, change_url
from tests.api.helpers import LIST_URL, every_page
from tests.factories import make_exercise, make_full_exercise, make_term

pytestmark = pytest.mark.django_db


def download(client, **filters) -> tuple[dict, str]:
    results, position = every_page(client, limit=2, **filters)
    return {(item["language"], item["slug"]): item for item in results}, position


def sync(client, mirror: dict, position: str, **filters) -> tuple[list[dict], str]:
    """Applies every change since ``position`` to ``mirror``; returns them and the next one."""
    changes, next_position = every_page(client, updated_since=position, limit=2, **filters)
    for item in changes:
        key = (item["language"], item["slug"])
        if item.get("deleted"):
            mirror.pop(key, None)
        else:
            mirror[key] = item
    return changes, next_position


def assert_mirror_is_whole(client, mirror: dict, **filters) -> None:
    whole, _position = download(client, **filters)
    assert sorted(mirror) == sorted(whole)
    assert mirror == whole


def test_mirror_follows_admin_and_service_writes(client, admin_client):
    now = timezone.now()
    swan = make_full_exercise(title="Swan", translation_key="swan")
    make_full_exercise(title="Cisne", slug="cisne", language="es", translation_key="swan")
    saw = make_full_exercise(title="Saw")
    roll = make_exercise(title="Roll up")
    teaser = make_exercise(title="Teaser")
    make_exercise(title="Hidden", status=Status.DRAFT)
    mirror, position = download(client)
    assert len(mirror) == 5

    # In the admin: an edit, a rename, a deletion, an unpublishing.
    edited = admin_client.post(change_url(saw), change_form_data(saw, title="Saw twist"))
    renamed = admin_client.post(change_url(roll), change_form_data(roll, slug="roll-up-slow"))
    swan.refresh_from_db()
    unpublished = admin_client.post(change_url(swan), change_form_data(swan, status="draft"))
    deleted = admin_client.post(
        reverse("admin:exercises_exercise_delete", args=[teaser.pk]), {"post": "yes"}
    )
    assert {edited.status_code, renamed.status_code, unpublished.status_code} == {302}
    assert deleted.status_code == 302
    # Through services and models: a schedule, a new exercise, a hidden one published.
    make_exercise(title="Later", status=Status.DRAFT, publish_at=now + timedelta(minutes=5))
    make_exercise(title="Ending", unpublish_at=now + timedelta(minutes=5))
    exercises_set_status(exercises=Exercise.objects.filter(slug="hidden"), status=Status.PUBLISHED)
    changes, position = sync(client, mirror, position)

    assert {"deleted": True, "language": "en", "slug": "teaser"} in changes
    assert {"deleted": True, "language": "en", "slug": "roll-up"} in changes
    assert {"deleted": True, "language": "en", "slug": "swan"} in changes
    assert ("en", "roll-up-slow") in mirror
    assert mirror[("en", "saw")]["title"] == "Saw twist"
    # The Spanish translation no longer links to the unpublished English one.
    assert mirror[("es", "cisne")]["translations"] == []
    assert_mirror_is_whole(client, mirror)

    # The schedules come due: nothing is written until a sync asks (or the cron runs).
    with time_machine.travel(now + timedelta(minutes=6)):
        changes, position = sync(client, mirror, position)
        assert ("en", "later") in mirror
        assert ("en", "ending") not in mirror
        assert_mirror_is_whole(client, mirror)
        assert publish_scheduled(now=timezone.now()).published == []

    # Nothing changed since: an empty page and the same position.
    changes, again = sync(client, mirror, position)
    assert changes == []
    assert again == position


def test_a_write_while_a_sync_pages_is_not_missed(client):
    for number in range(5):
        make_exercise(title=f"Exercise {number}")
    mirror, position = download(client)
    for number in range(5):
        make_exercise(title=f"New {number}")
    first = client.get(LIST_URL, {"updated_since": position, "limit": 2}).json()
    Exercise.objects.filter(slug="new-0").delete()  # already read: it comes again, deleted
    make_exercise(title="Newest")  # after the page read

    rest, position = every_page(client, url=first["next"])
    for item in first["results"] + rest:
        key = (item["language"], item["slug"])
        if item.get("deleted"):
            mirror.pop(key, None)
        else:
            mirror[key] = item

    assert ("en", "newest") in mirror
    assert ("en", "new-0") not in mirror
    assert_mirror_is_whole(client, mirror)


def test_writes_at_the_same_instant_all_come(client):
    make_exercise(title="Before")
    mirror, position = download(client)
    with time_machine.travel(timezone.now(), tick=False):
        for title in ("One", "Two", "Three"):
            make_exercise(title=title)

    changes, _position = sync(client, mirror, position)

    assert {item["slug"] for item in changes} == {"one", "two", "three"}
    assert_mirror_is_whole(client, mirror)


def test_a_filtered_mirror_hears_of_exercises_leaving_and_joining_the_filter(client):
    mat, ball = make_term(Category, "Mat"), make_term(Category, "Ball")
    moving = make_exercise(title="Moving", category=mat)
    make_exercise(title="Staying", category=mat)
    joining = make_exercise(title="Joining", category=ball)
    mirror, position = download(client, category="mat", language="en")
    moving.category = ball
    moving.save()
    joining.category = mat
    joining.save()
    make_exercise(title="Spanish", category=mat, language="es")

    changes, _position = sync(client, mirror, position, category="mat", language="en")

    assert {"language": "en", "slug": "moving", "deleted": True} in changes
    assert sorted(mirror) == [("en", "joining"), ("en", "staying")]
    assert all(item["language"] == "en" for item in changes)
    assert_mirror_is_whole(client, mirror, category="mat", language="en")


def test_an_exercise_taking_a_slug_another_left_ends_as_the_newcomer(client):
    first = make_exercise(title="First", slug="alpha")
    second = make_exercise(title="Second", slug="beta")
    mirror, position = download(client)
    first.slug = "gamma"
    first.save()
    second.slug = "alpha"
    second.save()

    sync(client, mirror, position)

    assert mirror[("en", "alpha")]["title"] == "Second"
    assert_mirror_is_whole(client, mirror)


def test_updated_since_takes_an_iso_time(client):
    make_exercise(title="Old")
    everything = client.get(LIST_URL, {"updated_since": "2000-01-01T00:00:00Z"})
    nothing = client.get(
        LIST_URL, {"updated_since": (timezone.now() + timedelta(hours=1)).isoformat()}
    )
    bad = client.get(LIST_URL, {"updated_since": "yesterday"})

    assert [item["slug"] for item in everything.json()["results"]] == ["old"]
    assert nothing.json()["results"] == []
    assert bad.status_code == 400
    assert bad["Content-Type"] == "application/problem+json"


def test_the_change_log_only_grows(client):
    exercise = make_exercise(title="Logged")
    first = ExerciseChange.objects.count()
    exercise.title = "Logged again"
    exercise.save()
    exercise.delete()

    assert ExerciseChange.objects.count() == first + 2
    assert list(ExerciseChange.objects.values_list("slug", flat=True)) == ["logged"] * 3


def test_sync_page_queries_do_not_grow_with_its_size(client):
    def queries_for(count: int) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        position = str(ExerciseChange.objects.order_by("-pk").values_list("pk", flat=True)[0])
        for number in range(count):
            make_full_exercise(title=f"Sync {count} {number}")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST_URL, {"updated_since": position, "limit": 100})
        assert len(response.json()["results"]) == count
        return len(queries)

    make_exercise(title="Start")
    assert queries_for(2) == queries_for(10) <= 10
