"""Writes to exercises that more than one interface (admin, commands) needs."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from exercises.models import Exercise, Status


@transaction.atomic
def exercises_set_status(*, exercises: QuerySet[Exercise], status: Status) -> int:
    """Publish or unpublish ``exercises``; returns how many changed.

    Publishing gives an exercise without a publication date today's date, so feeds and
    sitemaps always have one. Either way is effective now, so it cancels a pending
    publish-at time (which would otherwise keep the exercise hidden, or bring it back).
    """
    changing = exercises.exclude(status=status) | exercises.filter(publish_at__isnull=False)
    if status == Status.PUBLISHED:
        changing.filter(published_on__isnull=True).update(published_on=timezone.localdate())
    return changing.update(status=status, publish_at=None, updated_at=timezone.now())
