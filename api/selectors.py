"""Reads of the public API: the site's filters and search (``exercises.site``) over the
published exercises, keyset pages of them, the change log read as a sync, and the terms.

Every read loads a page in a fixed number of queries whatever its size (tests/api pin
them): the page, its steps, modifications, FAQs and videos, its terms (one query over the
link tables: ``prefetch_terms``), its published translations, and the log position.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    F,
    Max,
    OrderBy,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.http import QueryDict
from django.utils import translation

from api.cursors import NULLABLE_KEYS, SORT_KEYS, SyncStart
from api.models import ExerciseChange
from exercises.models import Category, Equipment, Exercise, ExerciseQuerySet, Muscle, Taxonomy
from exercises.search.text import query_words
from exercises.site.filters import ExerciseFilterSet
from exercises.site.selectors import prefetch_terms
from workouts.models import Workout

# The filters of the site's list the API takes, each possibly repeated (OR within one).
MULTIPLE_FILTERS = ("difficulty", "category", "equipment", "muscle", "tag")
TERM_MODELS: dict[str, type[Taxonomy]] = {
    "category": Category,
    "equipment": Equipment,
    "muscle": Muscle,
}


@dataclass(frozen=True)
class ExerciseFilters:
    language: str | None = None
    q: str = ""
    sort: str = ""
    duration: int | None = None
    multiple: Mapping[str, Sequence[str]] | None = None

    @property
    def effective_sort(self) -> str:
        """The site's rule: best match for a search unless another order is asked for;
        best match without a search is by title."""
        # A q of no searchable words (punctuation, symbols) is no search: nothing is ranked.
        searched = bool(query_words(self.q))
        if self.sort in SORT_KEYS and (self.sort != "relevance" or searched):
            return self.sort
        return "relevance" if searched else "title"


def filtered_exercises(filters: ExerciseFilters) -> ExerciseQuerySet:
    """The published exercises the site's list would show for these filters (its FilterSet,
    so ``q`` is matched and ranked exactly as there), in the API's sort order."""
    data = QueryDict(mutable=True)
    for name, values in (filters.multiple or {}).items():
        data.setlist(name, list(values))
    if filters.q:
        data["q"] = filters.q
    if filters.duration is not None:
        data["duration"] = str(filters.duration)
    published = Exercise.objects.published()
    if filters.language:
        published = published.in_language(filters.language)
    # The search stems and folds words by the list's language (the active one).
    with translation.override(filters.language or "en"):
        filterset = ExerciseFilterSet(data, queryset=published)
        queryset: ExerciseQuerySet = filterset.qs
    return queryset.order_by(*_ordering(filters.effective_sort))


def _ordering(sort: str) -> list[OrderBy]:
    return [
        (F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_last=True))
        if name in NULLABLE_KEYS
        else (F(name).desc() if descending else F(name).asc())
        for name, descending in SORT_KEYS[sort]
    ]


def _after(sort: str, values: Sequence[Any]) -> Q:
    """Rows strictly after the row whose sort key is ``values`` (nulls last either way)."""
    nothing = Q(pk__in=[])
    condition, same_so_far = nothing, Q()
    for (name, descending), value in zip(SORT_KEYS[sort], values, strict=True):
        if value is None:
            beyond, same = nothing, Q(**{f"{name}__isnull": True})
        else:
            beyond = Q(**{f"{name}__{'lt' if descending else 'gt'}": value})
            if name in NULLABLE_KEYS:
                beyond |= Q(**{f"{name}__isnull": True})
            same = Q(**{name: value})
        condition |= same_so_far & beyond
        same_so_far &= same
    return condition


def sort_key(exercise: Exercise | Workout, sort: str) -> tuple[Any, ...]:
    return tuple(getattr(exercise, name) for name, _descending in SORT_KEYS[sort])


@dataclass(frozen=True)
class ExercisePage:
    exercises: list[Exercise]
    has_more: bool


def exercise_page(
    filters: ExerciseFilters, *, after: Sequence[Any] | None, limit: int
) -> ExercisePage:
    queryset = filtered_exercises(filters)
    if after is not None:
        queryset = queryset.filter(_after(filters.effective_sort, after))
    exercises = list(queryset[: limit + 1])
    with_api_relations(exercises[:limit])
    return ExercisePage(exercises[:limit], has_more=len(exercises) > limit)


def published_exercise(*, language: str, slug: str) -> Exercise | None:
    exercise = Exercise.objects.published().in_language(language).filter(slug=slug).first()
    if exercise is not None:
        with_api_relations([exercise])
    return exercise


def with_api_relations(exercises: Sequence[Exercise]) -> None:
    """Loads what the API shows of each exercise besides its own row, in six queries."""
    if not exercises:
        return
    prefetch_related_objects(list(exercises), "steps", "modifications", "faqs", "videos")
    prefetch_terms(dict.fromkeys(("category", "equipment", "muscles", "tags"), exercises))
    _attach_translations(list(exercises), Exercise.objects.published())


def _attach_translations(items: list[Any], published: QuerySet[Any]) -> None:
    """Sets ``api_translations``: each item's published translations, in one query."""
    keys = {item.translation_key for item in items if item.is_primary_translation}
    keys.discard("")
    by_key: dict[str, list[Any]] = defaultdict(list)
    if keys:
        for other in (
            published.filter(is_primary_translation=True, translation_key__in=keys)
            .only("pk", "slug", "language", "title", "translation_key")
            .order_by("language", "pk")
        ):
            by_key[other.translation_key].append(other)
    for item in items:
        # As Exercise.translations(): only an item its language chose links to others.
        item.api_translations = (
            [
                other
                for other in by_key.get(item.translation_key, [])
                if other.language != item.language
            ]
            if item.is_primary_translation
            else []
        )


