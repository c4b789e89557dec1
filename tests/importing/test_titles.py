"""Titles for files without one, found in the content with the file name as a hint."""

import pytest

from exercises.fileformat.titles import title_from_content


@pytest.mark.parametrize(
    ("stem", "equipment", "description", "title"),
    [
        (
            "benchpressclosegrip",
            "barbell",
            "Work the triceps with the Barbell Close Grip Bench Press, a narrow press.",
            "Barbell Close Grip Bench Press",
        ),
        (
            "abwheel",
            "bodyweight",
            "Train the whole core with the Ab Wheel Rollout, rolling out and back.",
            "Ab Wheel Rollout",
        ),
        (
            "behindtheneckpress",
            "band",
            "Press overhead with the Band Behind the Neck Press for strong shoulders.",
            "Band Behind the Neck Press",
        ),
        (
            "glutekickback",
            "band",
            "Use the Band Glute Kickback to work the hips.",
            "Band Glute Kickback",
        ),
    ],
)
def test_title_is_the_capitalised_phrase_that_spells_the_file_name(
    stem, equipment, description, title
):
    assert title_from_content(stem=stem, equipment=equipment, description=description, body="") == (
        title
    )


def test_without_a_phrase_the_file_name_is_cut_into_words_from_the_text():
    title = title_from_content(
        stem="bentoverrow",
        equipment="dumbbell",
        description="Hinge and row: bent at the hips, pull over the knee in a row.",
        body="",
    )

    assert title == "Dumbbell Bent Over Row"


def test_bodyweight_is_not_put_in_front_of_the_name():
    title = title_from_content(
        stem="pushup", equipment="bodyweight", description="push the floor, up you go", body=""
    )

    assert title == "Push Up"


def test_a_hyphenated_file_name_gives_its_words():
    assert title_from_content(stem="leg-kicks-back", equipment="", description="", body="") == (
        "Leg Kicks Back"
    )


def test_never_empty_even_with_nothing_to_go_on():
    assert (
        title_from_content(stem="zzqx", equipment="", description="", body="# Hello\n") == "Hello"
    )
    assert title_from_content(stem="zzqx", equipment="", description="", body="") == "Zzqx"
