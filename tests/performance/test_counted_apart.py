"""A list narrowed by two or more choices counts its facets apart: the rows passing every
filter once, and each chosen facet over the rows passing the others, kept per content
version and shared by every choice in that facet. The counts are the ones a single query
with a flag per filter gives, and each option's count is a plain COUNT of what choosing
it would leave."""

import pytest
from django.http import QueryDict

from exercises.models import Exercise
from exercises.site.facet_counts import FacetQuery, count_facets
from exercises.site.filters import ExerciseFilterSet
from exercises.site.selectors import DURATION_CHOICES, listing_facet_counts
from publishing.caching import bump_content_version
from tests.site.test_query_counts import LIST_QUERIES, build_library, count_queries, page_shown

pytestmark = pytest.mark.django_db

LISTINGS = [
    "difficulty=beginner&equipment=equipment-0",
    "difficulty=beginner&difficulty=advanced",
    "equipment=equipment-1&muscle=muscle-2&category=mat",
    "muscle=muscle-0&duration=120",
    "tag=tag-3&equipment=equipment-2&more=tag",
    "equipment=equipment-3&difficulty=intermediate&muscle=muscle-4",
    # A choice nothing is left for stays listed with 0; an unknown slug is dropped.
    "equipment=equipment-3&muscle=muscle-4&category=band",
    "equipment=equipment-0&equipment=missing&muscle=muscle-1",
]


def counts_of(query: str, *, apart: bool):
    params = QueryDict(query)
    filterset = ExerciseFilterSet(params, queryset=Exercise.objects.published().in_language("en"))
    counted = listing_facet_counts(
        filterset,
        params,
        language="en",
        duration_limits=sorted({*DURATION_CHOICES, 120}),
        chosen_duration=120 if "duration" in params else None,
        count_apart=apart,
    )
    if apart:
        return counted.counts
    request = FacetQuery(
        facets={name: facet.field_name for name, facet in counted.facets.items()},
        chosen=counted.chosen,
        duration_limits=counted.duration_limits,
        expanded=counted.expanded,
    )
    return count_facets(filterset.facet_matches(), counted.conditions, request)


@pytest.mark.parametrize("query", LISTINGS)
def test_counts_apart_equal_the_counts_of_one_query_with_a_flag_per_filter(query):
    build_library(30)

    assert counts_of(query, apart=True) == counts_of(query, apart=False)


def test_each_option_counts_what_choosing_it_would_leave():
    build_library(30)
    params = QueryDict("difficulty=beginner&equipment=equipment-0")
    published = Exercise.objects.published().in_language("en")

    counts = counts_of(params.urlencode(), apart=True)

    beginner = published.filter(difficulty="beginner")
    with_equipment = published.filter(equipment__slug="equipment-0")
    assert counts.total == beginner.filter(equipment__slug="equipment-0").count()
    for option in counts.options["equipment"]:
        assert option.count == beginner.filter(equipment__slug=option.value).count()
    for option in counts.options["difficulty"]:
        assert option.count == with_equipment.filter(difficulty=option.value).count()
    for option in counts.options["muscle"]:
        expected = beginner.filter(equipment__slug="equipment-0", muscles__slug=option.value)
        assert option.count == expected.count()


def test_a_listing_shares_the_counts_of_a_facet_with_every_other_choice_in_it(client):
    build_library(12)
    count_queries(client, "/exercises/?difficulty=beginner&equipment=equipment-0")
    first_of_its_own = count_queries(
        client, "/exercises/?difficulty=advanced&equipment=equipment-1"
    )

    # equipment counts among the advanced, difficulty counts among equipment-1: both read
    # by the listing before; only the rows passing both are counted again.
    again = count_queries(client, "/exercises/?difficulty=advanced&equipment=equipment-2")
    shared = count_queries(client, "/exercises/?difficulty=beginner&equipment=equipment-1")

    assert shared == again - 1
    assert again < first_of_its_own


@pytest.mark.parametrize(
    "url",
    [
        "/exercises/?difficulty=beginner&equipment=equipment-0",
        "/exercises/?equipment=equipment-1&muscle=muscle-2&category=mat&duration=600",
        # Past APART_AT_MOST filters, one query counts everything.
        "/exercises/?difficulty=beginner&equipment=equipment-0&muscle=muscle-1&category=mat"
        "&tag=tag-1",
    ],
)
def test_a_list_narrowed_twice_costs_the_same_queries_at_two_sizes(client, url):
    build_library(6)
    small = [count_queries(client, url), count_queries(client, url)]
    build_library(30, first=6)

    assert [count_queries(client, url), count_queries(client, url)] == small
    assert max(small) <= LIST_QUERIES


def test_the_counts_follow_a_change_of_content(client):
    build_library(12)
    url = "/exercises/?difficulty=beginner&equipment=equipment-0"
    before = page_shown(client, url).context["listing"].page.paginator.count
    Exercise.objects.get(title="Move 003").equipment.clear()
    bump_content_version()

    after = page_shown(client, url).context["listing"]
    assert after.page.paginator.count == before - 1
