"""Reads: the querysets the public views, feeds and sitemaps are built on.

Every selector loads what its page shows in a fixed number of queries, whatever the number
of exercises, steps or tags (the site tests pin those numbers).
"""

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import F, Q, QuerySet, Value, prefetch_related_objects
from django.http import QueryDict
from django.utils.functional import Promise

from exercises.models import Difficulty, Equipment, Exercise, ExerciseQuerySet, Muscle, Taxonomy
from exercises.search import (
    SEARCH_CANDIDATES,
    did_you_mean,
    search_exercises,
    search_translations,
    suggest_exercises,
)
from exercises.site.facet_counts import (
    CountedOption,
    FacetCounts,
    FacetQuery,
    count_facets,
    link_table,
    shown_options,
)
from exercises.site.filters import (
    DURATION_CHOICES,
    SEARCH_LANGUAGE_PARAM,
    SLUG_RE,
    SORT_CHOICES,
    ChoicesFacetFilter,
    ExerciseFilterSet,
    ListedFacet,
    ListingFilterSet,
)
from exercises.vocabulary import fold
from publishing.caching import kept_per_content_version
from publishing.canonical import QueryParameter, choice, free_text, whole_number

# Search has two database backends, so it lives in exercises.search; this is its read API.
__all__ = ["did_you_mean", "search_exercises", "suggest_exercises"]

PAGE_SIZE = 24
# Query parameters of the facet panel: the facet shown in full, and text narrowing tags.
MORE_PARAM = "more"
TAG_SEARCH_PARAM = "tag_search"
# The home page lists every category and piece of equipment (a few dozen at most).
EVERY_OPTION = 10_000
# The filter whose counts are the maximum-duration choices (not a checkbox facet).
DURATION_PARAM = "duration"
# The most chosen filters a list counts apart (a query each, plus one: ``counted_apart``);
# beyond, few rows pass them all and one query with a flag per filter counts everything.
APART_AT_MOST = 3
# Page 1 is the default: "?page=1" is the same page as none.
PAGE_PARAMETER = QueryParameter("page", whole_number(minimum=2, maximum=10**6))


def more_parameter(filterset_class: type[ListingFilterSet]) -> QueryParameter:
    """The facet a list shows in full (``?more=equipment``): one of its checkbox facets."""
    return QueryParameter(
        MORE_PARAM,
        choice(
            name
            for name, item in filterset_class.base_filters.items()
            if isinstance(item, ListedFacet)
        ),
    )


# Every query parameter the list honours (any other is dropped before the view runs).
LISTING_QUERY_PARAMETERS = (
    *ExerciseFilterSet.query_parameters(),
    more_parameter(ExerciseFilterSet),
    QueryParameter(TAG_SEARCH_PARAM, free_text),
    # The language the search words are in (a search carried over by the language switch).
    QueryParameter(SEARCH_LANGUAGE_PARAM, choice(code for code, _name in settings.LANGUAGES)),
    PAGE_PARAMETER,
)


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str | Promise
    count: int
    selected: bool = False


@dataclass(frozen=True)
class FacetGroup:
    """One facet of the list: its query parameter, its legend and its options (the most
    used ones unless ``showing_all``; ``more_url`` shows them all, ``fewer_url`` fewer)."""

    name: str
    legend: str | Promise
    options: list[FacetOption]
    more_url: str = ""
    fewer_url: str = ""
    searchable: bool = False
    search_value: str = ""

    @property
    def showing_all(self) -> bool:
        return bool(self.fewer_url)


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
    expanded_facet: str = ""
    did_you_mean_url: str = ""
    # The language the search words were matched in: the page's, or another one whose
    # matches are listed through their translations.
    search_language: str = ""
    searches_translations: bool = False
    # Matches in the search language with no translation in the page's (a search across).
    untranslated_matches: int = 0
    # More exercises match the search than it ranks and counts (``search_candidates``).
    search_capped: bool = False
    search_candidates: int = 0
    # Filters besides the search narrow the list; this search without them.
    has_other_filters: bool = False
    search_only_url: str = ""
    # A search across: the same words searched in the page's own language.
    own_language_url: str = ""
    # A search of the page's language that found nothing: what the same words find
    # through the translations of each other language's exercises.
    translation_offers: list["TranslationOffer"] = field(default_factory=list)


