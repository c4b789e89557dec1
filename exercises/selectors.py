"""Reads: the querysets the public views, feeds and sitemaps are built on.

Every selector loads what its page shows in a fixed number of queries, whatever the number
of exercises, steps or tags (the site tests pin those numbers).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    F,
    IntegerField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce
from django.utils.functional import Promise

from exercises.filters import (
    DURATION_CHOICES,
    SORT_CHOICES,
    ChoicesFacetFilter,
    ExerciseFilterSet,
    SlugMultipleFilter,
)
from exercises.models import Difficulty, Equipment, Exercise, ExerciseQuerySet, Muscle, Taxonomy
from exercises.search import did_you_mean, search_exercises, suggest_exercises
from exercises.vocabulary import fold

# Search has two database backends, so it lives in exercises.search; this is its read API.
__all__ = ["did_you_mean", "search_exercises", "suggest_exercises"]

PAGE_SIZE = 24
TEXT = TextField()


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str | Promise
    count: int
    selected: bool = False


@dataclass(frozen=True)
class FacetGroup:
    """One facet of the list: its query parameter, its legend and its options."""

    name: str
    legend: str | Promise
    options: list[FacetOption]


@dataclass(frozen=True)
class ExerciseListing:
    """Everything the list page shows for one query string."""

    filterset: ExerciseFilterSet
    page: Page[Exercise]
    facets: list[FacetGroup]
    durations: list[FacetOption]
    sort_choices: Sequence[tuple[str, str | Promise]]
    sort: str
    is_filtered: bool
    search_query: str
    did_you_mean: str | None


def exercise_listing(*, params: Mapping[str, Any], language: str) -> ExerciseListing:
    """The published exercises of ``language`` narrowed and ordered by ``params`` (a query
    string), one page of them, and each facet's options with what choosing it would leave."""
    filterset = ExerciseFilterSet(params, queryset=published_exercises(language=language))
    page = Paginator(with_card_data(filterset.qs), PAGE_SIZE).get_page(params.get("page"))
    query = filterset.form.cleaned_data.get("q") or ""
    return ExerciseListing(
        filterset=filterset,
        page=page,
        facets=list_facets(filterset, language=language),
        durations=duration_facet(filterset),
        # Best match orders nothing without a search.
        sort_choices=[choice for choice in SORT_CHOICES if query or choice[0] != "relevance"],
        sort=filterset.form.cleaned_data.get("sort") or "",
        is_filtered=filterset.is_filtered,
        search_query=query,
        did_you_mean=(
            did_you_mean(query=query, language=language)
            if query and not page.paginator.count
            else None
        ),
    )


def published_exercises(*, language: str) -> ExerciseQuerySet:
    return Exercise.objects.published().in_language(language)


def with_card_data(exercises: ExerciseQuerySet) -> ExerciseQuerySet:
    """What a card shows: equipment names and the first video (for its thumbnail)."""
    # Children are ordered by position through their Meta, so plain prefetches suffice.
    return exercises.select_related("category").prefetch_related("equipment", "videos")


def newest_exercises(*, language: str, limit: int) -> list[Exercise]:
    return list(with_card_data(published_exercises(language=language)).newest_first()[:limit])


def exercise_visible_to(*, user: User | AnonymousUser, language: str, slug: str) -> Exercise | None:
    """The exercise at ``language``/``slug`` with everything its page shows, if this user may
    see it (drafts: only with the view permission, whatever the staff flag says)."""
    exercises = Exercise.objects.in_language(language).filter(slug=slug)
    if not user.has_perm("exercises.view_exercise"):
        exercises = exercises.published()
    return (
        exercises.with_taxonomies()
        .prefetch_related("steps", "modifications", "faqs", "videos")
        .first()
    )


def published_translations(exercise: Exercise) -> list[Exercise]:
    return list(exercise.translations().published().only("pk", "slug", "language", "title"))


def related_exercises(
    exercise: Exercise,
    *,
    muscles: Sequence[Muscle] | None = None,
    equipment: Sequence[Equipment] | None = None,
    limit: int = 4,
) -> list[Exercise]:
    """Published exercises in the same language ranked by how many muscles and pieces of
    equipment they share with ``exercise`` (expects its muscles and equipment prefetched,
    or given: the admin preview passes the unsaved form's)."""
    muscle_ids = [muscle.pk for muscle in (exercise.muscles.all() if muscles is None else muscles)]
    equipment_ids = [
        item.pk for item in (exercise.equipment.all() if equipment is None else equipment)
    ]
    if not muscle_ids and not equipment_ids:
        return []
    overlap = Coalesce(
        _shared_count(Exercise.muscles.through, "muscle_id", muscle_ids), 0
    ) + Coalesce(_shared_count(Exercise.equipment.through, "equipment_id", equipment_ids), 0)
    candidates = (
        published_exercises(language=exercise.language)
        .exclude(pk=exercise.pk)
        .annotate(overlap=overlap)
        .filter(overlap__gt=0)
        .order_by("-overlap", "title", "pk")
    )
    return list(with_card_data(candidates)[:limit])


