"""Writes of the API app: the change log (a publishing pipeline step) and the scheduled
publishing a sync read brings up to date first."""

from collections.abc import Iterable
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Max, Q

from api.models import ExerciseChange
from exercises.models import Exercise
from publishing.pipeline import Changes
from publishing.scheduling import publish_scheduled

# Any fixed number: PostgreSQL's transaction-level advisory lock that orders the log's writers.
CHANGE_LOG_LOCK = 0x5049_4C41


def record_exercise_changes(changes: Changes) -> None:
    """The publishing pipeline's step (registered in ``api.apps``)."""
    exercise_changes_record(pks=changes.pks)


def exercise_changes_record(*, pks: Iterable[int]) -> int:
    """Append the log rows for the committed changes of the exercises ``pks``: first a row
    for each address an exercise left (deleted, renamed, moved language), then one for the
    address of each exercise that exists, and of its translations (they link to it).
    Returns how many rows were written.

    Ids must grow in commit order, or a reader could pass an id that a slower writer then
    commits below: on PostgreSQL the writers queue on an advisory lock held until they
    commit; SQLite lets one writer in at a time anyway."""
    ids = set(pks)
    if not ids:
        return 0
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHANGE_LOG_LOCK])
        fields = ("pk", "language", "slug", "translation_key")
        current = {row.pk: row for row in Exercise.objects.filter(pk__in=ids).only(*fields)}
        latest_ids = (
            ExerciseChange.objects.filter(exercise_id__in=ids)
            .values("exercise_id")
            .annotate(latest=Max("pk"))
            .values("latest")
        )
        recorded = {
            row.exercise_id: row for row in ExerciseChange.objects.filter(pk__in=latest_ids)
        }
        keys = {row.translation_key for row in current.values()}
        keys |= {row.translation_key for row in recorded.values()}
        keys.discard("")
        translations = (
            Exercise.objects.filter(translation_key__in=keys).exclude(pk__in=ids).only(*fields)
            if keys
            else Exercise.objects.none()
        )
        left = [
            ExerciseChange(
                exercise_id=pk,
                language=before.language,
                slug=before.slug,
                translation_key=before.translation_key,
            )
            for pk, before in sorted(recorded.items())
            if pk not in current
            or (current[pk].language, current[pk].slug) != (before.language, before.slug)
        ]
        present = [
            ExerciseChange(
                exercise_id=exercise.pk,
                language=exercise.language,
                slug=exercise.slug,
                translation_key=exercise.translation_key,
            )
            for exercise in sorted([*current.values(), *translations], key=lambda row: row.pk)
        ]
        # In this order: a slug one exercise left and another took in the same commit
        # ends as the newcomer's.
        ExerciseChange.objects.bulk_create([*left, *present])
    return len(left) + len(present)


def schedules_bring_due(*, now: datetime) -> int:
    """Make the stored status follow the publish-at / unpublish-at times that have come (as
    ``manage.py publish_scheduled`` does every minute), so that the change log holds them
    before a sync reads it. Returns how many exercises changed; costs one query when none."""
    if not Exercise.objects.filter(Q(publish_at__lte=now) | Q(unpublish_at__lte=now)).exists():
        return 0
    result = publish_scheduled(now=now)
    return len(result.published) + len(result.unpublished)
