"""Facets stay usable at any size (issue 8 item 3) and their counts are right (issue 11).

Each facet lists its most used options with a "show all" link that needs no JavaScript;
tags can be narrowed by name; every count comes from one query in which the search runs
once.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from exercises.models import Category, Equipment, Exercise, Muscle, Status, TaggedExercise
from exercises.search import search_exercises
from exercises.site.facet_counts import FACET_OPTION_LIMIT
from exercises.site.filters import ExerciseFilterSet
from exercises.site.selectors import published_exercises
from tests.factories import make_exercise, make_term

pytestmark = pytest.mark.django_db


def tag_options(response) -> list[str]:
    facet = next(group for group in response.context["listing"].facets if group.name == "tag")
    return [option.value for option in facet.options]


def tag_facet(response):
    return next(group for group in response.context["listing"].facets if group.name == "tag")


@pytest.fixture
def tagged_library():
    """Fifteen tags used 15, 14, ... 1 times over fifteen exercises."""
    exercises = [make_exercise(title=f"Move {number:02d}") for number in range(15)]
    for rank in range(15):
        for exercise in exercises[: 15 - rank]:
            exercise.tags.add(f"tag {rank:02d}")
    return exercises


def test_a_facet_lists_its_most_used_options_and_links_to_the_rest(client, tagged_library):
    response = client.get("/exercises/")
    assert sorted(tag_options(response)) == [f"tag-{rank:02d}" for rank in range(10)]
    facet = tag_facet(response)
    assert facet.more_url == "?more=tag"
    assert 'href="?more=tag#facet-tag"' in response.content.decode()


def test_show_all_lists_every_option_in_plain_html(client, tagged_library):
    response = client.get("/exercises/?more=tag&sort=title&difficulty=")
    assert len(tag_options(response)) == 15
    html = response.content.decode()
    assert html.count('name="tag"') == 15
    # The form keeps the expanded facet open when it is submitted, and links back.
    assert '<input type="hidden" name="more" value="tag">' in html
    assert tag_facet(response).fewer_url.startswith("?")
    assert "more=" not in tag_facet(response).fewer_url


def test_a_chosen_option_stays_listed_beyond_the_most_used(client, tagged_library):
    response = client.get("/exercises/?tag=tag-14")
    options = tag_facet(response).options
    chosen = [option for option in options if option.selected]
    assert [(option.value, option.count) for option in chosen] == [("tag-14", 1)]
    assert len(options) == FACET_OPTION_LIMIT + 1


def test_tag_search_narrows_the_tag_options_by_name(client, tagged_library):
    make_exercise(title="Spine stretch").tags.add("Yoga flow", "Yogic breath")
    response = client.get("/exercises/?tag_search=YOG")
    assert sorted(tag_options(response)) == ["yoga-flow", "yogic-breath"]
    html = response.content.decode()
    assert 'name="tag_search" value="YOG"' in html
    # The exercises themselves are not narrowed by the tag search.
    assert response.context["page"].paginator.count == 16


def test_tag_search_treats_wildcards_as_text(client, tagged_library):
    response = client.get("/exercises/?tag_search=%25")
    assert tag_options(response) == []


def test_counts_match_counting_each_facet_on_its_own(client):
    mat, band = make_term(Category, "Mat"), make_term(Category, "Band")
    ball, ring = make_term(Equipment, "Ball"), make_term(Equipment, "Ring")
    core = make_term(Muscle, "Core")
    for number in range(12):
        exercise = make_exercise(
            title=f"Roll {number}",
            difficulty=["beginner", "intermediate", "advanced"][number % 3],
            duration=[45, 90, 200, 700][number % 4],
            category=[mat, band][number % 2],
        )
        exercise.equipment.add(*[ball, ring][: number % 3])
        if number % 2:
            exercise.muscles.add(core)
        exercise.tags.add(*[f"t{n}" for n in range(number % 4)])
    make_exercise(title="Roll draft", status=Status.DRAFT, category=mat).tags.add("t0")
    params = "difficulty=beginner&difficulty=advanced&equipment=ball&tag=t1&duration=300"
    response = client.get(f"/exercises/?{params}")
    listing = response.context["listing"]

    def expected(facet_name: str, field: str) -> dict[str, int]:
        data = response.wsgi_request.GET.copy()
        data.pop(facet_name, None)
        filterset = ExerciseFilterSet(data, queryset=published_exercises(language="en"))
        counts: dict[str, int] = {}
        for exercise in filterset.qs:
            values = (
                [getattr(exercise, field)]
                if field == "difficulty"
                else [exercise.category.slug]
                if field == "category"
                else list(getattr(exercise, field).values_list("slug", flat=True))
            )
            for value in values:
                if value:
                    counts[value] = counts.get(value, 0) + 1
        return counts

    shown = {
        group.name: {option.value: option.count for option in group.options if option.count}
        for group in listing.facets
    }
    assert shown["difficulty"] == expected("difficulty", "difficulty")
    assert shown["category"] == expected("category", "category")
    assert shown["equipment"] == expected("equipment", "equipment")
    assert shown["muscle"] == expected("muscle", "muscles")
    assert shown["tag"] == expected("tag", "tags")
    assert listing.page.paginator.count == len(
        ExerciseFilterSet(response.wsgi_request.GET, queryset=published_exercises(language="en")).qs
    )
    durations = {int(option.value): option.count for option in listing.durations}
    for limit, count in durations.items():
        data = response.wsgi_request.GET.copy()
        data["duration"] = str(limit)
        filterset = ExerciseFilterSet(data, queryset=published_exercises(language="en"))
        assert count == filterset.qs.count(), limit


def test_a_search_runs_once_for_every_count(client, tagged_library):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/exercises/?q=move&tag=tag-01&difficulty=beginner")
    assert response.status_code == 200
    search_marker = " MATCH " if connection.vendor == "sqlite" else "@@"
    matches = search_exercises(Exercise.objects.all(), query="move", language="en")
    one_search = str(matches.order_by().values("pk").query)
    # The facet counts (an empty result then also counts what a search across languages
    # would find, a search of its own).
    counting = [
        query["sql"]
        for query in queries
        if "COUNT(" in query["sql"] and "WITH matching" in query["sql"]
    ]
    assert len(counting) == 1
    assert counting[0].count(search_marker) == one_search.count(search_marker) > 0


def test_list_page_stays_small_with_a_thousand_exercises_and_ten_thousand_tags(client):
    exercises = Exercise.objects.bulk_create(
        Exercise(
            title=f"Exercise {number:04d}",
            slug=f"exercise-{number:04d}",
            description="A short summary of the exercise for the card.",
            status=Status.PUBLISHED,
        )
        for number in range(1000)
    )
    if exercises[0].pk is None:  # databases that return no ids
        exercises = list(Exercise.objects.order_by("pk"))
    tags = Tag.objects.bulk_create(
        Tag(name=f"Keyword {number:05d}", slug=f"keyword-{number:05d}") for number in range(10_000)
    )
    if tags[0].pk is None:
        tags = list(Tag.objects.order_by("pk"))
    TaggedExercise.objects.bulk_create(
        TaggedExercise(content_object_id=exercises[number % 1000].pk, tag_id=tag.pk)
        for number, tag in enumerate(tags)
    )
    response = client.get("/exercises/")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1000
    assert len(re.findall(r'name="tag" value=', response.content.decode())) == FACET_OPTION_LIMIT
    assert len(response.content) < 80_000