def change_log_position() -> int:
    """The latest change-log id: a sync from here misses nothing that comes after."""
    return ExerciseChange.objects.aggregate(latest=Max("pk"))["latest"] or 0


def sync_position(start: SyncStart) -> int:
    """The change-log id a sync from ``start`` reads after."""
    if start.position is not None:
        return start.position
    before = (
        ExerciseChange.objects.filter(recorded_at__lt=start.moment)
        .order_by("-recorded_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    return before or 0


@dataclass(frozen=True)
class SyncItem:
    """One change, in log order: the exercise as it is now, or None where its address
    (``language``/``slug``) no longer shows one that the filters keep."""

    position: int
    language: str
    slug: str
    exercise: Exercise | None


@dataclass(frozen=True)
class SyncPage:
    items: list[SyncItem]
    has_more: bool
    position: int


def exercise_changes(filters: ExerciseFilters, *, after: int, limit: int) -> SyncPage:
    """The changes logged after position ``after``, each address once (its latest change),
    in log order, with each address's exercise as it is now if the filters keep it."""
    log = ExerciseChange.objects.after(after).latest_per_address().order_by("pk")
    if filters.language:
        log = log.filter(language=filters.language)
    entries = list(log[: limit + 1])
    has_more = len(entries) > limit
    entries = entries[:limit]
    ids = {entry.exercise_id for entry in entries}
    found = {exercise.pk: exercise for exercise in filtered_exercises(filters).filter(pk__in=ids)}
    with_api_relations(list(found.values()))
    items = []
    for entry in entries:
        exercise = found.get(entry.exercise_id)
        if exercise is not None and (exercise.language, exercise.slug) != (
            entry.language,
            entry.slug,
        ):
            exercise = None  # it has moved: this address is gone (its new one comes later)
        items.append(SyncItem(entry.pk, entry.language, entry.slug, exercise))
    return SyncPage(items, has_more, entries[-1].pk if entries else after)


@dataclass(frozen=True)
class TermCount:
    term: Taxonomy
    published: dict[str, int]


def terms_with_counts(kind: str) -> list[TermCount]:
    """Every term of ``kind`` with how many published exercises each language has with it,
    in two queries."""
    model = TERM_MODELS[kind]
    published = Exercise.objects.published().order_by()
    relation = {"category": "category", "equipment": "equipment", "muscle": "muscles"}[kind]
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        published.filter(**{f"{relation}__isnull": False})
        .values(relation, "language")
        .annotate(count=Count("pk", distinct=True))
    ):
        counts[row[relation]][row["language"]] = row["count"]
    return [
        TermCount(term, counts.get(term.pk, {})) for term in model._default_manager.order_by("slug")
    ]


@dataclass(frozen=True)
class WorkoutFilters:
    language: str | None = None
    multiple: Mapping[str, Sequence[str]] | None = None


# Query parameter: the workout's many-to-many relation whose slugs it names.
WORKOUT_TERM_FILTERS = {"category": "categories", "equipment": "equipment", "muscle": "focus"}


def filtered_workouts(filters: WorkoutFilters) -> QuerySet[Workout]:
    """Published workouts narrowed as the exercise list narrows (any of the chosen values
    within a filter, every filter at once), by title."""
    workouts = Workout.objects.published()
    if filters.language:
        workouts = workouts.filter(language=filters.language)
    chosen = filters.multiple or {}
    for name in ("difficulty", "kind"):
        if chosen.get(name):
            workouts = workouts.filter(**{f"{name}__in": list(chosen[name])})
    for name, relation in WORKOUT_TERM_FILTERS.items():
        if chosen.get(name):
            # A subquery, so that a workout with two chosen terms is listed once.
            linked = Workout.objects.filter(**{f"{relation}__slug__in": list(chosen[name])})
            workouts = workouts.filter(pk__in=linked.values("pk"))
    return workouts.order_by(*_ordering("title"))


@dataclass(frozen=True)
class WorkoutPage:
    workouts: list[Workout]
    has_more: bool


def workout_page(
    filters: WorkoutFilters, *, after: Sequence[Any] | None, limit: int
) -> WorkoutPage:
    workouts = filtered_workouts(filters)
    if after is not None:
        workouts = workouts.filter(_after("title", after))
    found = list(workouts[: limit + 1])
    with_workout_relations(found[:limit])
    return WorkoutPage(found[:limit], has_more=len(found) > limit)


def published_workout(*, language: str, slug: str) -> Workout | None:
    workout = Workout.objects.published().filter(language=language, slug=slug).first()
    if workout is not None:
        with_workout_relations([workout])
    return workout


def with_workout_relations(workouts: Sequence[Workout]) -> None:
    """Sections, items, the items' exercises (published ones only), videos, terms and
    published translations, in nine queries whatever the number of workouts."""
    if not workouts:
        return
    prefetch_related_objects(
        list(workouts),
        "sections__items",
        Prefetch(
            "sections__items__exercise",
            queryset=Exercise.objects.published().only("pk", "language", "slug", "title"),
        ),
        "related_videos",
        "equipment",
        "focus",
        "categories",
    )
    _attach_translations(list(workouts), Workout.objects.published())


def exercise_slugs(ids: Sequence[int]) -> dict[int, str]:
    """The slugs of the exercises ``ids`` name, in one query."""
    return dict(Exercise.objects.filter(pk__in=ids).values_list("pk", "slug"))


def unknown_equipment(slugs: Sequence[str]) -> list[str]:
    """Those of ``slugs`` no equipment term has, in one query (none asked: none)."""
    if not slugs:
        return []
    known = set(Equipment.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    return [slug for slug in slugs if slug not in known]