@dataclass(frozen=True)
class TranslationOffer:
    """``count`` exercises of the page would be listed by the same search in ``language``
    (typed in that language, matched there, listed through the page's translations)."""

    language: str
    count: int
    url: str


class CountedPaginator(Paginator):  # type: ignore[type-arg]  # not subscriptable at run time
    """A paginator told its count (the facet query counted the matches already), whose
    pages know the links the page list shows."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count

    def _get_page(self, *args: Any, **kwargs: Any) -> "ListingPage":
        return ListingPage(*args, **kwargs)


class ListingPage(Page):  # type: ignore[type-arg]  # not subscriptable at run time
    @property
    def page_links(self) -> list[int | str]:
        """The page numbers the page list links (the first, the last and two on each side
        of this one) with ``paginator.ELLIPSIS`` between: a list of 1,900 pages is not
        walked number by number to draw eight links."""
        return list(self.paginator.get_elided_page_range(self.number, on_each_side=2, on_ends=1))


def exercise_listing(*, params: Mapping[str, Any], language: str) -> ExerciseListing:
    """The published exercises of ``language`` narrowed and ordered by ``params`` (a query
    string), one page of them, and each facet's options with what choosing it would leave.

    Queries: the chosen filters are subqueries (none of their own), one for every count
    (see exercises.site.facet_counts), one for the page and one per card relation."""
    filterset = ExerciseFilterSet(
        params,
        queryset=published_exercises(language=language),
        search_candidates=SEARCH_CANDIDATES,
    )
    tag_search = str(params.get(TAG_SEARCH_PARAM, "")).strip()[:100]
    filterset.form.is_valid()  # cleans the form, so cleaned_data exists
    chosen_duration: int | None = filterset.form.cleaned_data.get("duration")
    query = filterset.form.cleaned_data.get("q") or ""
    counted = listing_facet_counts(
        filterset,
        params,
        language=language,
        duration_limits=sorted(
            {*DURATION_CHOICES, *([chosen_duration] if chosen_duration else [])}
        ),
        chosen_duration=chosen_duration,
        name_contains={"tag": tag_search} if tag_search else {},
        searched=bool(query),
        count_apart=True,
    )
    facets, chosen, expanded = counted.facets, counted.chosen, counted.expanded
    conditions, counts, limits = counted.conditions, counted.counts, counted.duration_limits
    paginator = CountedPaginator(with_card_data(filterset.qs), PAGE_SIZE, count=counts.total)
    page = paginator.get_page(params.get("page"))
    search_language = filterset.search_language
    suggestion = (
        did_you_mean(query=query, language=search_language) if query and not counts.total else None
    )
    return ExerciseListing(
        filterset=filterset,
        page=page,
        facets=facet_groups(
            facets,
            chosen,
            counts,
            params,
            language=language,
            searchable="tag",
            search_value=tag_search,
        ),
        durations=[
            FacetOption(
                str(limit), str(limit), counts.durations.get(limit, 0), limit == chosen_duration
            )
            for limit in limits
        ],
        # Best match orders nothing without a search.
        sort_choices=[choice for choice in SORT_CHOICES if query or choice[0] != "relevance"],
        sort=filterset.form.cleaned_data.get("sort") or "",
        is_filtered=filterset.is_filtered,
        search_query=query,
        did_you_mean=suggestion,
        did_you_mean_url=_query_string(params, {"q": suggestion}) if suggestion else "",
        expanded_facet=expanded,
        search_language=search_language,
        searches_translations=filterset.searches_translations,
        search_capped=filterset.search_capped,
        search_candidates=SEARCH_CANDIDATES,
        untranslated_matches=(
            _untranslated_matches(query=query, search_language=search_language, language=language)
            if query and filterset.searches_translations
            else 0
        ),
        has_other_filters=bool(conditions),
        search_only_url=_query_string(
            {"q": query},
            {SEARCH_LANGUAGE_PARAM: search_language if filterset.searches_translations else None},
        )
        if query and conditions
        else "",
        own_language_url=_query_string(params, {SEARCH_LANGUAGE_PARAM: None})
        if filterset.searches_translations
        else "",
        translation_offers=(
            _translation_offers(params, query=query, language=language, conditions=conditions)
            if query and not counts.total and not filterset.searches_translations
            else []
        ),
    )


def _untranslated_matches(*, query: str, search_language: str, language: str) -> int:
    """How many published exercises of ``search_language`` match ``query`` but have no
    published translation in ``language`` (so a search across cannot list them)."""
    translated_keys = (
        published_exercises(language=language)
        .filter(is_primary_translation=True)
        .exclude(translation_key="")
        .values("translation_key")
    )
    matches = search_exercises(
        published_exercises(language=search_language), query=query, language=search_language
    )
    return (
        matches.order_by()
        .exclude(Q(is_primary_translation=True) & Q(translation_key__in=translated_keys))
        .count()
    )


def _translation_offers(
    params: Mapping[str, Any], *, query: str, language: str, conditions: Mapping[str, Q]
) -> list[TranslationOffer]:
    """For a search of the page's language that found nothing: per other language, how
    many of the page's exercises (with the same filters) the words find there."""
    offers = []
    for code, _name in settings.LANGUAGES:
        if code == language:
            continue
        found = search_translations(
            published_exercises(language=language), query=query, search_language=code
        ).filter(*conditions.values())
        count = found.order_by().count()
        if count:
            offers.append(
                TranslationOffer(code, count, _query_string(params, {SEARCH_LANGUAGE_PARAM: code}))
            )
    return offers


