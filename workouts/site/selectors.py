"""Reads for the workout pages; each loads what its page shows in a fixed number of
queries, whatever the size of the library (``tests/workouts/site`` pins them)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch

from exercises.models import Exercise
from exercises.site.selectors import published_exercises
from exercises.vocabulary import fold
from workouts.generator import Candidate, GeneratedWorkout
from workouts.models import Workout, WorkoutItem, WorkoutSection


@dataclass(frozen=True)
class EquipmentChoice:
    slug: str
    label: str
    # Published exercises of the language that use it.
    count: int


@dataclass(frozen=True)
class GeneratorLibrary:
    """The generator's candidates (the published exercises of one language) and the
    pieces of equipment they use, labelled in that language."""

    candidates: list[Candidate]
    equipment: list[EquipmentChoice]


def generator_library(*, language: str) -> GeneratorLibrary:
    """In three queries: the exercises, their equipment (with the names), their muscles."""
    exercises = published_exercises(language=language)
    rows = list(exercises.order_by("pk").values_list("pk", "title", "difficulty", "duration"))
    equipment_links = Exercise.equipment.through.objects.filter(
        exercise__in=exercises.values("pk")
    ).values_list(
        "exercise_id", "equipment__slug", "equipment__name", "equipment__translated_names"
    )
    muscle_links = Exercise.muscles.through.objects.filter(
        exercise__in=exercises.values("pk")
    ).values_list("exercise_id", "muscle__slug")
    equipment_of: dict[int, set[str]] = {}
    names: dict[str, str] = {}
    counts: dict[str, int] = {}
    for exercise_id, slug, name, translated in equipment_links:
        equipment_of.setdefault(exercise_id, set()).add(slug)
        names[slug] = _name_in(language, name, translated)
        counts[slug] = counts.get(slug, 0) + 1
    muscles_of: dict[int, set[str]] = {}
    for exercise_id, slug in muscle_links:
        muscles_of.setdefault(exercise_id, set()).add(slug)
    candidates = [
        Candidate(
            id=pk,
            title=title,
            difficulty=difficulty,
            equipment=frozenset(equipment_of.get(pk, ())),
            muscles=frozenset(muscles_of.get(pk, ())),
            duration=duration,
            language=language,
        )
        for pk, title, difficulty, duration in rows
    ]
    choices = sorted(
        (EquipmentChoice(slug, names[slug], counts[slug]) for slug in names),
        key=lambda choice: (fold(choice.label), choice.slug),
    )
    return GeneratorLibrary(candidates=candidates, equipment=choices)


def _name_in(language: str, name: str, translated: Mapping[str, str] | None) -> str:
    if language == settings.LANGUAGE_CODE or not translated:
        return name
    return translated.get(language) or name


def exercises_for_plan(plan: GeneratedWorkout) -> dict[int, Exercise]:
    """The plan's exercises by id with what the routine shows of them (category for the
    placeholder, videos for a thumbnail, steps for the instructions), in three queries;
    none for an empty plan. Still published: the plan was made from published ones."""
    return exercises_by_id(item.candidate.id for item in plan.items)


def exercises_by_id(ids: Iterable[int]) -> dict[int, Exercise]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    exercises = (
        Exercise.objects.published()
        .filter(pk__in=wanted)
        .select_related("category")
        .prefetch_related("videos", "steps")
    )
    return {exercise.pk: exercise for exercise in exercises}


def workout_visible_to(*, user: Any, language: str, slug: str) -> Workout | None:
    """The workout at ``language``/``slug`` with everything its page shows, if this user
    may see it (drafts: only with the view permission), in a fixed number of queries:
    the workout; its sections; their items with their exercises and categories; the
    exercises' videos and steps; the workout's equipment, focus, categories and videos."""
    workouts = Workout.objects.in_language(language).filter(slug=slug)
    if not user.has_perm("workouts.view_workout"):
        workouts = workouts.published()
    items = WorkoutItem.objects.select_related("exercise__category").order_by("position", "pk")
    return workouts.prefetch_related(
        Prefetch("sections", queryset=WorkoutSection.objects.order_by("position", "pk")),
        Prefetch("sections__items", queryset=items),
        "sections__items__exercise__videos",
        "sections__items__exercise__steps",
        "equipment",
        "focus",
        "categories",
        "related_videos",
    ).first()


def published_workout_translations(workout: Workout) -> list[Workout]:
    return list(workout.translations().published().only("pk", "slug", "language", "title"))
