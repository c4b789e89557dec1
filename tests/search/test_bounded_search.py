"""A search on the site ranks, counts and narrows a bounded number of candidates, titles
first: a word found in most exercises costs what that many matches cost, the page says
when more exercises match, and the best matches are still listed first."""

import re

import pytest

from exercises.models import Exercise
from exercises.search import bounded_search, index_exercises, search_exercises
from exercises.site import selectors
from publishing import pipeline
from tests.factories import make_exercise
from tests.site.test_query_counts import count_queries

pytestmark = pytest.mark.django_db


def library(size: int, *, first: int = 0, in_title: int = 2, language: str = "en") -> None:
    """``size`` exercises that say "pivot" in their text, ``in_title`` of them also in
    their title, made before the others so that the index does not hand them out first."""
    with pipeline.batch():
        for number in range(first, first + size):
            titled = number >= first + size - in_title
            make_exercise(
                title=f"Pivot Lunge {number:03d}" if titled else f"Lunge {number:03d}",
                slug=f"move-{number:03d}",
                description="Turn on the pivot foot.",
                difficulty="beginner" if number % 2 else "advanced",
                language=language,
            )
        if not first:
            make_exercise(title="Plank", slug="plank", description="Hold still.")
    index_exercises(Exercise.objects.values_list("pk", flat=True))


def published() -> object:
    return Exercise.objects.published().in_language("en")


def test_the_candidates_take_the_title_matches_first_whatever_the_index_order():
    library(12, in_title=2)

    found = bounded_search(published(), query="pivot", language="en", limit=3)

    titles = [exercise.title for exercise in found.matches]
    assert found.capped
    assert len(titles) == 3
    assert titles[:2] == ["Pivot Lunge 010", "Pivot Lunge 011"]


def test_a_search_within_its_candidates_is_not_capped_and_ranks_every_match():
    library(5, in_title=1)

    found = bounded_search(published(), query="pivot", language="en", limit=5)
    every = search_exercises(published(), query="pivot", language="en")

    assert not found.capped
    assert list(found.matches) == list(every)


def test_a_capped_search_says_so_and_lists_the_best_matches_first(client, monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_CANDIDATES", 4)
    library(12, in_title=2)

    response = client.get("/exercises/", {"q": "pivot"})

    listing = response.context["listing"]
    assert listing.search_capped
    assert listing.page.paginator.count == 4
    titles = [exercise.title for exercise in listing.page.object_list]
    assert titles[:2] == ["Pivot Lunge 010", "Pivot Lunge 011"]
    text = response.content.decode()
    assert "More than 4 exercises match “pivot”: the 4 closest are listed and counted" in text
    count = re.search(r'id="results-count"[^>]*>\s*(.*?)\s*</p>', text, re.S).group(1)
    assert count == "More than 4 exercises"


def test_a_capped_spanish_search_counts_more_than_its_candidates_in_spanish(client, monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_CANDIDATES", 4)
    library(12, in_title=2, language="es")

    text = client.get("/es/ejercicios/", {"q": "pivot"}).content.decode()

    count = re.search(r'id="results-count"[^>]*>\s*(.*?)\s*</p>', text, re.S).group(1)
    assert count == "Más de 4 ejercicios"


def test_the_facet_counts_of_a_capped_search_count_its_candidates(client, monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_CANDIDATES", 4)
    library(12, in_title=2)

    listing = client.get("/exercises/", {"q": "pivot"}).context["listing"]

    difficulty = {group.name: group for group in listing.facets}["difficulty"]
    assert sum(option.count for option in difficulty.options) == 4


def test_a_search_with_fewer_matches_than_candidates_says_nothing_of_a_cap(client):
    library(6, in_title=2)

    response = client.get("/exercises/", {"q": "pivot"})

    assert not response.context["listing"].search_capped
    assert response.context["listing"].page.paginator.count == 6
    assert "closest are listed" not in response.content.decode()


def test_the_spanish_page_says_it_in_spanish(client, monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_CANDIDATES", 2)
    with pipeline.batch():
        for number in range(4):
            make_exercise(
                title=f"Giro {number}", slug=f"giro-{number}", language="es", description="Gira."
            )
    index_exercises(Exercise.objects.values_list("pk", flat=True))

    text = client.get("/es/ejercicios/", {"q": "giro"}).content.decode()

    assert "Más de 2 ejercicios coinciden con «giro»" in text


@pytest.mark.parametrize("url", ["/exercises/?q=pivot", "/exercises/?q=pivot&difficulty=beginner"])
def test_a_common_word_search_costs_the_same_queries_at_two_sizes(client, monkeypatch, url):
    monkeypatch.setattr(selectors, "SEARCH_CANDIDATES", 4)
    library(6)
    small = count_queries(client, url)
    library(30, first=6)

    assert count_queries(client, url) == small