@dataclass(frozen=True)
class ListingFacetCounts:
    """A list's facets, the values its query string chooses, the facet shown in full, each
    chosen filter's condition, and the counts of every option."""

    facets: dict[str, ListedFacet]
    chosen: dict[str, list[str]]
    expanded: str
    conditions: dict[str, Q]
    duration_limits: list[int]
    counts: FacetCounts


def listing_facet_counts(
    filterset: ListingFilterSet,
    params: Mapping[str, Any],
    *,
    language: str,
    duration_limits: Sequence[int] = (),
    chosen_duration: int | None = None,
    name_contains: Mapping[str, str] | None = None,
    searched: bool = False,
    count_apart: bool = False,
) -> ListingFacetCounts:
    """The counts a content list (exercises, workouts) shows for ``params``, in one query
    (exercises.site.facet_counts). The unfiltered list and each listing with one chosen
    value (``chosen_duration`` is one) are the same for every visitor until the content
    changes and are what crawlers and first visitors ask for: they are kept per content
    version. A search or a narrowed facet (``name_contains``) is counted every time. With
    ``count_apart`` a list narrowed by two to ``APART_AT_MOST`` filters is counted by
    ``counted_apart`` (for a large library: the workouts of a language are a few hundred,
    which one query with a flag per filter counts at once)."""
    facets = filterset.listed_facets()
    chosen = {name: chosen_values(filterset, name) for name in facets}
    expanded = params.get(MORE_PARAM, "")
    expanded = expanded if expanded in facets else ""
    conditions = filterset.conditions()
    limits = list(duration_limits)
    facet_query = FacetQuery(
        facets={name: facet.field_name for name, facet in facets.items()},
        chosen=chosen,
        duration_limits=limits,
        expanded=expanded,
        name_contains=dict(name_contains or {}),
        term_filters={name: facet.term_filter for name, facet in facets.items()},
    )

    def counted() -> FacetCounts:
        return count_facets(filterset.facet_matches(), conditions, facet_query)

    chosen_count = sum(len(values) for values in chosen.values()) + bool(chosen_duration)
    model = filterset.queryset.model._meta.label_lower
    if searched or name_contains or chosen_count > 1 and not count_apart:
        counts = counted()
    elif count_apart and chosen_count > 1 and len(conditions) <= APART_AT_MOST:

        def key_apart(name: str) -> str:
            others = {other: values for other, values in chosen.items() if other != name}
            duration = None if name == DURATION_PARAM else chosen_duration
            return json.dumps(
                ["facet-apart", model, language, name, others, duration, limits], sort_keys=True
            )

        counts = counted_apart(filterset.facet_matches(), conditions, facet_query, key=key_apart)
    else:
        key = json.dumps(
            ["listing", model, language, chosen, chosen_duration, expanded, limits],
            sort_keys=True,
        )
        counts = kept_per_content_version(key, counted)
    return ListingFacetCounts(facets, chosen, expanded, conditions, limits, counts)


