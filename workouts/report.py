"""What the content report says about workouts, found by reading only, in fixed queries.

Two checks: workouts whose items add up to a time other than the duration they state,
and item names that link to no exercise, with the exercise titles closest to each.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from workouts.candidates import exercise_matcher
from workouts.models import Workout, WorkoutItem

# Items rarely add up to the minute: a workout is named when they miss by more than this
# share of the stated time, or by more than a minute, whichever is more.
DURATION_TOLERANCE = 0.10
# Rests carry no exercise; every other item could.
_REST = "rest"

# What a finding names of a workout: (pk, language, slug, title).
WorkoutRow = tuple[int, str, str, str]


@dataclass(frozen=True)
class DurationMismatch:
    workout: WorkoutRow
    stated_minutes: int
    total_seconds: int
    untimed_items: int


@dataclass(frozen=True)
class UnmatchedName:
    language: str
    name: str
    workouts: tuple[WorkoutRow, ...]
    closest: tuple[str, ...]


def disagrees(stated_minutes: int, total_seconds: int) -> bool:
    stated = stated_minutes * 60
    return abs(total_seconds - stated) > max(60, DURATION_TOLERANCE * stated)


def duration_mismatches() -> list[DurationMismatch]:
    """Workouts with a stated duration and timed items whose total misses it. One query."""
    rows = (
        Workout.objects.filter(duration__isnull=False)
        .annotate(
            total=Sum("sections__items__duration"),
            untimed=Count("sections__items", filter=Q(sections__items__duration__isnull=True)),
        )
        .filter(total__gt=0)
        .order_by("language", "slug")
        .values_list("pk", "language", "slug", "title", "duration", "total", "untimed")
    )
    return [
        DurationMismatch((pk, language, slug, title), duration, total, untimed)
        for pk, language, slug, title, duration, total, untimed in rows
        if duration is not None and disagrees(duration, total)
    ]


def unmatched_item_names(closest: int = 3) -> list[UnmatchedName]:
    """Each name no exercise was linked to, per language, with the workouts using it and the
    nearest exercise titles. Three queries (the items, then the exercises to compare)."""
    uses: dict[tuple[str, str], dict[int, WorkoutRow]] = defaultdict(dict)
    rows = (
        WorkoutItem.objects.filter(exercise__isnull=True)
        .exclude(kind=_REST)
        .exclude(name="")
        .order_by("section__workout__language", "name", "section__workout__slug")
        .values_list(
            "name",
            "section__workout__pk",
            "section__workout__language",
            "section__workout__slug",
            "section__workout__title",
        )
    )
    for name, pk, language, slug, title in rows:
        uses[(language, name)][pk] = (pk, language, slug, title)
    if not uses:
        return []
    matcher = exercise_matcher()
    return [
        UnmatchedName(
            language=language,
            name=name,
            workouts=tuple(workouts.values()),
            closest=tuple(c.title for c in matcher.closest(name, language, limit=closest)),
        )
        for (language, name), workouts in uses.items()
    ]
