"""Reads: the querysets the public views and feeds are built on."""

from exercises.models import Exercise


def exercise_visible_to(*, user, language: str, slug: str) -> Exercise | None:
    """The exercise at ``language``/``slug`` if this user may see it (drafts: staff only)."""
    exercises = Exercise.objects.in_language(language).filter(slug=slug)
    if not (user.is_authenticated and user.is_staff):
        exercises = exercises.published()
    return exercises.with_taxonomies().first()
