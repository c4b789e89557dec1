"""What a workout page shows of a routine, whoever made it: a saved workout's sections and
items, or the generator's plan. The page's template (``workouts/includes/routine.html``),
the player and the JSON-LD read only these, so both kinds of page render alike.

Built from rows that are already loaded: nothing here queries the database.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from exercises.models import Exercise
from workouts.generator import GeneratedWorkout, item_kind

SECTION_TITLES: dict[str, str | Promise] = {
    "warm_up": _("Warm-up"),
    "main": _("Workout"),
    "block": _("Block"),
    "cool_down": _("Cool-down"),
}
REST_NAME = _("Rest")
# Steps shown per item in the player and the list: the first ones say how to start.
INSTRUCTIONS_PER_ITEM = 4


@dataclass(frozen=True)
class RoutineItem:
    name: str
    # Its place in the whole routine, from 1 (the page's ``#item-N`` anchors).
    number: int = 0
    kind: str = "exercise"
    seconds: int | None = None
    reps: str = ""
    instructions: tuple[str, ...] = ()
    # The exercise page it links to, loaded with what a card shows (category, image,
    # renditions, videos); None for a movement no exercise matched, or a rest.
    exercise: Exercise | None = None

    @property
    def url(self) -> str:
        return self.exercise.get_absolute_url() if self.exercise is not None else ""

    @property
    def is_rest(self) -> bool:
        return self.kind == "rest"

    @property
    def picture_source(self) -> Exercise:
        """What ``{% exercise_picture %}`` draws: the exercise, or an unsaved one of the
        item's name (a placeholder with its initials)."""
        if self.exercise is not None:
            return self.exercise
        return Exercise(title=self.name or str(REST_NAME))

    @property
    def first_video(self) -> Any:
        if self.exercise is None:
            return None
        videos = self.exercise.videos.all()
        return videos[0] if videos else None


@dataclass(frozen=True)
class RoutineSection:
    kind: str
    title: str | Promise
    items: tuple[RoutineItem, ...]
    minutes: int | None = None

    @property
    def seconds(self) -> int:
        return sum(item.seconds or 0 for item in self.items)


@dataclass(frozen=True)
class Routine:
    sections: tuple[RoutineSection, ...] = ()
    # Where the main section strayed from the body area asked for (generator only).
    notes: tuple[str, ...] = field(default=())

    @property
    def items(self) -> list[RoutineItem]:
        return [item for section in self.sections for item in section.items]

    @property
    def total_seconds(self) -> int:
        return sum(section.seconds for section in self.sections)


def instructions_of(exercise: Exercise) -> tuple[str, ...]:
    """The exercise's first steps (prefetched), as one line each."""
    steps = list(exercise.steps.all())[:INSTRUCTIONS_PER_ITEM]
    return tuple(" ".join(step.text.split()) for step in steps if step.text.strip())


def routine_from_plan(plan: GeneratedWorkout, exercises: Mapping[int, Exercise]) -> Routine:
    """The generator's plan with each candidate's exercise (by id, loaded with card data
    and steps); a candidate whose exercise is missing (unpublished meanwhile) is left out."""
    sections = []
    for section in plan.sections:
        items = []
        for planned in section.items:
            exercise = exercises.get(planned.candidate.id)
            if exercise is None:
                continue
            items.append(
                RoutineItem(
                    name=exercise.title,
                    kind=item_kind(section.kind),
                    seconds=planned.seconds,
                    instructions=instructions_of(exercise),
                    exercise=exercise,
                )
            )
        sections.append(
            RoutineSection(
                kind=section.kind,
                title=SECTION_TITLES[section.kind],
                items=tuple(items),
                minutes=round(section.seconds / 60) or None,
            )
        )
    return numbered(sections)


def numbered(sections: list[RoutineSection]) -> Routine:
    """The routine of these sections, its items numbered from 1 across them."""
    counter = 0
    renumbered = []
    for section in sections:
        items = []
        for item in section.items:
            counter += 1
            items.append(replace(item, number=counter))
        renumbered.append(replace(section, items=tuple(items)))
    return Routine(sections=tuple(renumbered))


def routine_from_workout(workout: Any) -> Routine:
    """A saved workout's sections and items (prefetched: ``workout_visible_to``). An item
    without instructions of its own shows its exercise's first steps."""
    sections = []
    for section in workout.sections.all():
        items = []
        for item in section.items.all():
            exercise = item.exercise
            instructions = tuple(line for line in item.instructions if line.strip())
            if not instructions and exercise is not None:
                instructions = instructions_of(exercise)
            name = item.name or (exercise.title if exercise is not None else "")
            if item.kind == "rest" and not name:
                name = str(REST_NAME)
            items.append(
                RoutineItem(
                    name=name,
                    kind=item.kind,
                    seconds=item.duration,
                    reps=item.reps,
                    instructions=instructions,
                    exercise=exercise,
                )
            )
        sections.append(
            RoutineSection(
                kind=section.kind,
                title=section.title or SECTION_TITLES.get(section.kind, section.kind),
                items=tuple(items),
                minutes=section.minutes,
            )
        )
    return numbered(sections)
