"""Small builders for test data; each returns saved rows with sensible defaults."""

from io import BytesIO
from itertools import count

from django.db import transaction
from django.utils.text import slugify
from PIL import Image

from exercises.models import (
    FAQ,
    Category,
    Equipment,
    Exercise,
    Modification,
    Muscle,
    Status,
    Step,
    VideoReference,
)

_sequence = count(1)


def make_exercise(**fields) -> Exercise:
    number = next(_sequence)
    fields.setdefault("title", f"Exercise {number}")
    fields.setdefault("slug", slugify(fields["title"]) or f"exercise-{number}")
    fields.setdefault("language", "en")
    fields.setdefault("status", Status.PUBLISHED)
    exercise = Exercise(**fields)
    exercise.render_body()
    exercise.save()
    return exercise


def make_term(model: type[Category | Equipment | Muscle], name: str):
    term, _ = model.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    return term


def make_full_exercise(**fields) -> Exercise:
    """An exercise with every kind of child row and taxonomy filled in."""
    with transaction.atomic():  # one write, derived once when it commits
        exercise = make_exercise(
            description=fields.pop("description", "A full exercise."),
            difficulty=fields.pop("difficulty", "intermediate"),
            duration=fields.pop("duration", 60),
            category=fields.pop("category", None) or make_term(Category, "Mat"),
            **fields,
        )
        exercise.equipment.add(make_term(Equipment, "Mat"))
        exercise.muscles.add(make_term(Muscle, "Core"), make_term(Muscle, "Glutes"))
        exercise.tags.add("core", "beginner friendly")
        Step.objects.create(exercise=exercise, position=1, text="Lie down.")
        Step.objects.create(exercise=exercise, position=2, title="Lift", text="Lift the legs.")
        Modification.objects.create(
            exercise=exercise, position=1, name="Bent knees", level="easier", description="Bend."
        )
        FAQ.objects.create(exercise=exercise, position=1, question="Why?", answer="Because.")
        VideoReference.objects.create(exercise=exercise, position=1, video_id="O5-ROTyo2dA")
        return exercise


def image_bytes(
    size=(4, 4), image_format="PNG", *, mode="RGB", colour=None, **save_options
) -> bytes:
    """An encoded picture of one colour (teal by default; 1 in modes without colour names)."""
    if colour is None:
        colour = "teal" if mode == "RGB" else 1
    buffer = BytesIO()
    Image.new(mode, size, colour).save(buffer, image_format, **save_options)
    return buffer.getvalue()
