"""Writes to workouts.

The admin's writes (helper "mixins"): renumbering after an edit, publishing from the
changelist and translating. Each is keyword-only, validates with ``full_clean()`` and runs
in one transaction; derived data (stored HTML) follows from the saves through the
publishing pipeline (``workouts.signals``).
"""

import reversion
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from exercises.models import Exercise
from publishing.models import Language, Status
from publishing.pipeline import content_changed
from publishing.slugs import free_slug, free_translation_key
from workouts.models import Workout, WorkoutItem, WorkoutSection, WorkoutVideo

# Copied into a translation as they are: the texts to translate in place, and everything
# that is the same in every language.
TRANSLATION_COPIED_FIELDS = [
    "title",
    "description",
    "body",
    "catalogue_id",
    "kind",
    "duration",
    "difficulty",
    "calories",
    "featured",
    "follow_along_video_id",
    "follow_along_video_title",
    "follow_along_video_channel",
    "image",
    "image_renditions",
]
SECTION_FIELDS = ["position", "kind", "title", "minutes"]
ITEM_FIELDS = ["position", "kind", "name", "duration", "reps", "instructions"]
VIDEO_FIELDS = ["position", "youtube_id", "title", "channel"]


@transaction.atomic
def workout_renumber(*, workout: Workout) -> int:
    """Number the sections 1, 2, 3... and each section's items 1, 2, 3... in the order they
    have (position, then age), so gaps and ties from typed numbers never pile up; returns
    how many rows changed."""
    changed: list[WorkoutSection | WorkoutItem | WorkoutVideo] = []
    sections = list(WorkoutSection.objects.filter(workout=workout).order_by("position", "pk"))
    changed += _renumbered(sections)
    WorkoutSection.objects.bulk_update(
        [r for r in changed if isinstance(r, WorkoutSection)], ["position"]
    )
    items = list(
        WorkoutItem.objects.filter(section__workout=workout).order_by("section", "position", "pk")
    )
    moved_items: list[WorkoutItem] = []
    for section in sections:
        moved_items += _renumbered([item for item in items if item.section_id == section.pk])
    WorkoutItem.objects.bulk_update(moved_items, ["position"])
    videos = _renumbered(list(workout.related_videos.order_by("position", "pk")))
    WorkoutVideo.objects.bulk_update(videos, ["position"])
    total = len(changed) + len(moved_items) + len(videos)
    if total:
        content_changed(Workout, [workout.pk])  # bulk_update sends no signal
    return total


def _renumbered(rows):
    moved = []
    for number, row in enumerate(rows, start=1):
        if row.position != number:
            row.position = number
            moved.append(row)
    return moved


@transaction.atomic
def workouts_set_status(*, workouts: QuerySet[Workout], status: str) -> int:
    """Publish or unpublish ``workouts`` (each saved, so its revision and the pipeline see
    it); publishing dates those never published. Returns how many changed."""
    if status not in Status.values:
        raise ValidationError(_("Unknown status %(status)s.") % {"status": status})
    changed = 0
    # By id: the changelist's queryset is annotated (a GROUP BY), which FOR UPDATE refuses.
    ids = list(workouts.values_list("pk", flat=True))
    chosen = Workout.objects.filter(pk__in=ids).exclude(status=status)
    for workout in chosen.select_for_update().order_by("pk"):
        workout.status = status
        if status == Status.PUBLISHED and workout.published_on is None:
            workout.published_on = timezone.localdate()
        workout.full_clean()
        workout.save(update_fields=["status", "published_on", "updated_at"])
        changed += 1
    return changed


@transaction.atomic
def workout_translate(
    *, workout: Workout, language: str, user: AbstractBaseUser | AnonymousUser | None = None
) -> tuple[Workout, bool]:
    """The ``language`` version of ``workout``: the existing one, or a new draft with the
    same structure (returns it and whether it was created). Each item links the exercise's
    translation in ``language`` where it has one, else no exercise (its name stays, to
    translate or link by hand). Gives ``workout`` a translation key first if it has none."""
    if language == workout.language or language not in Language.values:
        raise ValidationError(
            _("Cannot translate a workout into %(language)s.") % {"language": language}
        )
    source = Workout.objects.select_for_update().get(pk=workout.pk)
    if not source.translation_key:
        source.translation_key = free_translation_key(source, f"workout-{source.slug}"[:200])
        # Only the key: the original's content did not change, so its stamp stays.
        Workout.objects.filter(pk=source.pk).update(translation_key=source.translation_key)
    existing = Workout.objects.filter(
        translation_key=source.translation_key, language=language
    ).first()
    if existing is not None:
        return existing, False

    with reversion.create_revision():
        translation = Workout(
            **{name: getattr(source, name) for name in TRANSLATION_COPIED_FIELDS},
            language=language,
            slug=free_slug(Workout, source.slug, language=language),
            translation_key=source.translation_key,
            translation_of=source,
            status=Status.DRAFT,
        )
        translation.full_clean()
        translation.save()
        translation.equipment.set(source.equipment.all())
        translation.focus.set(source.focus.all())
        translation.categories.set(source.categories.all())
        WorkoutVideo.objects.bulk_create(
            WorkoutVideo(workout=translation, **{name: getattr(v, name) for name in VIDEO_FIELDS})
            for v in source.related_videos.order_by("position", "pk")
        )
        sections = list(
            source.sections.order_by("position", "pk").prefetch_related("items__exercise")
        )
        linked = _translated_exercises(sections, language=language)
        for section in sections:
            copy = WorkoutSection.objects.create(
                workout=translation, **{name: getattr(section, name) for name in SECTION_FIELDS}
            )
            WorkoutItem.objects.bulk_create(
                _translated_item(item, section=copy, linked=linked)
                for item in sorted(section.items.all(), key=lambda i: (i.position, i.pk))
            )
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(
            _("Translated from %(language)s.") % {"language": Language(source.language).label}
        )
        reversion.add_to_revision(translation)
    content_changed(Workout, [translation.pk])  # the items went in with bulk_create
    return translation, True


def _translated_item(
    item: WorkoutItem, *, section: WorkoutSection, linked: dict[int, Exercise]
) -> WorkoutItem:
    """``item`` in the translation: linked to its exercise's translation where there is one;
    else unlinked, named by the original exercise's title when it had no name of its own,
    so an editor sees what to link (an item names its movement)."""
    copy = WorkoutItem(section=section, **{name: getattr(item, name) for name in ITEM_FIELDS})
    if item.exercise_id is not None:
        copy.exercise = linked.get(item.exercise_id)
        if copy.exercise is None and not copy.name and item.exercise is not None:
            copy.name = item.exercise.title
    return copy


def _translated_exercises(sections: list[WorkoutSection], *, language: str) -> dict[int, Exercise]:
    """Each linked exercise's translation in ``language``, by the linked exercise's id:
    the other language's chosen translation of the same key (one query)."""
    ids = {item.exercise_id for s in sections for item in s.items.all() if item.exercise_id}
    keys = dict(
        Exercise.objects.filter(pk__in=ids, is_primary_translation=True)
        .exclude(translation_key="")
        .values_list("pk", "translation_key")
    )
    targets = {
        exercise.translation_key: exercise
        for exercise in Exercise.objects.filter(
            translation_key__in=set(keys.values()),
            language=language,
            is_primary_translation=True,
        )
    }
    return {pk: targets[key] for pk, key in keys.items() if key in targets}
