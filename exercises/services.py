"""Writes to exercises that more than one interface (admin, commands) needs."""

from pathlib import PurePosixPath

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from exercises.models import Exercise, Status, VideoReference


@transaction.atomic
def exercises_set_status(*, exercises: QuerySet[Exercise], status: Status) -> int:
    """Publish or unpublish ``exercises``; returns how many changed.

    Publishing gives an exercise without a publication date today's date, so feeds and
    sitemaps always have one.
    """
    changing = exercises.exclude(status=status)
    if status == Status.PUBLISHED:
        changing.filter(published_on__isnull=True).update(published_on=timezone.localdate())
    return changing.update(status=status, updated_at=timezone.now())


def _file_stem(path: str) -> str:
    return PurePosixPath(path.replace("\\", "/")).stem.lower() if path else ""


def join_translation_group(*, exercise: Exercise) -> None:
    """Decide whether ``exercise`` (not saved yet) is THE translation in its language.

    One exercise per (translation key, language) is the translation that pages and the
    sitemap link to. By default that is the one whose file has the other language's file
    name (the original site paired pages by file name), else the first imported. So a
    newcomer takes the place when its language has none yet or when its name pairs and the
    current one's does not; and a newcomer whose name pairs with a non-chosen exercise of
    another language moves that language's choice to it the same way. Only a new member of
    a group changes anything, so re-imports keep an editor's choice. Runs inside the
    caller's transaction.
    """
    exercise.is_primary_translation = True
    if not exercise.translation_key:
        return
    group = Exercise.objects.filter(translation_key=exercise.translation_key)
    if exercise.pk is not None:
        group = group.exclude(pk=exercise.pk)
    members = list(group.only("pk", "language", "source_path", "is_primary_translation"))
    by_language: dict[str, list[Exercise]] = {}
    for member in members:
        by_language.setdefault(member.language, []).append(member)
    stem = _file_stem(exercise.source_path)
    demote: list[int] = []
    promote: list[int] = []
    for language, same in by_language.items():
        current = next((member for member in same if member.is_primary_translation), None)
        if language == exercise.language:
            if current is None:
                continue
            paired = {_file_stem(m.source_path) for m in members if m.language != language}
            if stem in paired and _file_stem(current.source_path) not in paired:
                demote.append(current.pk)
            else:
                exercise.is_primary_translation = False
        elif current is not None and stem and _file_stem(current.source_path) != stem:
            match = next((m for m in same if _file_stem(m.source_path) == stem), None)
            if match is not None:
                demote.append(current.pk)
                promote.append(match.pk)
    if demote:
        Exercise.objects.filter(pk__in=demote).update(is_primary_translation=False)
    if promote:
        Exercise.objects.filter(pk__in=promote).update(is_primary_translation=True)


@transaction.atomic
def make_primary_translation(*, exercise: Exercise) -> int:
    """An editor's choice: ``exercise`` becomes its language's translation for its key.
    Returns how many others stopped being it (saving ``exercise`` is the caller's)."""
    if not exercise.translation_key:
        return 0
    others = Exercise.objects.filter(
        translation_key=exercise.translation_key,
        language=exercise.language,
        is_primary_translation=True,
    )
    if exercise.pk is not None:
        others = others.exclude(pk=exercise.pk)
    return others.update(is_primary_translation=False, updated_at=timezone.now())


@transaction.atomic
def remove_video_everywhere(*, video_id: str) -> int:
    """Take the video ``video_id`` off every exercise that shows it (a placeholder id copied
    into many files, say); returns how many exercises lost it."""
    references = VideoReference.objects.filter(video_id=video_id)
    exercise_ids = set(references.values_list("exercise_id", flat=True))
    references.delete()
    Exercise.objects.filter(pk__in=exercise_ids).update(updated_at=timezone.now())
    return len(exercise_ids)