def _shared_count(link_model: type[Model], term_column: str, term_ids: list[int]) -> Subquery:
    links = (
        link_model._default_manager.filter(
            exercise_id=OuterRef("pk"), **{f"{term_column}__in": term_ids}
        )
        .order_by()
        .values("exercise_id")
        .annotate(shared=Count("pk"))
        .values("shared")
    )
    return Subquery(links, output_field=IntegerField())


def count_by_term(
    exercises: QuerySet[Exercise], relation: str, *, language: str = settings.LANGUAGE_CODE
) -> list[FacetOption]:
    """(slug, name in ``language``, number of exercises) for each term of ``relation`` used
    by ``exercises``, in one aggregate query, ordered by that name; ``relation`` is category,
    equipment, muscles or tags (tags have one name for every language)."""
    label: Any = F(f"{relation}__name")
    related_model = Exercise._meta.get_field(relation).related_model
    if (
        isinstance(related_model, type)
        and issubclass(related_model, Taxonomy)
        and language != settings.LANGUAGE_CODE
    ):
        label = Coalesce(
            KeyTextTransform(language, f"{relation}__translated_names"), label, output_field=TEXT
        )
    rows = (
        exercises.order_by()
        .filter(**{f"{relation}__isnull": False})
        .values(term_slug=F(f"{relation}__slug"), term_name=label)
        .annotate(total=Count("pk", distinct=True))
    )
    options = [FacetOption(row["term_slug"], row["term_name"], row["total"]) for row in rows]
    # Sorted here, not in SQL: the database's collation may not be the page's language's.
    return sorted(options, key=lambda option: (fold(str(option.label)), option.value))


def count_by_choice(
    exercises: QuerySet[Exercise], field: str, choices: Sequence[tuple[str, str | Promise]]
) -> list[FacetOption]:
    """(value, label, number of exercises) for each of ``choices`` that ``field`` holds, in
    the order of ``choices``, in one aggregate query."""
    totals = dict(
        exercises.order_by().exclude(**{field: ""}).values_list(field).annotate(total=Count("pk"))
    )
    return [FacetOption(value, label, totals[value]) for value, label in choices if value in totals]


def count_by_difficulty(exercises: QuerySet[Exercise]) -> list[FacetOption]:
    return count_by_choice(exercises, "difficulty", Difficulty.choices)


def count_by_max_duration(exercises: QuerySet[Exercise], limits: list[int]) -> dict[int, int]:
    totals = exercises.order_by().aggregate(
        **{f"up_to_{limit}": Count("pk", filter=Q(duration__lte=limit)) for limit in limits}
    )
    return {limit: totals[f"up_to_{limit}"] for limit in limits}


def list_facets(filterset: ExerciseFilterSet, *, language: str) -> list[FacetGroup]:
    """For each checkbox facet, its options with the number of exercises left if that option
    alone were chosen, counted over the list as filtered by all the other facets. One
    aggregate query per facet; options already chosen stay listed even when nothing is left."""
    cleaned = filterset.form.cleaned_data
    groups = []
    for name, facet in filterset.listed_facets().items():
        others = filterset.queryset_without(name)
        if isinstance(facet, SlugMultipleFilter):
            options = count_by_term(others, facet.field_name, language=language)
            chosen_slugs = set(filterset.data.getlist(name))
            listed = {option.value for option in options}
            labels = {}
            # Only a chosen term that nothing is left for costs a query for its name.
            if chosen_slugs - listed and cleaned.get(name) is not None:
                labels = {term.slug: _term_name(term, language) for term in cleaned[name]}
            options = _with_chosen(options, chosen_slugs & (listed | set(labels)), labels)
        elif isinstance(facet, ChoicesFacetFilter):
            choices = list(facet.extra["choices"])
            options = _with_chosen(
                count_by_choice(others, facet.field_name, choices),
                set(cleaned.get(name) or []),
                dict(choices),
            )
        else:
            raise TypeError(f"No counts for the facet {name!r} ({type(facet).__name__}).")
        groups.append(FacetGroup(name, facet.label, options))
    return groups


def duration_facet(filterset: ExerciseFilterSet) -> list[FacetOption]:
    """The maximum-duration choices (plus a hand-typed one) with what each would leave."""
    chosen = filterset.form.cleaned_data.get("duration")
    limits = sorted({*DURATION_CHOICES, chosen} - {None})
    totals = count_by_max_duration(filterset.queryset_without("duration"), limits)
    return [
        FacetOption(str(limit), str(limit), totals[limit], selected=limit == chosen)
        for limit in limits
    ]


def _term_name(term: Any, language: str) -> str:
    name: str = term.name_in(language) if isinstance(term, Taxonomy) else term.name
    return name


def _with_chosen(
    options: list[FacetOption], chosen: set[str], labels: dict[str, str]
) -> list[FacetOption]:
    listed = {option.value for option in options}
    marked = [
        FacetOption(option.value, option.label, option.count, option.value in chosen)
        for option in options
    ]
    missing = [FacetOption(value, labels[value], 0, True) for value in sorted(chosen - listed)]
    return marked + missing
