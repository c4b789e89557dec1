"""Scheduled publishing: turn due publish-at / unpublish-at times into status changes.

Works over every model registered as scheduled content (``publishing.registry``), each
made of ``PublishableMixin``. The public QuerySet already hides and shows content on time
(``PublishableQuerySetMixin.published`` compares the times on every request); this makes
the stored status match, so the admin, exports and feeds agree with what visitors see, and
clears the times it has acted on.
"""

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max, Min, Q

from publishing.models import Status
from publishing.registry import scheduled_models


@dataclass
class ScheduleResult:
    # Rows of any registered model: each has the publishable, translatable and address mixins.
    published: list[Any] = field(default_factory=list)
    unpublished: list[Any] = field(default_factory=list)


def content_due(*, now: datetime) -> ScheduleResult:
    """What ``publish_scheduled`` would change at ``now`` (nothing is written), model by
    model in registration order."""
    result = ScheduleResult()
    for model in scheduled_models():
        rows = model._default_manager.order_by("pk")
        result.published += rows.filter(publish_at__lte=now).exclude(unpublish_at__lte=now)
        result.unpublished += rows.filter(unpublish_at__lte=now)
    return result


@transaction.atomic
def publish_scheduled(*, now: datetime) -> ScheduleResult:
    """Publish content whose publish-at time has come and unpublish content whose
    unpublish-at time has; returns what changed.

    Each row is saved on its own (there are only ever a few due at once) so that
    ``post_save`` receivers, which report the change to the publishing pipeline, see
    every change.
    """
    due = content_due(now=now)
    for item in due.published:
        item.status = Status.PUBLISHED
        if item.published_on is None:
            item.published_on = (item.publish_at or now).date()
        item.publish_at = None
        item.save(update_fields=["status", "published_on", "publish_at", "updated_at"])
    for item in due.unpublished:
        # The publish-at time goes too: a past one would otherwise make it live again.
        item.status = Status.DRAFT
        item.publish_at = None
        item.unpublish_at = None
        item.save(update_fields=["status", "publish_at", "unpublish_at", "updated_at"])
    return due


@dataclass(frozen=True)
class ScheduleTimes:
    """The scheduled publish-at / unpublish-at times on either side of a moment."""

    last_change: datetime | None  # the latest at or before it: pages changed then
    next_change: datetime | None  # the earliest after it: pages change then


def schedule_times(*, now: datetime) -> ScheduleTimes:
    """One query per scheduled model; each bound is served by its partial index
    (``publishing.models.schedule_indexes``)."""
    upcoming: list[datetime] = []
    past: list[datetime] = []
    for model in scheduled_models():
        times = model._default_manager.aggregate(
            next_publish=Min("publish_at", filter=Q(publish_at__gt=now)),
            next_unpublish=Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
            last_publish=Max("publish_at", filter=Q(publish_at__lte=now)),
            last_unpublish=Max("unpublish_at", filter=Q(unpublish_at__lte=now)),
        )
        upcoming += [times[key] for key in ("next_publish", "next_unpublish") if times[key]]
        past += [times[key] for key in ("last_publish", "last_unpublish") if times[key]]
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
