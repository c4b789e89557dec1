"""POST data for the workout change form, built from what a workout holds."""

import json

from django.urls import reverse

from workouts.models import Workout, WorkoutItem

SECTION_FIELDS = ["position", "kind", "title", "minutes"]
ITEM_FIELDS = ["section", "position", "kind", "exercise", "name", "duration", "reps"]
VIDEO_FIELDS = ["position", "youtube_id", "title", "channel"]


def change_url(workout: Workout) -> str:
    return reverse("admin:workouts_workout_change", args=[workout.pk])


def _text(value) -> str:
    return "" if value is None else str(value)


def _management(prefix: str, count: int) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(count),
        f"{prefix}-INITIAL_FORMS": str(count),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def workout_form_data(workout: Workout, **overrides) -> dict:
    """What the change form posts when an editor saves ``workout`` unchanged, with
    ``overrides`` applied on top."""
    data = {
        "title": workout.title,
        "slug": workout.slug,
        "language": workout.language,
        "status": workout.status,
        "kind": workout.kind,
        "description": workout.description,
        "duration": _text(workout.duration),
        "difficulty": workout.difficulty,
        "equipment": [str(pk) for pk in workout.equipment.values_list("pk", flat=True)],
        "focus": [str(pk) for pk in workout.focus.values_list("pk", flat=True)],
        "categories": [str(pk) for pk in workout.categories.values_list("pk", flat=True)],
        "calories": workout.calories,
        "body": workout.body,
        "follow_along_video_id": workout.follow_along_video_id,
        "follow_along_video_title": workout.follow_along_video_title,
        "follow_along_video_channel": workout.follow_along_video_channel,
        "translation_key": workout.translation_key,
        "translation_of": _text(workout.translation_of_id),
        "publish_at_0": "",
        "publish_at_1": "",
        "unpublish_at_0": "",
        "unpublish_at_1": "",
        "published_on": _text(workout.published_on),
        "last_modified_on": _text(workout.last_modified_on),
        "catalogue_id": workout.catalogue_id,
        "extra_front_matter": json.dumps(workout.extra_front_matter),
        "updated_at_token": workout.updated_at.isoformat(),
    }
    if workout.is_primary_translation:
        data["is_primary_translation"] = "on"
    if workout.featured:
        data["featured"] = "on"
    sections = list(workout.sections.order_by("position", "pk"))
    data |= _management("sections", len(sections))
    for index, section in enumerate(sections):
        data[f"sections-{index}-id"] = str(section.pk)
        data[f"sections-{index}-workout"] = str(workout.pk)
        for field in SECTION_FIELDS:
            data[f"sections-{index}-{field}"] = _text(getattr(section, field))
    items = list(
        WorkoutItem.objects.filter(section__workout=workout).order_by(
            "section__position", "section", "position", "pk"
        )
    )
    data |= _management("items", len(items))
    for index, item in enumerate(items):
        data[f"items-{index}-id"] = str(item.pk)
        for field in ITEM_FIELDS:
            value = getattr(item, f"{field}_id" if field in ("section", "exercise") else field)
            data[f"items-{index}-{field}"] = _text(value)
        data[f"items-{index}-instructions"] = "\n".join(item.instructions)
    videos = list(workout.related_videos.order_by("position", "pk"))
    data |= _management("related_videos", len(videos))
    for index, video in enumerate(videos):
        data[f"related_videos-{index}-id"] = str(video.pk)
        data[f"related_videos-{index}-workout"] = str(workout.pk)
        for field in VIDEO_FIELDS:
            data[f"related_videos-{index}-{field}"] = _text(getattr(video, field))
    data.update(overrides)
    return data
