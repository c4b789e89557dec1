import pytest
from django.urls import reverse

from exercises.models import FAQ, Exercise, Step
from tests.admin_forms import change_form_data, change_url
from tests.factories import make_full_exercise

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:exercises_exercise_changelist")


def test_saving_renumbers_positions_in_the_order_given(editor_client):
    exercise = make_full_exercise(title="Saw")
    first, second = exercise.steps.order_by("position")
    data = change_form_data(exercise, **{"steps-0-position": "30", "steps-1-position": "7"})

    response = editor_client.post(change_url(exercise), data)

    assert response.status_code == 302
    assert list(exercise.steps.order_by("position").values_list("pk", "position")) == [
        (second.pk, 1),
        (first.pk, 2),
    ]


def test_change_form_of_a_hundred_step_exercise_saves(editor_client):
    exercise = make_full_exercise(title="Long Flow")
    Step.objects.bulk_create(
        Step(exercise=exercise, position=number, text=f"Step {number}.") for number in range(3, 101)
    )
    # With 100 FAQs as well the form posts more than Django's default 1,000 fields.
    FAQ.objects.bulk_create(
        FAQ(exercise=exercise, position=number, question=f"Q{number}?", answer="A.")
        for number in range(2, 101)
    )
    assert editor_client.get(change_url(exercise)).status_code == 200
    data = change_form_data(exercise, **{"steps-99-text": "The last step, reworded."})
    assert len(data) + sum(len(v) - 1 for v in data.values() if isinstance(v, list)) > 1000

    response = editor_client.post(change_url(exercise), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert exercise.steps.count() == 100
    assert exercise.steps.get(position=100).text == "The last step, reworded."


def test_changelist_shows_the_editors_columns_and_searchable_filters(editor_client):
    make_full_exercise(title="A Rather Long Exercise Title For The Column")
    page = editor_client.get(CHANGELIST).content.decode()
    for column in ["thumbnail", "title", "language_code", "translation_status", "difficulty"]:
        assert f"column-{column}" in page
    assert page.count('class="searchable-filter__input"') == 2
    assert "admin-extra/editor.css" in page
    assert "admin-extra/searchable-filters.js" in page


def test_changelist_query_count_does_not_grow_with_rows(
    editor_client, django_assert_max_num_queries
):
    for number in range(30):
        make_full_exercise(title=f"Exercise {number}", translation_key=f"key-{number}")
    # The first view after a change also works out the term filters' choices (3) and
    # the content version they are kept for (2); one query counts the exercises of each
    # language for the tabs above the list; the page's ids, then its rows and their
    # translation state.
    with django_assert_max_num_queries(18):
        editor_client.get(CHANGELIST)
    with django_assert_max_num_queries(13):
        response = editor_client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == 30


def test_inline_text_areas_start_one_line_high(editor_client):
    exercise = make_full_exercise(title="Saw")
    page = editor_client.get(change_url(exercise)).content.decode()
    assert 'name="steps-0-text" cols="40" rows="1" class="grow' in page or (
        'class="grow' in page and 'rows="1"' in page
    )
    assert Exercise.objects.count() == 1
