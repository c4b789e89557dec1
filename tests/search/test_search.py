"""Search on whichever database runs the suite (SQLite or PostgreSQL)."""

import pytest
from django.db import connection

from exercises.models import Exercise
from exercises.search import (
    did_you_mean,
    index_exercises,
    rebuild_search_index,
    search_exercises,
    suggest_exercises,
)
from exercises.search.text import fold_spanish_word, highlight
from tests.factories import make_exercise

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigram typo tolerance is PostgreSQL's"
)


def found(query: str, language: str = "en") -> list[str]:
    published = Exercise.objects.published().in_language(language)
    return [
        exercise.title for exercise in search_exercises(published, query=query, language=language)
    ]


def test_title_matches_rank_above_description_matches(searchable):
    assert found("plank") == ["Plank", "Side Plank", "Ball Knee Tuck"]


def test_every_exercise_has_a_rank(searchable):
    published = Exercise.objects.published().in_language("en")
    ranks = [row.search_rank for row in search_exercises(published, query="plank", language="en")]
    assert ranks == sorted(ranks, reverse=True)
    assert ranks[0] > ranks[-1]


@pytest.mark.parametrize("query", ["planks", "PLANK", "plank!", "pla"])
def test_plurals_case_punctuation_and_prefixes_find_the_same(searchable, query):
    assert found(query)[:2] == ["Plank", "Side Plank"]


@pytest.mark.parametrize("query", ["gluteos", "glúteos", "GLÚTEO", "glúteo"])
def test_spanish_accents_and_plurals_do_not_matter(searchable, query):
    assert found(query, "es") == ["Puente de glúteos"]


@pytest.mark.parametrize("query", ["rotación", "rotacion", "rotaciones", "ROTACIÓN"])
def test_accented_query_finds_unaccented_text(searchable, query):
    assert found(query, "es") == ["Rotacion de columna"]


@pytest.mark.parametrize("query", ["pie", "pies", "luz", "luces"])
def test_spanish_plurals_the_stemmers_miss_are_folded(searchable, query):
    assert found(query, "es") == ["Rodamiento de pies"]


def test_search_reaches_steps_tags_and_equipment(searchable):
    assert found("breathe") == ["The Hundred"]
    assert found("extension") == ["Swan Dive"]
    assert found("mat") == ["Swan Dive"]


def test_all_words_must_match(searchable):
    assert found("side plank") == ["Side Plank"]
    assert found("plank swan") == []


def test_search_stays_in_its_language(searchable):
    assert found("plancha") == []
    assert found("plancha", "es") == ["Plancha lateral"]


def test_drafts_are_never_found_or_suggested(searchable):
    assert "Plank Secret" not in found("plank secret") + found("secret")
    assert "Plancha secreta" not in found("secreta", "es")
    assert suggest_exercises(query="secr", language="en") == []


def test_operators_and_quotes_are_plain_words(searchable):
    for query in ['"plank', "plank*", "(plank", "plank:*", "'plank' & | !", "-plank", "^plank"]:
        assert "Plank" in found(query), query


def test_an_empty_query_leaves_the_list_alone(searchable):
    published = Exercise.objects.published()
    assert search_exercises(published, query="  ?! ", language="en") is published


@postgres_only
def test_a_misspelt_title_still_finds_the_exercise_on_postgresql(searchable):
    assert found("hundread") == ["The Hundred"]
    assert found("plnk") == []  # too far from anything


@postgres_only
def test_near_titles_join_only_when_full_text_finds_little(searchable):
    make_exercise(title="Korkscrew")  # a misspelt title, similar to "corkscrew"
    make_exercise(title="Corkscrew")
    index_exercises(Exercise.objects.values_list("pk", flat=True))
    assert found("corkscrew") == ["Corkscrew", "Korkscrew"]

    make_exercise(title="Corkscrew Prep")
    make_exercise(title="Corkscrew Advanced")
    index_exercises(Exercise.objects.values_list("pk", flat=True))
    assert found("corkscrew") == ["Corkscrew", "Corkscrew Advanced", "Corkscrew Prep"]


def test_did_you_mean_offers_the_closest_title_word(searchable):
    assert did_you_mean(query="hundread", language="en") == "hundred"
    assert did_you_mean(query="side plnak", language="en") == "side plank"
    assert did_you_mean(query="plank", language="en") is None
    assert did_you_mean(query="gluteso", language="es") == "glúteos"


def test_suggestions_are_the_best_matches_first(searchable):
    titles = [exercise.title for exercise in suggest_exercises(query="pla", language="en")]
    assert titles == ["Plank", "Side Plank", "Ball Knee Tuck"]
    assert suggest_exercises(query="p", language="en") == []


def test_suggestions_are_limited(searchable):
    for number in range(10):
        make_exercise(title=f"Roll Over {number}")
    index_exercises(Exercise.objects.values_list("pk", flat=True))
    assert len(suggest_exercises(query="roll", language="en")) == 8


def test_index_follows_edits_and_deletions(searchable):
    swan = searchable["swan"]
    swan.description = "Kick both legs."
    swan.save()  # the pipeline indexes it when the save commits
    assert found("legs") == ["Swan Dive"]
    swan.delete()
    assert found("legs") == []


def test_index_exercises_refreshes_what_was_written_around_the_pipeline(searchable):
    swan = searchable["swan"]
    Exercise.objects.filter(pk=swan.pk).update(description="Kick both legs.")
    assert found("legs") == []  # update() reports no change
    index_exercises([swan.pk])
    assert found("legs") == ["Swan Dive"]


def test_rebuild_indexes_everything(searchable):
    corkscrew = make_exercise(title="Corkscrew")
    Exercise.objects.filter(pk=corkscrew.pk).update(description="Circle both legs.")
    assert found("circle") == []
    assert rebuild_search_index() == Exercise.objects.count()
    assert found("circle") == ["Corkscrew"]


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("glúteos", "gluteo"),
        ("flexiones", "flexion"),
        ("flexión", "flexion"),
        ("veces", "vez"),
        ("piernas", "pierna"),
        ("tríceps", "triceps"),
        ("mes", "mes"),
    ],
)
def test_spanish_folding_reaches_a_common_singular(word, folded):
    assert fold_spanish_word(word) == folded


def test_highlight_escapes_then_marks_matches():
    assert highlight("Side <b>Plank</b> & planks", "plank") == (
        "Side &lt;b&gt;<mark>Plank</mark>&lt;/b&gt; &amp; <mark>planks</mark>"
    )
    assert highlight("Puente de glúteos", "gluteo") == "Puente de <mark>glúteos</mark>"
    assert highlight("<i>", "") == "&lt;i&gt;"