def counted_apart(
    matches: QuerySet[Any],
    conditions: Mapping[str, Q],
    request: FacetQuery,
    *,
    key: Callable[[str], str],
) -> FacetCounts:
    """``count_facets(matches, conditions, request)`` for a list without a search, from
    counts that each read only the rows they are about, found through the chosen filters'
    indexes, instead of every row of the language with a flag per filter. The total, the
    facets nobody chose and the durations count the rows passing every filter (often
    few); a chosen facet (or the maximum duration) counts every option over the rows
    passing every other filter, kept per content version under ``key(name)``: every
    choice in that facet shares them (``?equipment=mat&difficulty=beginner`` and
    ``?equipment=band&difficulty=beginner`` read the same equipment counts)."""
    counts = count_facets(
        matches.filter(*conditions.values()),
        {},
        replace(
            request,
            facets={
                name: value for name, value in request.facets.items() if name not in conditions
            },
            duration_limits=[] if DURATION_PARAM in conditions else request.duration_limits,
        ),
    )
    for name in conditions:
        others = matches.filter(
            *(condition for other, condition in conditions.items() if other != name)
        )
        facet = {name: request.facets[name]} if name in request.facets else {}

        def every_option(
            others: QuerySet[Any] = others, facet: dict[str, str] = facet
        ) -> FacetCounts:
            return count_facets(
                others,
                {},
                replace(
                    request,
                    facets=facet,
                    chosen={},
                    expanded=next(iter(facet), ""),
                    duration_limits=request.duration_limits if not facet else [],
                ),
            )

        apart = kept_per_content_version(key(name), every_option)
        if not facet:  # the maximum duration
            counts.durations = apart.durations
            continue
        counted = apart.options.get(name, [])
        if set(request.chosen.get(name) or []) - {option.value for option in counted}:
            # A chosen option nothing is left for is still listed, named, with 0.
            apart = count_facets(others, {}, replace(request, facets=facet, duration_limits=[]))
            counts.options[name] = apart.options.get(name, [])
            counts.truncated |= apart.truncated
            continue
        counts.options[name], truncated = shown_options(counted, request, name)
        if truncated:
            counts.truncated.add(name)
    return counts


def chosen_values(filterset: ListingFilterSet, name: str) -> list[str]:
    """The values the query string chooses for the facet ``name`` (slug-shaped, sorted)."""
    values = filterset.data.getlist(name) if hasattr(filterset.data, "getlist") else []
    return sorted({value for value in values if isinstance(value, str) and SLUG_RE.match(value)})


