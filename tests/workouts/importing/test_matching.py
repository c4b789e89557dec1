"""Item names to exercises: same language first, then its translation; words folded."""

from workouts.matching import Candidate, ExerciseMatcher

CANDIDATES = [
    Candidate(1, "en", "The Hundred", "the-hundred", "hundred"),
    Candidate(2, "es", "El Cien", "el-cien", "hundred"),
    Candidate(3, "en", "Ball Hamstring Curl", "ball-hamstring-curl", "ham-curl"),
    Candidate(4, "es", "Curl de Isquiotibiales con Pelota", "curl-isquiotibiales", "ham-curl"),
    Candidate(5, "en", "Swan Dive", "swan-dive", "swan", aliases=("swan-prep",)),
    Candidate(6, "en", "Saw", "saw", ""),
    Candidate(7, "en", "Saw", "saw-2", ""),
]
MATCHER = ExerciseMatcher(CANDIDATES)


def pk(name: str, language: str) -> int | None:
    found = MATCHER.match(name, language)
    return found.pk if found else None


def test_a_title_matches_in_the_workouts_language_ignoring_case_accents_and_articles():
    assert pk("the hundred", "en") == 1
    assert pk("Hundred", "en") == 1
    assert pk("el cién", "es") == 2


def test_words_in_another_order_and_plurals_still_match():
    assert pk("Hamstring Curls with Ball", "en") == 3
    assert pk("Curl con Pelota de Isquiotibiales", "es") == 4


def test_a_name_in_the_other_language_leads_to_the_translation_when_there_is_one():
    assert pk("The Hundred", "es") == 2
    assert pk("El Cien", "en") == 1
    assert pk("Swan Dive", "es") == 5  # no Spanish translation: the exercise itself


def test_slugs_and_old_page_names_are_aliases():
    assert pk("swan prep", "en") == 5
    assert pk("ball-hamstring-curl", "en") == 3


def test_two_exercises_with_one_title_give_the_older_one():
    assert pk("Saw", "en") == 6


def test_names_nothing_matches_give_none_and_closest_titles_for_the_report():
    assert pk("Wall Angels", "en") is None
    assert pk("", "en") is None
    assert [c.title for c in MATCHER.closest("Swan Dives Prep", "en")] == ["Swan Dive"]
    assert MATCHER.closest("Zzz", "en") == []
