"""POST data for the exercise change form, built from what an exercise holds."""

from django.urls import reverse

from exercises.models import Exercise

INLINE_FIELDS = {
    "steps": ["position", "title", "text"],
    "modifications": ["position", "level", "name", "description"],
    "faqs": ["position", "question", "answer"],
    "videos": ["position", "provider", "video_id", "url", "title", "channel", "start"],
}


def change_url(exercise: Exercise) -> str:
    return reverse("admin:exercises_exercise_change", args=[exercise.pk])


def _text(value) -> str:
    return "" if value is None else str(value)


def change_form_data(exercise: Exercise, **overrides) -> dict:
    """What the change form posts when an editor saves ``exercise`` unchanged, with
    ``overrides`` applied on top."""
    data = {
        "title": exercise.title,
        "slug": exercise.slug,
        "language": exercise.language,
        "status": exercise.status,
        "description": exercise.description,
        "difficulty": exercise.difficulty,
        "duration": _text(exercise.duration),
        "category": _text(exercise.category_id),
        "equipment": [str(pk) for pk in exercise.equipment.values_list("pk", flat=True)],
        "muscles": [str(pk) for pk in exercise.muscles.values_list("pk", flat=True)],
        "tags": ", ".join(exercise.tags.names()),
        "body": exercise.body,
        "image_source": exercise.image_source,
        "focal_x": _text(exercise.focal_x),
        "focal_y": _text(exercise.focal_y),
        "translation_key": exercise.translation_key,
        "translation_of": _text(exercise.translation_of_id),
        "author": exercise.author,
        "publish_at_0": "",
        "publish_at_1": "",
        "unpublish_at_0": "",
        "unpublish_at_1": "",
        "published_on": _text(exercise.published_on),
        "last_modified_on": _text(exercise.last_modified_on),
        "extra_front_matter": "{}",
        # The version the page was opened at: a save based on an older one is refused.
        "updated_at_token": exercise.updated_at.isoformat(),
    }
    if exercise.is_primary_translation:
        data["is_primary_translation"] = "on"  # a ticked checkbox; an unticked one is absent
    if exercise.follows_translation:
        data["follows_translation"] = "on"
    for prefix, fields in INLINE_FIELDS.items():
        rows = list(getattr(exercise, prefix).order_by("position", "pk"))
        data |= {
            f"{prefix}-TOTAL_FORMS": str(len(rows)),
            f"{prefix}-INITIAL_FORMS": str(len(rows)),
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-id"] = str(row.pk)
            data[f"{prefix}-{index}-exercise"] = str(exercise.pk)
            for field in fields:
                data[f"{prefix}-{index}-{field}"] = _text(getattr(row, field))
    data.update(overrides)
    return data