def facet_groups(
    facets: Mapping[str, ListedFacet],
    chosen_by_facet: Mapping[str, list[str]],
    counts: FacetCounts,
    params: Mapping[str, Any],
    *,
    language: str,
    searchable: str = "",
    search_value: str = "",
) -> list[FacetGroup]:
    """Each checkbox facet's options in label order (options chosen but with nothing left
    stay listed, with a count of 0), with links to show all of them or fewer. The facet
    named ``searchable`` has a box to find its options by name (``search_value``)."""
    groups = []
    for name, facet in facets.items():
        counted = counts.options.get(name, [])
        chosen = set(chosen_by_facet[name])
        if isinstance(facet, ChoicesFacetFilter):
            labels: dict[str, Any] = dict(facet.extra["choices"])
            chosen &= set(labels)
            options = [
                FacetOption(option.value, labels.get(option.value, option.value), option.count)
                for option in counted
                if option.value in labels
            ]
            options.sort(key=lambda option: list(labels).index(option.value))
        else:
            options = _term_options(counted, language=language)
            # The counts name every chosen term that exists, with 0 if nothing is left.
            chosen &= {option.value for option in options}
            labels = {}
        groups.append(
            FacetGroup(
                name,
                facet.label,
                _with_chosen(options, chosen, labels),
                more_url=_query_string(params, {MORE_PARAM: name})
                if name in counts.truncated
                else "",
                fewer_url=_query_string(params, {MORE_PARAM: None})
                if params.get(MORE_PARAM) == name
                else "",
                searchable=name == searchable,
                search_value=search_value if name == searchable else "",
            )
        )
    return groups


def _term_options(counted: Sequence[CountedOption], *, language: str) -> list[FacetOption]:
    """Counted terms labelled in ``language``, in label order."""
    options = [
        FacetOption(option.value, option.label_in(language), option.count) for option in counted
    ]
    return sorted(options, key=lambda option: (_natural(fold(str(option.label))), option.value))


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that puts numbers in their order: "5 min" before "10 min"."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text) if part
    )


def _query_string(params: Mapping[str, Any], changes: Mapping[str, str | None]) -> str:
    """``params`` with ``changes`` applied (None removes), as ``?...``; the page resets."""
    query = QueryDict(mutable=True)
    if isinstance(params, QueryDict):
        query = params.copy()
    else:
        query.update(params)
    query.pop("page", None)
    for key, value in changes.items():
        query.pop(key, None)
        if value is not None:
            query[key] = value
    return f"?{query.urlencode()}"


def published_exercises(*, language: str) -> ExerciseQuerySet:
    return Exercise.objects.published().in_language(language)


def with_card_data(exercises: ExerciseQuerySet) -> ExerciseQuerySet:
    """What a card shows: equipment names and the first video (for its thumbnail)."""
    # Children are ordered by position through their Meta, so plain prefetches suffice.
    return exercises.select_related("category").prefetch_related("equipment", "videos")


@dataclass(frozen=True)
class CatalogueCounts:
    """What the home page counts: exercises, and exercises per difficulty, category and
    piece of equipment (every option, labelled in the page's language)."""

    total: int
    difficulties: list[FacetOption]
    categories: list[FacetOption]
    equipment: list[FacetOption]


def catalogue_counts(*, language: str) -> CatalogueCounts:
    """In one query (exercises.site.facet_counts), instead of one per facet, once per
    content version."""
    counts = kept_per_content_version(
        json.dumps(["catalogue", language]),
        lambda: count_facets(
            published_exercises(language=language),
            {},
            FacetQuery(
                facets={
                    "difficulty": "difficulty",
                    "category": "category",
                    "equipment": "equipment",
                },
                chosen={},
                duration_limits=[],
                limit=EVERY_OPTION,
            ),
        ),
    )
    labels = dict(Difficulty.choices)
    totals = {option.value: option.count for option in counts.options.get("difficulty", [])}

    return CatalogueCounts(
        total=counts.total,
        difficulties=[
            FacetOption(value, labels[value], totals[value]) for value in labels if value in totals
        ],
        categories=_term_options(counts.options.get("category", []), language=language),
        equipment=_term_options(counts.options.get("equipment", []), language=language),
    )


