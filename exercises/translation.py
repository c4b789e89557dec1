"""The translation workflow: make the other language's draft of an exercise.

Everything language-neutral is copied (classification, taxonomy, videos, picture); the
texts are copied too, as the source to translate in place. Tags are keywords in the
source language, so they are not copied.
"""

from collections.abc import Collection
from typing import Any, cast

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from exercises.models import FAQ, Exercise, Language, Modification, Status, Step, VideoReference
from publishing.pipeline import content_changed
from publishing.slugs import free_slug, free_translation_key

COPIED_FIELDS = [
    "title",
    "description",
    "body",
    "difficulty",
    "duration",
    "category",
    "author",
    "image",
    "image_source",
    "focal_x",
    "focal_y",
    "image_renditions",
]
CHILD_FIELDS: dict[type[Any], list[str]] = {
    Step: ["position", "title", "text"],
    Modification: ["position", "name", "level", "description"],
    FAQ: ["position", "question", "answer"],
    VideoReference: ["position", "provider", "video_id", "url", "title", "channel", "start"],
}


# What "language-neutral" means: the same in every language's version of an exercise. Each
# group is applied whole (a picture is its file, source path, focal point and renditions).
NEUTRAL_COLUMNS: dict[str, list[str]] = {
    "difficulty": ["difficulty"],
    "duration": ["duration"],
    "category": ["category"],
    "picture": ["image", "image_source", "focal_x", "focal_y", "image_renditions"],
}
NEUTRAL_RELATIONS = ["equipment", "muscles"]
NEUTRAL_GROUPS = [*NEUTRAL_COLUMNS, *NEUTRAL_RELATIONS, "videos"]
VIDEO_FIELDS = CHILD_FIELDS[VideoReference]


def other_languages(exercise: Exercise) -> list[str]:
    return [code for code in Language.values if code != exercise.language]


def translation_source_of(exercise: Exercise) -> Exercise | None:
    """The version to show beside this one's fields while translating: the exercise it was
    translated from, else its translation in another language."""
    if exercise.translation_of_id is not None:
        # The mixin's foreign key to "self": an exercise here, a TranslatableMixin to mypy.
        return cast(Exercise | None, exercise.translation_of)
    return exercise.translations().first()


@transaction.atomic
def exercise_translate(*, source: Exercise, language: str) -> tuple[Exercise, bool]:
    """The ``language`` version of ``source``: the existing one, or a new draft copied from
    ``source`` (returns it and whether it was created). Gives ``source`` a translation key
    first if it has none."""
    if language == source.language or language not in Language.values:
        raise ValidationError(
            _("Cannot translate an exercise into %(language)s.") % {"language": language}
        )
    source = Exercise.objects.select_for_update().get(pk=source.pk)
    if not source.translation_key:
        source.translation_key = free_translation_key(source, source.slug)
        # Only the key: the original's content did not change, so its stamp stays.
        Exercise.objects.filter(pk=source.pk).update(translation_key=source.translation_key)
    existing = Exercise.objects.filter(
        translation_key=source.translation_key, language=language
    ).first()
    if existing is not None:
        return existing, False

    translation = Exercise(
        **{name: getattr(source, name) for name in COPIED_FIELDS},
        language=language,
        slug=free_slug(Exercise, source.slug, language=language),
        translation_key=source.translation_key,
        translation_of=source,
        status=Status.DRAFT,
    )
    translation.full_clean()
    # Its HTML, search document (copied steps and terms included) and renditions come from
    # the pipeline when this commits: the draft can be published by a changelist action
    # without ever being saved in the admin.
    translation.save()
    translation.equipment.set(source.equipment.all())
    translation.muscles.set(source.muscles.all())
    for model, fields in CHILD_FIELDS.items():
        model.objects.bulk_create(
            model(exercise=translation, **{name: getattr(row, name) for name in fields})
            for row in model.objects.filter(exercise=source).order_by("position", "pk")
        )
    return translation, True


def following_translations(exercise: Exercise) -> list[Exercise]:
    """The translations that take ``exercise``'s language-neutral fields: both keep in step."""
    if not exercise.follows_translation:
        return []
    return list(exercise.translations().filter(follows_translation=True))


@transaction.atomic
def exercise_apply_neutral_fields(*, source: Exercise, groups: Collection[str]) -> list[Exercise]:
    """Give ``source``'s translations that keep in step its values of the language-neutral
    ``groups`` (names from NEUTRAL_GROUPS); returns the translations changed.

    Each changed translation is saved (its stamp moves, so a re-import will not silently
    undo this) and joins the revision the caller has open, if any.
    """
    unknown = set(groups) - set(NEUTRAL_GROUPS)
    if unknown:
        raise ValueError(f"not language-neutral: {sorted(unknown)}")
    targets = following_translations(source) if groups else []
    columns = [name for group in groups for name in NEUTRAL_COLUMNS.get(group, [])]
    videos = list(source.videos.order_by("position", "pk")) if "videos" in groups else []
    for target in targets:
        for name in columns:
            setattr(target, name, getattr(source, name))
        # The values are the source's, validated when the source was saved.
        target.save()
        for relation in NEUTRAL_RELATIONS:
            if relation in groups:
                getattr(target, relation).set(getattr(source, relation).all())
        if "videos" in groups:
            target.videos.all().delete()
            VideoReference.objects.bulk_create(
                VideoReference(
                    exercise=target, **{name: getattr(row, name) for name in VIDEO_FIELDS}
                )
                for row in videos
            )
        if reversion.is_active():
            reversion.add_to_revision(target)
    if targets:
        # Terms are part of the search document: their derived data is recomputed on commit.
        content_changed(Exercise, [target.pk for target in targets])
    return targets
