"""POST data for the exercise change form, as the admin page would send it."""

from exercises.models import Exercise

INLINE_PREFIXES = ("steps", "modifications", "faqs", "videos")


def change_url(exercise: Exercise) -> str:
    return f"/admin/exercises/exercise/{exercise.pk}/change/"


def change_form_data(client, exercise: Exercise, **changes) -> dict:
    """What the change page holds for ``exercise`` (read with ``client``), with ``changes``."""
    form = client.get(change_url(exercise)).context["adminform"].form
    data = {
        "title": exercise.title,
        "slug": exercise.slug,
        "language": exercise.language,
        "status": exercise.status,
        "description": exercise.description,
        "body": exercise.body,
        "translation_key": exercise.translation_key,
        "extra_front_matter": "{}",
        "updated_at_token": form.initial["updated_at_token"],
    }
    if exercise.is_primary_translation:
        data["is_primary_translation"] = "on"  # a ticked checkbox; an unticked one is absent
    for prefix in INLINE_PREFIXES:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    steps = list(exercise.steps.all())
    data |= {"steps-TOTAL_FORMS": str(len(steps)), "steps-INITIAL_FORMS": str(len(steps))}
    for index, step in enumerate(steps):
        data |= {
            f"steps-{index}-id": str(step.pk),
            f"steps-{index}-exercise": str(exercise.pk),
            f"steps-{index}-position": str(step.position),
            f"steps-{index}-title": step.title,
            f"steps-{index}-text": step.text,
        }
    return data | changes
