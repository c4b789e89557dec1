"""Reads: the querysets the public views, feeds and sitemaps are built on.

Every selector loads what its page shows in a fixed number of queries, whatever the number
of exercises, steps or tags (the site tests pin those numbers).
"""

from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from exercises.filters import DURATION_CHOICES, ExerciseFilterSet
from exercises.models import (
    Difficulty,
    Exercise,
)

NEWEST_FIRST = [F("published_on").desc(nulls_last=True), F("created_at").desc(), F("pk").desc()]


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


def published_exercises(*, language: str) -> QuerySet[Exercise]:
    return Exercise.objects.published().in_language(language)


def with_card_data(exercises: QuerySet[Exercise]) -> QuerySet[Exercise]:
    """What a card shows: equipment names and the first video (for its thumbnail)."""
    # Children are ordered by position through their Meta, so plain prefetches suffice.
    return exercises.select_related("category").prefetch_related("equipment", "videos")


def newest_exercises(*, language: str, limit: int) -> list[Exercise]:
    return list(
        with_card_data(published_exercises(language=language)).order_by(*NEWEST_FIRST)[:limit]
    )


def exercise_visible_to(*, user, language: str, slug: str) -> Exercise | None:
    """The exercise at ``language``/``slug`` with everything its page shows, if this user may
    see it (drafts: staff only)."""
    exercises = Exercise.objects.in_language(language).filter(slug=slug)
    if not (user.is_authenticated and user.is_staff):
        exercises = exercises.published()
    return (
        exercises.with_taxonomies()
        .prefetch_related("steps", "modifications", "faqs", "videos")
        .first()
    )


def published_translations(exercise: Exercise) -> list[Exercise]:
    return list(exercise.translations().published().only("pk", "slug", "language", "title"))


def related_exercises(
    exercise: Exercise, *, muscles=None, equipment=None, limit: int = 4
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


def _shared_count(link_model, term_column: str, term_ids: list[int]) -> Subquery:
    links = (
        link_model.objects.filter(exercise_id=OuterRef("pk"), **{f"{term_column}__in": term_ids})
        .order_by()
        .values("exercise_id")
        .annotate(shared=Count("pk"))
        .values("shared")
    )
    return Subquery(links, output_field=IntegerField())


def count_by_term(exercises: QuerySet[Exercise], relation: str) -> list[FacetOption]:
    """(slug, name, number of exercises) for each term of ``relation`` used by ``exercises``,
    in one aggregate query; ``relation`` is category, equipment, muscles or tags."""
    rows = (
        exercises.order_by()
        .filter(**{f"{relation}__isnull": False})
        .values(term_slug=F(f"{relation}__slug"), term_name=F(f"{relation}__name"))
        .annotate(total=Count("pk", distinct=True))
        .order_by("term_name", "term_slug")
    )
    return [FacetOption(row["term_slug"], row["term_name"], row["total"]) for row in rows]


def count_by_difficulty(exercises: QuerySet[Exercise]) -> list[FacetOption]:
    totals = dict(
        exercises.order_by()
        .exclude(difficulty="")
        .values_list("difficulty")
        .annotate(total=Count("pk"))
    )
    return [
        FacetOption(value, label, totals[value])
        for value, label in Difficulty.choices
        if value in totals
    ]


def count_by_max_duration(exercises: QuerySet[Exercise], limits: list[int]) -> dict[int, int]:
    totals = exercises.order_by().aggregate(
        **{f"up_to_{limit}": Count("pk", filter=Q(duration__lte=limit)) for limit in limits}
    )
    return {limit: totals[f"up_to_{limit}"] for limit in limits}


TERM_FACETS = {"category": "category", "equipment": "equipment", "muscle": "muscles", "tag": "tags"}


def list_facets(filterset: ExerciseFilterSet) -> dict[str, list[FacetOption]]:
    """For each facet, its options with the number of exercises left if that option alone
    were chosen, counted over the list as filtered by all the other facets. One aggregate
    query per facet; options already chosen stay listed even when nothing is left."""
    cleaned = filterset.form.cleaned_data
    facets = {}
    chosen_difficulties = set(cleaned.get("difficulty") or [])
    facets["difficulty"] = _with_chosen(
        count_by_difficulty(filterset.queryset_without("difficulty")),
        chosen_difficulties,
        dict(Difficulty.choices),
    )
    for facet, relation in TERM_FACETS.items():
        options = count_by_term(filterset.queryset_without(facet), relation)
        chosen_terms = cleaned.get(facet)
        chosen_slugs = set(filterset.data.getlist(facet))
        listed = {option.value for option in options}
        labels = {}
        if chosen_slugs - listed and chosen_terms is not None:
            labels = {term.slug: term.name for term in chosen_terms}
        facets[facet] = _with_chosen(options, chosen_slugs & (listed | set(labels)), labels)
    return facets


def duration_facet(filterset: ExerciseFilterSet) -> list[FacetOption]:
    """The maximum-duration choices (plus a hand-typed one) with what each would leave."""
    chosen = filterset.form.cleaned_data.get("duration")
    limits = sorted({*DURATION_CHOICES, chosen} - {None})
    totals = count_by_max_duration(filterset.queryset_without("duration"), limits)
    return [
        FacetOption(str(limit), str(limit), totals[limit], selected=limit == chosen)
        for limit in limits
    ]


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
