"""Front-matter values to field values: no database needed."""

from datetime import date

import pytest

from exercises.fileformat.converters import (
    date_value,
    difficulty_value,
    language_value,
    modification_level,
    name_list,
    seconds_value,
    status_value,
)
from exercises.fileformat.errors import ImportFileError


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("beginner", "beginner"),
        ("Principiante", "beginner"),
        ("INTERMEDIO", "intermediate"),
        ("avanzado", "advanced"),
        ("Advanced", "advanced"),
        ("", ""),
        (None, ""),
    ],
)
def test_difficulty_accepts_english_and_spanish_in_any_case(written, expected):
    assert difficulty_value(written, "difficulty") == expected


def test_unknown_difficulty_names_the_field():
    with pytest.raises(ImportFileError) as error:
        difficulty_value("ninja", "difficulty")
    assert error.value.where == "difficulty"
    assert "ninja" in error.value.problem


@pytest.mark.parametrize(
    ("written", "seconds"),
    [
        (60, 60),
        ("60", 60),
        ("45s", 45),
        ("45 sec", 45),
        ("2 min", 120),
        ("1:30", 90),
        ("1m 30s", 90),
        ("PT1M30S", 90),
        ("3 minutos", 180),
        (None, None),
    ],
)
def test_duration_reads_seconds_minutes_and_clock_times(written, seconds):
    assert seconds_value(written, "duration") == seconds


@pytest.mark.parametrize("written", ["abc", "5 parsecs", [60], {"min": 1}, True, -5])
def test_unreadable_duration_names_the_field(written):
    with pytest.raises(ImportFileError) as error:
        seconds_value(written, "duration")
    assert error.value.where == "duration"


def test_name_list_takes_a_list_or_a_comma_separated_string_without_duplicates():
    assert name_list(["core", "Core", "hip flexors"], "muscles") == ["core", "hip flexors"]
    assert name_list("mat, ball", "equipment") == ["mat", "ball"]


def test_name_list_refuses_a_mapping():
    with pytest.raises(ImportFileError) as error:
        name_list({"back": True}, "muscles")
    assert error.value.where == "muscles"


@pytest.mark.parametrize(
    ("label", "level"),
    [
        ("Easier", "easier"),
        ("Más fácil", "easier"),
        ("mas facil", "easier"),
        ("Harder", "harder"),
        ("Más difícil", "harder"),
        ("Variación", "variation"),
        ("Single band", None),
    ],
)
def test_modification_levels_in_both_languages(label, level):
    assert modification_level(label) == level


def status(written, draft):
    return status_value(written, draft, status_where="status", draft_where="draft")


def test_status_is_published_unless_the_file_says_draft():
    assert status(None, None) == "published"
    assert status("draft", None) == "draft"
    assert status(None, True) == "draft"
    assert status("Published", False) == "published"


def test_language_accepts_codes_and_region_variants():
    assert language_value("es", "language") == "es"
    assert language_value("en-US", "language") == "en"
    with pytest.raises(ImportFileError):
        language_value("fr", "language")


def test_dates_from_yaml_dates_and_strings():
    assert date_value(date(2024, 1, 15), "date") == date(2024, 1, 15)
    assert date_value("2024-01-15T10:00:00Z", "date") == date(2024, 1, 15)
    with pytest.raises(ImportFileError):
        date_value("yesterday", "date")