def newest_exercises(*, language: str, limit: int) -> list[Exercise]:
    return list(with_card_data(published_exercises(language=language)).newest_first()[:limit])


def exercise_visible_to(*, user: User | AnonymousUser, language: str, slug: str) -> Exercise | None:
    """The exercise at ``language``/``slug`` with its steps, modifications and FAQs, if this
    user may see it (drafts: only with the view permission, whatever the staff flag says).
    Its terms and videos come with its related exercises' (``with_page_relations``)."""
    exercises = Exercise.objects.in_language(language).filter(slug=slug)
    if not user.has_perm("exercises.view_exercise"):
        exercises = exercises.published()
    return (
        exercises.select_related("category")
        .prefetch_related("steps", "modifications", "faqs")
        .first()
    )


def with_page_relations(exercise: Exercise, related: list[Exercise]) -> None:
    """Loads, in two queries, the detail page's terms (equipment of the exercise and of its
    related cards, the cards' categories, its muscles and tags) and videos (of both)."""
    prefetch_terms(
        {
            "equipment": [exercise, *related],
            "category": related,
            "muscles": [exercise],
            "tags": [exercise],
        }
    )
    prefetch_related_objects([exercise, *related], "videos")


def prefetch_terms(exercises_by_relation: Mapping[str, Sequence[Exercise]]) -> None:
    """Loads the terms of each relation (the category, or a many-to-many relation:
    equipment, muscles, tags) for the given exercises in one query over the link tables,
    into the caches ``select_related`` and ``prefetch_related`` fill (terms by name)."""
    parts: list[str] = []
    params: list[Any] = []
    models: dict[str, Any] = {}
    quote = connection.ops.quote_name
    for relation, exercises in exercises_by_relation.items():
        ids = sorted({exercise.pk for exercise in exercises if exercise.pk is not None})
        if not ids:
            continue
        model_field: Any = Exercise._meta.get_field(relation)
        term_model: Any = model_field.related_model
        models[relation] = term_model
        if model_field.many_to_many:
            links, exercise_column, term_column = link_table(Exercise, relation)
        else:  # the exercise's own foreign key
            links, exercise_column = quote(Exercise._meta.db_table), "id"
            term_column = quote(model_field.column)
        has_names = issubclass(term_model, Taxonomy)
        parts.append(
            "SELECT CAST(%s AS TEXT), l.{exercise}, t.id, t.name, t.slug, {names} "
            "FROM {links} l JOIN {terms} t ON t.id = l.{term} WHERE l.{exercise} IN ({ids})".format(
                exercise=exercise_column,
                term=term_column,
                links=links,
                terms=quote(term_model._meta.db_table),
                names="CAST(t.translated_names AS TEXT)" if has_names else "CAST(NULL AS TEXT)",
                ids=", ".join(["%s"] * len(ids)),
            )
        )
        params.extend([relation, *ids])
    found: dict[tuple[str, int], list[Any]] = {}
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for relation, exercise_id, pk, name, slug, names in cursor.fetchall():
                term = models[relation](pk=pk, name=name, slug=slug)
                if names is not None:
                    term.translated_names = json.loads(names) if isinstance(names, str) else names
                found.setdefault((relation, exercise_id), []).append(term)
    for relation, exercises in exercises_by_relation.items():
        relation_field: Any = Exercise._meta.get_field(relation)
        for exercise in exercises:
            terms = sorted(
                found.get((relation, exercise.pk), []), key=lambda term: (term.name, term.pk)
            )
            if not relation_field.many_to_many:
                relation_field.set_cached_value(exercise, terms[0] if terms else None)
                continue
            cached = getattr(exercise, relation).all()
            cached._result_cache = terms
            cached._prefetch_done = True
            exercise.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = cached


def published_translations(exercise: Exercise) -> list[Exercise]:
    return list(exercise.translations().published().only("pk", "slug", "language", "title"))


