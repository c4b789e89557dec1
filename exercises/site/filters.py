"""The public lists' filters: django-filter FilterSets, lenient with what URLs carry.

Links get shared, truncated and edited by hand, so an unknown or malformed value is
dropped instead of failing the page: ``?equipment=mat&equipment=nope`` filters by mat.
Within one facet the chosen options are alternatives (OR); facets combine with AND.
``ListingFilterSet`` is what every content list shares (the exercises' here, the
workouts' in ``workouts.site.filters``); ``ExerciseFilterSet`` adds the exercises' search.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import django_filters
from django import forms
from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Exists,
    Expression,
    F,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters import fields as filter_fields
from taggit.models import Tag

from exercises.models import Category, Difficulty, Equipment, Exercise, Muscle
from exercises.search import BoundedSearch, bounded_search, search_exercises, search_translations
from publishing.canonical import SLUG_RE, QueryParameter, choice, free_text, slug, whole_number

__all__ = ["SLUG_RE", "ExerciseFilterSet", "ListingFilterSet"]

# The largest duration (seconds) a link may ask for; larger ones are ignored.
LONGEST_DURATION = 10**6
# The language the search words are in, when not the page's: the page then lists the
# translations of that language's matches (the language switch of a search page sets it).
SEARCH_LANGUAGE_PARAM = "search_language"


class LenientModelMultipleChoiceField(filter_fields.ModelMultipleChoiceField):
    """Accepts the known slugs among the values and ignores the rest."""

    def _check_values(self, value):
        # Left lazy: the filter uses it as a subquery, so choosing terms costs no query.
        slugs = {item for item in value if isinstance(item, str) and SLUG_RE.match(item)}
        if not slugs:
            return self.queryset.none()
        return self.queryset.filter(**{f"{self.to_field_name}__in": slugs})


class LenientMultipleChoiceField(filter_fields.MultipleChoiceField):
    """Keeps the valid choices among the values and ignores the rest."""

    def clean(self, value):
        values = self.to_python(value)
        return [item for item in values if self.valid_value(item)]


class LenientChoiceField(filter_fields.ChoiceField):
    def clean(self, value):
        value = self.to_python(value)
        return value if self.valid_value(value) else ""


class LenientIntegerField(forms.IntegerField):
    def clean(self, value):
        try:
            number = super().clean(value)
        except forms.ValidationError:
            return None
        return number if number is None or 0 <= number <= LONGEST_DURATION else None


class LenientNumberFilter(django_filters.NumberFilter):
    field_class = LenientIntegerField

    def condition(self, value) -> Q | None:
        if value is None:
            return None
        return Q(**{f"{self.field_name}__{self.lookup_expr}": value})


class ListedFacet:
    """Marks a filter whose options the list page shows as checkboxes with counts.

    The FilterSet's declaration is the one place a facet is named: its attribute name is the
    query parameter, its label the legend, its ``field_name`` what its options are counted by.
    """

    field_name: str
    label: Any
    # Keeps the facet to some of its relation's terms (a workout category group's).
    term_filter: Mapping[str, str] = {}

    def condition(self, value) -> Q | None:
        raise NotImplementedError

    def annotation(self) -> Expression | None:
        """What the facet counts by when ``field_name`` is not a field of the listed model
        but a value computed per row (a duration band); None for a field."""
        return None

    def filter(self, qs, value):
        # The list and the facet counts narrow by the same condition. For a choices field
        # that is one IN test on the exercise's own column: no DISTINCT (django-filter's
        # default for multiple choices), which would sort every matching row in full.
        condition = self.condition(value)
        return qs if condition is None else qs.filter(condition)


class SlugMultipleFilter(ListedFacet, django_filters.ModelMultipleChoiceFilter):
    """Exercises linked to any of the chosen terms, as a subquery so rows are not repeated."""

    field_class = LenientModelMultipleChoiceField

    def __init__(self, *args, term_filter: Mapping[str, str] | None = None, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        if term_filter:
            self.term_filter = dict(term_filter)
            kwargs["queryset"] = kwargs["queryset"].filter(**self.term_filter)
        super().__init__(*args, **kwargs)

    def condition(self, value) -> Q | None:
        """``value`` is the lazy queryset of the chosen terms; when it names none that
        exists, nothing is narrowed (an unknown slug is dropped, not matched)."""
        if value is None or value.query.is_empty():
            return None
        return Q(pk__in=self.rows_linked_to(value)) | Q(~Exists(value))

    def rows_linked_to(self, terms: QuerySet) -> QuerySet:
        """The ids of the rows linked to any of ``terms``: read from the link table alone
        for a many-to-many field (its term-first index answers it without the rows)."""
        model_field: Any = self.model._meta.get_field(self.field_name)
        if not model_field.many_to_many:
            listed = self.model._default_manager
            return listed.filter(**{f"{self.field_name}__in": terms}).values("pk")
        links = model_field.remote_field.through
        own = term = ""
        for link_field in links._meta.fields:
            if link_field.is_relation and link_field.related_model is self.model:
                own = link_field.name
            elif link_field.is_relation and link_field.related_model is model_field.related_model:
                term = link_field.name
        return links._default_manager.filter(**{f"{term}__in": terms}).values(f"{own}_id")


class ChoicesFacetFilter(ListedFacet, django_filters.MultipleChoiceFilter):
    """Exercises whose field has any of the chosen values (a field with ``choices``)."""

    field_class = LenientMultipleChoiceField

    def condition(self, value) -> Q | None:
        return Q(**{f"{self.field_name}__in": value}) if value else None


@dataclass(frozen=True)
class Band:
    """A range of a number field: above ``above`` (exclusive) up to ``up_to`` (inclusive);
    None leaves that end open."""

    value: str
    label: str | Promise
    above: int | None = None
    up_to: int | None = None


class BandFacetFilter(ChoicesFacetFilter):
    """Rows whose ``source`` field falls in any of the chosen bands, a checkbox per band
    (a workout's minutes: up to 10, 10-20...); rows without a value are in none."""

    def __init__(self, *args, source: str, bands: Sequence[Band], **kwargs):
        self.source = source
        self.bands = tuple(bands)
        kwargs["choices"] = [(band.value, band.label) for band in self.bands]
        # Not a field: the name the facet counts annotate each row's band as.
        kwargs["field_name"] = f"{source}_band"
        super().__init__(*args, **kwargs)

    def _in_band(self, band: Band) -> Q:
        bounds: dict[str, Any] = {f"{self.source}__isnull": False}
        if band.above is not None:
            bounds[f"{self.source}__gt"] = band.above
        if band.up_to is not None:
            bounds[f"{self.source}__lte"] = band.up_to
        return Q(**bounds)

    def condition(self, value) -> Q | None:
        chosen = [band for band in self.bands if band.value in (value or [])]
        if not chosen:
            return None
        condition = Q()
        for band in chosen:
            condition |= self._in_band(band)
        return condition

    def annotation(self) -> Expression:
        return Case(
            *(When(self._in_band(band), then=Value(band.value)) for band in self.bands),
            default=Value(""),
            output_field=CharField(),
        )


class SortFilter(django_filters.ChoiceFilter):
    field_class = LenientChoiceField

    ORDERINGS = {
        "title": [F("title").asc(), F("pk").asc()],
        "duration": [F("duration").asc(nulls_last=True), F("title").asc(), F("pk").asc()],
    }

    def filter(self, qs, value):
        if value == "newest":
            return qs.newest_first()
        # A search keeps its best-match order unless another order is asked for.
        if value in ("", "relevance") and "search_rank" in qs.query.annotations:
            return qs
        return qs.order_by(*self.ORDERINGS.get(value, self.ORDERINGS["title"]))


SORT_CHOICES = [
    ("relevance", _("Best match")),
    ("title", _("Title (A–Z)")),
    ("newest", _("Newest first")),
    ("duration", _("Shortest first")),
]
DURATION_CHOICES = [60, 120, 300, 600]


class ListingFilterSet(django_filters.FilterSet):
    """What every public list's filters share: the query parameters they read, the
    checkbox facets, each chosen filter's condition (for the facet counts) and whether the
    list is narrowed. A list with a search declares ``q`` and overrides ``searched()``."""

    @classmethod
    def query_parameters(cls) -> list[QueryParameter]:
        """What each filter reads from the query string, for the page cache's canonical
        request (``publishing.canonical``): a value it would ignore is dropped there."""
        parameters = []
        for name, item in cls.base_filters.items():
            if isinstance(item, ChoicesFacetFilter):
                parameters.append(QueryParameter(name, choice(dict(item.extra["choices"])), True))
            elif isinstance(item, SlugMultipleFilter):
                parameters.append(QueryParameter(name, slug, many=True))
            elif isinstance(item, LenientNumberFilter):
                parameters.append(
                    QueryParameter(name, whole_number(minimum=0, maximum=LONGEST_DURATION))
                )
            elif isinstance(item, SortFilter):
                parameters.append(QueryParameter(name, choice(dict(item.extra["choices"]))))
            else:
                parameters.append(QueryParameter(name, free_text))
        return parameters

    def listed_facets(self) -> dict[str, ListedFacet]:
        """The checkbox facets by query parameter, in the order they are declared."""
        return {
            name: facet for name, facet in self.filters.items() if isinstance(facet, ListedFacet)
        }

    def conditions(self) -> dict[str, Q]:
        """What each chosen filter other than the search asks of a row, by query
        parameter (the facet counts apply them to the search's matches)."""
        self.form.is_valid()  # cleans the form, so cleaned_data exists
        conditions = {}
        for name in self.narrowing_filters():
            condition_for = getattr(self.filters[name], "condition", None)
            if condition_for is not None:
                condition = condition_for(self.form.cleaned_data.get(name))
                if condition is not None:
                    conditions[name] = condition
        return conditions

    def searched(self) -> QuerySet:
        """The list narrowed by the search alone (the whole list where there is none)."""
        return self.queryset.all()

    def facet_matches(self) -> QuerySet:
        """What the facet counts count: the searched list, with the value of each facet
        that counts something other than a field (``ListedFacet.annotation``)."""
        annotations = {
            facet.field_name: expression
            for facet in self.listed_facets().values()
            if (expression := facet.annotation()) is not None
        }
        return self.searched().annotate(**annotations)

    def narrowing_filters(self) -> list[str]:
        """Every filter but the sort order, which orders the list without narrowing it."""
        return [name for name, item in self.filters.items() if not isinstance(item, SortFilter)]

    @property
    def is_filtered(self) -> bool:
        """Whether the request asks to narrow the list (judged from the query string alone)."""
        return any(
            value.strip() for name in self.narrowing_filters() for value in self.data.getlist(name)
        )


class ExerciseFilterSet(ListingFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    difficulty = ChoicesFacetFilter(
        field_name="difficulty", choices=Difficulty.choices, label=_("Difficulty")
    )
    category = SlugMultipleFilter(
        field_name="category", queryset=Category.objects.all(), label=_("Category")
    )
    equipment = SlugMultipleFilter(
        field_name="equipment", queryset=Equipment.objects.all(), label=_("Equipment")
    )
    muscle = SlugMultipleFilter(
        field_name="muscles", queryset=Muscle.objects.all(), label=_("Muscles")
    )
    tag = SlugMultipleFilter(field_name="tags", queryset=Tag.objects.all(), label=_("Tags"))
    duration = LenientNumberFilter(
        field_name="duration",
        lookup_expr="lte",
        label=_("Maximum duration"),
    )
    sort = SortFilter(choices=SORT_CHOICES, label=_("Sort by"), empty_label=None)

    class Meta:
        model = Exercise
        fields: list[str] = []

    def __init__(self, *args: Any, search_candidates: int | None = None, **kwargs: Any):
        """``search_candidates``: rank, count and narrow at most this many matches of a
        search (``exercises.search.bounded_search``); None: every match (the API's keyset
        pages go through all of them)."""
        super().__init__(*args, **kwargs)
        self.search_candidates = search_candidates
        self._bounded: dict[tuple[str, str, str], BoundedSearch] = {}

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Ranked full-text search (see exercises.search) in the language of the list, or
        of ``search_language``: then the list's exercises whose translation matches."""
        if self.searches_translations:
            return search_translations(queryset, query=value, search_language=self.search_language)
        if self.search_candidates is None:
            return search_exercises(queryset, query=value, language=get_language())
        # The list and its counts search the same base: its candidates are chosen once.
        key = (value, get_language(), str(queryset.query))
        if key not in self._bounded:
            self._bounded[key] = bounded_search(
                queryset, query=value, language=get_language(), limit=self.search_candidates
            )
        return self._bounded[key].matches

    @property
    def search_capped(self) -> bool:
        """Whether the search matched more exercises than its candidates hold."""
        return any(found.capped for found in self._bounded.values())

    @property
    def search_language(self) -> str:
        """The ``search_language`` asked for when it is one of the site's languages, else
        the page's."""
        value = self.data.get(SEARCH_LANGUAGE_PARAM, "")
        if isinstance(value, str) and value in dict(settings.LANGUAGES):
            return value
        return get_language()

    @property
    def searches_translations(self) -> bool:
        return self.search_language != get_language()

    def searched(self) -> QuerySet:
        """The list narrowed by the search alone."""
        self.form.is_valid()
        query = self.form.cleaned_data.get("q")
        return self.search(self.queryset.all(), "q", query) if query else self.queryset.all()
