"""Normalised text: one spelling of line endings, trailing spaces and accents."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from exercises.models import FAQ, Exercise, Step
from exercises.text.normalise import normalise_text, normalised_text_fields


def test_windows_and_old_mac_line_endings_become_unix_ones():
    assert normalise_text("one\r\ntwo\rthree\u2028four") == "one\ntwo\nthree\nfour"


def test_trailing_spaces_go_but_a_markdown_hard_break_stays_as_two_spaces():
    text = "Lie down.   \nLift the legs.\t\nBreathe out.    \n\nRest. "
    assert normalise_text(text) == "Lie down.  \nLift the legs.\nBreathe out.\n\nRest."


def test_blank_lines_at_either_end_go_indentation_and_inner_blank_lines_stay():
    text = "\n\n  \n- one\n\n      code\n\n\n\n"
    assert normalise_text(text) == "- one\n\n      code"


def test_accents_are_composed_and_a_byte_order_mark_dropped():
    decomposed = unicodedata.normalize("NFD", "\ufeffGlúteos y rodillas")
    assert normalise_text(decomposed) == "Glúteos y rodillas"
    assert len(normalise_text(decomposed)) == len("Glúteos y rodillas")


@given(st.text(alphabet=st.sampled_from("ab é\u0301\r\n\t \u2028\ufeff#-")))
def test_normalising_twice_gives_what_normalising_once_gave(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert "\r" not in once and "\ufeff" not in once


def test_the_normalised_fields_are_the_editable_multi_line_ones():
    assert normalised_text_fields(Exercise) == ["description", "body"]
    assert normalised_text_fields(Step) == ["text"]
    assert normalised_text_fields(FAQ) == ["answer"]
