"""The exercises items may name are loaded in two queries, whatever their number."""

import pytest

from exercises.models import OldAddress
from tests.factories import make_exercise
from workouts.candidates import exercise_candidates, exercise_matcher

pytestmark = pytest.mark.django_db


def test_candidates_carry_titles_translation_keys_and_old_page_names(django_assert_num_queries):
    hundred = make_exercise(title="The Hundred", slug="the-hundred", translation_key="hundred")
    cien = make_exercise(title="El Cien", slug="el-cien", language="es", translation_key="hundred")
    OldAddress.objects.create(path="/exercises/mat/hundred-pumps/", exercise=hundred)

    with django_assert_num_queries(2):
        matcher = exercise_matcher()

    assert matcher.match("Hundred Pumps", "en").pk == hundred.pk
    assert matcher.match("The Hundred", "es").pk == cien.pk


@pytest.mark.parametrize("count", [3, 30])
def test_loading_candidates_costs_two_queries_at_any_size(count, django_assert_num_queries):
    for number in range(count):
        make_exercise(title=f"Move {number}", slug=f"move-{number}")

    with django_assert_num_queries(2):
        candidates = exercise_candidates()

    assert len(candidates) == count
