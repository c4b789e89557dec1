"""Writes to exercises that more than one interface (admin, commands) needs."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from exercises.caching import bump_content_version
from exercises.models import Exercise, Status


@transaction.atomic
def exercises_set_status(*, exercises: QuerySet[Exercise], status: Status) -> int:
    """Publish or unpublish ``exercises``; returns how many changed.

    Publishing gives an exercise without a publication date today's date, so feeds and
    sitemaps always have one.
    """
    changing = exercises.exclude(status=status)
    if status == Status.PUBLISHED:
        changing.filter(published_on__isnull=True).update(published_on=timezone.localdate())
    changed = changing.update(status=status, updated_at=timezone.now())
    bump_content_version()  # update() sends no signals
    return changed
