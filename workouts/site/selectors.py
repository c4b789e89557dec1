"""Reads for the workout pages; each loads what its page shows in a fixed number of
queries, whatever the size of the library (``tests/workouts/site`` pins them)."""

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.paginator import Page
from django.db.models import Count, OuterRef, Prefetch, Subquery, Sum, Window
from django.http import QueryDict
from django.utils.functional import Promise

from exercises.models import Exercise
from exercises.search.text import match_keys, matches_every_word
from exercises.site.selectors import (
    PAGE_PARAMETER,
    PAGE_SIZE,
    CountedPaginator,
    FacetGroup,
    facet_groups,
    listing_facet_counts,
    more_parameter,
    published_exercises,
)
from exercises.vocabulary import fold
from publishing.caching import kept_per_content_version
from workouts.generator import Candidate, GeneratedWorkout
from workouts.models import Workout, WorkoutItem, WorkoutQuerySet, WorkoutSection
from workouts.site.filters import WorkoutFilterSet

# Workouts an exercise page lists ("Used in workouts"); the rest are counted.
USED_IN_LIMIT = 6
# Workouts a search page lists above the exercises it found; the rest are counted.
SEARCH_LIMIT = 4

# Every query parameter the workout list honours (any other is dropped before the view runs).
WORKOUT_LISTING_QUERY_PARAMETERS = (
    *WorkoutFilterSet.query_parameters(),
    more_parameter(WorkoutFilterSet),
    PAGE_PARAMETER,
)


@dataclass(frozen=True)
class ChosenOption:
    """An option the query string chose, with the address of the list without it."""

    legend: str | Promise
    label: str | Promise
    without_url: str


@dataclass(frozen=True)
class WorkoutListing:
    """Everything the workout list page shows for one query string."""

    filterset: WorkoutFilterSet
    page: Page[Workout]
    facets: list[FacetGroup]
    sort_choices: Sequence[tuple[str, str | Promise]]
    sort: str
    is_filtered: bool
    chosen: list[ChosenOption]
    expanded_facet: str = ""


def published_workouts(*, language: str) -> WorkoutQuerySet:
    return Workout.objects.published().in_language(language)


def workout_listing(*, params: QueryDict, language: str) -> WorkoutListing:
    """The published workouts of ``language`` narrowed and ordered by ``params``, one page
    of them, and each facet's options with what choosing it would leave: one query for
    every count (cached per content version for the unfiltered list and single choices),
    one for the page, one for the cards' equipment."""
    filterset = WorkoutFilterSet(params, queryset=published_workouts(language=language))
    counted = listing_facet_counts(filterset, params, language=language)
    paginator = CountedPaginator(
        filterset.qs.prefetch_related("equipment"), PAGE_SIZE, count=counted.counts.total
    )
    groups = facet_groups(counted.facets, counted.chosen, counted.counts, params, language=language)
    filterset.form.is_valid()  # cleans the form, so cleaned_data exists
    return WorkoutListing(
        filterset=filterset,
        page=paginator.get_page(params.get("page")),
        facets=groups,
        sort_choices=filterset.filters["sort"].extra["choices"],
        sort=filterset.form.cleaned_data.get("sort") or "",
        is_filtered=filterset.is_filtered,
        chosen=_chosen_options(groups, params),
        expanded_facet=counted.expanded,
    )


def _chosen_options(groups: Sequence[FacetGroup], params: QueryDict) -> list[ChosenOption]:
    """Each chosen option the list knows, in the facets' order, with the list without it
    (an empty list says what was asked and offers to ask for less)."""
    chosen = []
    for group in groups:
        for option in group.options:
            if option.selected:
                query = params.copy()
                query.pop("page", None)
                query.setlist(
                    group.name,
                    [value for value in query.getlist(group.name) if value != option.value],
                )
                chosen.append(ChosenOption(group.legend, option.label, f"?{query.urlencode()}"))
    return chosen


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


@dataclass(frozen=True)
class WorkoutLink:
    """A workout as a link names it: title, address and minutes (the items' total,
    else the stated duration; None when neither is known)."""

    title: str
    url: str
    minutes: int | None


@dataclass(frozen=True)
class WorkoutLinks:
    """Some workouts, and how many there are in all (``more`` are not listed)."""

    workouts: list[WorkoutLink]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.workouts)


NO_WORKOUTS = WorkoutLinks(workouts=[], total=0)


def _with_items_seconds(workouts: WorkoutQuerySet) -> WorkoutQuerySet:
    """Each workout's items' seconds added up (``items_seconds``), in the same query."""
    seconds = (
        WorkoutItem.objects.filter(section__workout=OuterRef("pk"))
        .order_by()
        .values("section__workout")
        .annotate(total=Sum("duration"))
        .values("total")
    )
    return workouts.only("pk", "title", "slug", "language", "duration").annotate(
        items_seconds=Subquery(seconds)
    )


def _link(workout: Workout) -> WorkoutLink:
    seconds = getattr(workout, "items_seconds", None)
    minutes = max(1, round(seconds / 60)) if seconds else workout.duration
    return WorkoutLink(title=workout.title, url=workout.get_absolute_url(), minutes=minutes)


def workouts_using(exercise: Exercise, *, limit: int = USED_IN_LIMIT) -> WorkoutLinks:
    """The published workouts of the exercise's language with an item linked to it, by
    title (at most ``limit``), and how many there are: one query (the count is a window
    over the same rows), whatever the number of workouts and items."""
    if exercise.pk is None:
        return NO_WORKOUTS
    using = WorkoutItem.objects.filter(exercise=exercise).values("section__workout_id")
    rows = list(
        _with_items_seconds(published_workouts(language=exercise.language).filter(pk__in=using))
        .annotate(listed=Window(Count("pk")))
        .order_by("title", "pk")[:limit]
    )
    return WorkoutLinks(
        workouts=[_link(workout) for workout in rows], total=rows[0].listed if rows else 0
    )


def search_workouts(*, query: str, language: str, limit: int = SEARCH_LIMIT) -> WorkoutLinks:
    """The published workouts of ``language`` whose title has every word of ``query``
    (each starting a title word; case, accents and plural endings ignored, as search
    results are highlighted), titles starting with the first word first. The titles are
    read in one query per content version and language, then matched in Python: the
    workouts of a language are a few hundred at most."""
    keys = match_keys(query)
    if not keys:
        return NO_WORKOUTS
    listed = kept_per_content_version(
        json.dumps(["workout-links", language]), lambda: published_workout_links(language=language)
    )
    found = [link for link in listed if matches_every_word(link.title, keys)]
    found.sort(key=lambda link: not fold(link.title).startswith(keys[0]))
    return WorkoutLinks(workouts=found[:limit], total=len(found))


def published_workout_links(*, language: str) -> list[WorkoutLink]:
    """Every published workout of ``language`` as a link, by title, in one query."""
    workouts = _with_items_seconds(published_workouts(language=language))
    return [_link(workout) for workout in workouts.order_by("title", "pk")]
