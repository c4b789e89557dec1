"""Scheduled publishing: turn due publish-at / unpublish-at times into status changes.

The public QuerySet already hides and shows exercises on time (``ExerciseQuerySet.published``
compares the times on every request); this makes the stored status match, so the admin,
exports and feeds agree with what visitors see, and clears the times it has acted on.
"""

import math
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import Max, Min, Q

from exercises.models import Exercise, Status


@dataclass
class ScheduleResult:
    published: list[Exercise] = field(default_factory=list)
    unpublished: list[Exercise] = field(default_factory=list)


def exercises_due(*, now: datetime) -> ScheduleResult:
    """What ``publish_scheduled`` would change at ``now`` (nothing is written)."""
    due_to_go = Exercise.objects.filter(unpublish_at__lte=now).order_by("pk")
    due_to_publish = (
        Exercise.objects.filter(publish_at__lte=now).exclude(unpublish_at__lte=now).order_by("pk")
    )
    return ScheduleResult(published=list(due_to_publish), unpublished=list(due_to_go))


@transaction.atomic
def publish_scheduled(*, now: datetime) -> ScheduleResult:
    """Publish exercises whose publish-at time has come and unpublish those whose
    unpublish-at time has; returns what changed.

    Each exercise is saved on its own (there are only ever a few due at once) so that
    ``post_save`` receivers, such as page-cache invalidation, see every change.
    """
    due = exercises_due(now=now)
    for exercise in due.published:
        exercise.status = Status.PUBLISHED
        if exercise.published_on is None:
            exercise.published_on = (exercise.publish_at or now).date()
        exercise.publish_at = None
        exercise.save(update_fields=["status", "published_on", "publish_at", "updated_at"])
    for exercise in due.unpublished:
        # The publish-at time goes too: a past one would otherwise make it live again.
        exercise.status = Status.DRAFT
        exercise.publish_at = None
        exercise.unpublish_at = None
        exercise.save(update_fields=["status", "publish_at", "unpublish_at", "updated_at"])
    return due


@dataclass(frozen=True)
class ScheduleTimes:
    """The scheduled publish-at / unpublish-at times on either side of a moment."""

    last_change: datetime | None  # the latest at or before it: pages changed then
    next_change: datetime | None  # the earliest after it: pages change then


def schedule_times(*, now: datetime) -> ScheduleTimes:
    """One query; each bound is served by its partial index (models: exercise_*_at_idx)."""
    times = Exercise.objects.aggregate(
        next_publish=Min("publish_at", filter=Q(publish_at__gt=now)),
        next_unpublish=Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
        last_publish=Max("publish_at", filter=Q(publish_at__lte=now)),
        last_unpublish=Max("unpublish_at", filter=Q(unpublish_at__lte=now)),
    )
    upcoming = [times[key] for key in ("next_publish", "next_unpublish") if times[key]]
    past = [times[key] for key in ("last_publish", "last_unpublish") if times[key]]
    return ScheduleTimes(
        last_change=max(past) if past else None,
        next_change=min(upcoming) if upcoming else None,
    )


def seconds_until(next_change: datetime | None, *, now: datetime, longest: int) -> int:
    """Seconds from ``now`` to ``next_change``, at least 1 and at most ``longest``."""
    if next_change is None:
        return longest
    return max(1, min(longest, math.ceil((next_change - now).total_seconds())))


def seconds_until_next_change(*, now: datetime, longest: int) -> int:
    """How long a cached public page stays right: until the next publish-at or unpublish-at
    time (whether or not ``publish_scheduled`` runs then), capped at ``longest`` seconds.
    The page cache uses it as its timeout so a schedule shows on time without a purge."""
    return seconds_until(schedule_times(now=now).next_change, now=now, longest=longest)