def related_and_translations(exercise: Exercise) -> tuple[list[Exercise], list[Exercise]]:
    """The detail page's related exercises (as ``related_exercises`` ranks them) and its
    published translations, in one query: the stored ranking (``exercises.related``),
    published at read time, so one whose unpublish-at time has passed goes before
    ``publish_scheduled`` reports it, beside the translations. An exercise never ranked
    is ranked here (a query more). Card relations are not loaded."""
    if not exercise.related_ranked:
        return related_exercises(exercise), published_translations(exercise)
    listed = (
        published_exercises(language=exercise.language)
        .filter(ranked_in__exercise=exercise)
        .annotate(kind=Value(_RELATED), place=F("ranked_in__position"))
        .order_by()
    )
    translations = (
        exercise.translations()
        .published()
        .annotate(kind=Value(_TRANSLATION), place=Value(0))
        .order_by()
    )
    rows = list(listed.union(translations, all=True).order_by("kind", "place"))
    return (
        [row for row in rows if row.kind == _RELATED],
        sorted(
            (row for row in rows if row.kind == _TRANSLATION),
            key=lambda row: (row.language, row.pk),
        ),
    )


_RELATED, _TRANSLATION = 0, 1


def related_exercises(
    exercise: Exercise,
    *,
    muscles: Sequence[Muscle] | None = None,
    equipment: Sequence[Equipment] | None = None,
    limit: int = 4,
) -> list[Exercise]:
    """Published exercises in the same language ranked by how many muscles and pieces of
    equipment they share with ``exercise``, in one query: the link tables grouped by
    exercise and counted, the top ``limit`` joined to their rows. The terms are the saved
    exercise's unless given (the admin preview passes the unsaved form's). Card relations
    are not loaded (``with_page_relations`` or ``prefetch_related_objects``)."""
    sources: list[str] = []
    params: list[Any] = []
    for relation, given in (("muscles", muscles), ("equipment", equipment)):
        links, exercise_column, term_column = link_table(Exercise, relation)
        if given is None:
            if exercise.pk is None:
                continue
            terms_sql = f"SELECT {term_column} FROM {links} WHERE {exercise_column} = %s"
            params.append(exercise.pk)
        else:
            ids = [term.pk for term in given if term.pk is not None]
            if not ids:
                continue
            terms_sql = ", ".join(["%s"] * len(ids))
            params.extend(ids)
        sources.append(
            f"SELECT {exercise_column} AS exercise_id FROM {links} "
            f"WHERE {term_column} IN ({terms_sql})"
        )
    if not sources:
        return []
    candidates = published_exercises(language=exercise.language).order_by().values("id", "title")
    if exercise.pk is not None:
        candidates = candidates.exclude(pk=exercise.pk)
    candidates_sql, candidates_params = candidates.query.sql_with_params()
    table = connection.ops.quote_name(Exercise._meta.db_table)
    # Only the top ``limit`` rows are read whole; candidates are joined once (a hash join),
    # not looked up per exercise sharing a term.
    sql = (
        f"WITH candidate (id, title) AS ({candidates_sql}) "
        f"SELECT e.*, top.shared FROM (SELECT ranked.exercise_id, ranked.shared, candidate.title "
        f"FROM (SELECT shared_links.exercise_id, COUNT(*) AS shared "
        f"FROM ({' UNION ALL '.join(sources)}) shared_links "
        f"GROUP BY shared_links.exercise_id) ranked "
        f"JOIN candidate ON candidate.id = ranked.exercise_id "
        f"ORDER BY ranked.shared DESC, candidate.title, candidate.id LIMIT %s) top "
        f"JOIN {table} e ON e.id = top.exercise_id "
        f"ORDER BY top.shared DESC, top.title, e.id"
    )
    return list(Exercise.objects.raw(sql, [*candidates_params, *params, limit]))


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
