from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command

from exercises.models import Exercise, Status
from exercises.services import exercises_set_status
from publishing.scheduling import publish_scheduled
from tests.factories import make_exercise

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def visible_titles(now=None) -> set[str]:
    return set(Exercise.objects.published(now=now).values_list("title", flat=True))


def test_a_draft_scheduled_for_later_appears_when_its_time_comes_without_the_command():
    make_exercise(title="Teaser", status=Status.DRAFT, publish_at=NOON)
    assert visible_titles(NOON - timedelta(seconds=1)) == set()
    assert visible_titles(NOON) == {"Teaser"}


def test_a_published_exercise_with_a_future_publish_time_stays_hidden_until_then():
    make_exercise(title="Saw", status=Status.PUBLISHED, publish_at=NOON)
    assert visible_titles(NOON - timedelta(minutes=1)) == set()
    assert visible_titles(NOON + timedelta(minutes=1)) == {"Saw"}


def test_an_exercise_disappears_at_its_unpublish_time():
    make_exercise(title="Swan", status=Status.PUBLISHED, unpublish_at=NOON)
    assert visible_titles(NOON - timedelta(seconds=1)) == {"Swan"}
    assert visible_titles(NOON) == set()


def test_a_plain_draft_is_never_visible():
    make_exercise(title="Draft", status=Status.DRAFT)
    assert visible_titles(NOON) == set()


def test_detail_page_follows_the_clock(client):
    exercise = make_exercise(title="Spine Twist", status=Status.DRAFT, publish_at=NOON)
    with time_machine.travel(NOON - timedelta(minutes=5), tick=False):
        assert client.get(exercise.get_absolute_url()).status_code == 404
        assert "Spine Twist" not in client.get("/exercises/").content.decode()
    with time_machine.travel(NOON + timedelta(minutes=5), tick=False):
        assert client.get(exercise.get_absolute_url()).status_code == 200
        assert "Spine Twist" in client.get("/exercises/").content.decode()


def test_command_publishes_what_is_due_and_clears_the_time():
    due = make_exercise(title="Due", status=Status.DRAFT, publish_at=NOON)
    later = make_exercise(title="Later", status=Status.DRAFT, publish_at=NOON + timedelta(days=1))
    with time_machine.travel(NOON + timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", verbosity=0)
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.status == Status.PUBLISHED
    assert due.publish_at is None
    assert due.published_on == NOON.date()
    assert later.status == Status.DRAFT
    assert later.publish_at == NOON + timedelta(days=1)


def test_command_unpublishes_what_is_due():
    going = make_exercise(title="Going", status=Status.PUBLISHED, unpublish_at=NOON)
    with time_machine.travel(NOON, tick=False):
        call_command("publish_scheduled", verbosity=0)
    going.refresh_from_db()
    assert going.status == Status.DRAFT
    assert going.unpublish_at is None
    assert visible_titles(NOON + timedelta(days=365)) == set()


def test_dry_run_reports_and_changes_nothing(capsys):
    exercise = make_exercise(title="Due", status=Status.DRAFT, publish_at=NOON)
    with time_machine.travel(NOON + timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", "--dry-run", verbosity=2)
    output = capsys.readouterr().out
    assert "published: en/due" in output
    assert "Would publish 1, unpublish 0." in output
    exercise.refresh_from_db()
    assert exercise.status == Status.DRAFT
    assert exercise.publish_at == NOON


def test_publish_scheduled_saves_each_exercise_so_change_signals_fire():
    from django.db.models.signals import post_save

    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance.pk)

    exercise = make_exercise(title="Due", status=Status.DRAFT, publish_at=NOON)
    post_save.connect(receiver, sender=Exercise)
    try:
        publish_scheduled(now=NOON)
    finally:
        post_save.disconnect(receiver, sender=Exercise)
    assert seen == [exercise.pk]


def test_unpublishing_by_hand_cancels_a_past_publish_time():
    make_exercise(title="Live", status=Status.DRAFT, publish_at=NOON)
    assert visible_titles(NOON) == {"Live"}
    exercises_set_status(exercises=Exercise.objects.all(), status=Status.DRAFT)
    assert visible_titles(NOON) == set()


def test_unpublish_time_must_follow_publish_time():
    from django.core.exceptions import ValidationError

    exercise = make_exercise(title="Odd")
    exercise.publish_at = NOON
    exercise.unpublish_at = NOON - timedelta(hours=1)
    with pytest.raises(ValidationError, match="Unpublish after the publish time"):
        exercise.full_clean()


def test_an_exercise_whose_whole_window_has_passed_stays_down_after_the_command():
    window = make_exercise(
        title="Window",
        status=Status.DRAFT,
        publish_at=NOON - timedelta(days=2),
        unpublish_at=NOON - timedelta(days=1),
    )
    with time_machine.travel(NOON, tick=False):
        call_command("publish_scheduled", verbosity=0)
    window.refresh_from_db()
    assert (window.status, window.publish_at, window.unpublish_at) == (Status.DRAFT, None, None)
    assert visible_titles(NOON + timedelta(days=1)) == set()


def test_cached_pages_expire_at_the_next_scheduled_change():
    from publishing.scheduling import seconds_until_next_change

    assert seconds_until_next_change(now=NOON, longest=600) == 600
    make_exercise(title="Soon", status=Status.DRAFT, publish_at=NOON + timedelta(seconds=90))
    make_exercise(title="Ending", unpublish_at=NOON + timedelta(seconds=30.5))
    make_exercise(title="Past", status=Status.DRAFT, publish_at=NOON - timedelta(hours=1))
    assert seconds_until_next_change(now=NOON, longest=600) == 31
    assert seconds_until_next_change(now=NOON + timedelta(seconds=40), longest=600) == 50
    assert seconds_until_next_change(now=NOON, longest=10) == 10
