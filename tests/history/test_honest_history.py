"""A save records what the editor changed, and the compare view shows only that."""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from reversion.models import Version

from exercises.models import Exercise, Step
from tests.admin_forms import change_form_data, change_url
from tests.factories import make_full_exercise

pytestmark = pytest.mark.django_db
migration = importlib.import_module("exercises.migrations.0015_normalise_stored_text")

BODY = "## Setup\n\nLie on the mat.  \nArms long.\n\n## Breathing\n\nIn for five, out for five."


def as_browser_posts(text: str) -> str:
    """A browser sends a textarea's lines joined by CR LF."""
    return text.replace("\n", "\r\n")


def browser_form_data(exercise: Exercise, **overrides) -> dict:
    # The page also carries the initial value of a field with a callable default.
    data = change_form_data(exercise, **{"initial-extra_front_matter": "{}"})
    return {
        key: as_browser_posts(value) if isinstance(value, str) else value
        for key, value in data.items()
    } | overrides


def save(client, exercise: Exercise, **overrides) -> str:
    exercise.refresh_from_db()
    response = client.post(change_url(exercise), browser_form_data(exercise, **overrides))
    assert response.status_code == 302, response.content.decode()[:3000]
    return LogEntry.objects.filter(object_id=str(exercise.pk)).latest("pk").get_change_message()


def compare_page(client, exercise: Exercise) -> str:
    newest, previous = Version.objects.get_for_object(exercise)[:2]
    url = reverse("admin:exercises_exercise_compare", args=[exercise.pk])
    response = client.get(url, {"version_id1": previous.pk, "version_id2": newest.pk})
    assert response.status_code == 200
    return response.content.decode()


def changed_fields(compare_page: str) -> list[str]:
    return re.findall(r"<h3>([^<]*)", compare_page)


@pytest.fixture
def exercise():
    exercise = make_full_exercise(
        title="Shoulder Bridge", body=BODY, description="Lift the hips.\nHold."
    )
    Step.objects.filter(exercise=exercise, position=2).update(text="Lift.\nThen lower.")
    return exercise


def test_saving_the_change_form_unchanged_records_no_change_and_no_diff(editor_client, exercise):
    save(editor_client, exercise)  # the first admin save: the revision to compare with

    message = save(editor_client, exercise)

    assert message == "No fields changed."
    exercise.refresh_from_db()
    assert exercise.body == BODY
    page = compare_page(editor_client, exercise)
    assert changed_fields(page) == []
    assert "There are no differences." in page


def test_changing_the_description_records_the_description_only(editor_client, exercise):
    save(editor_client, exercise)

    message = save(editor_client, exercise, description="Lift the hips high.")

    assert message == "Changed Description."
    assert changed_fields(compare_page(editor_client, exercise)) == ["description"]


def test_text_typed_with_trailing_spaces_and_windows_line_endings_is_stored_normalised(
    editor_client, exercise
):
    save(
        editor_client,
        exercise,
        body="First line.   \r\nSecond line.\t\r\n\r\n",
        **{
            "steps-0-text": "Lie down.  \r\n",
        },
    )
    exercise.refresh_from_db()
    assert exercise.body == "First line.  \nSecond line."
    assert exercise.steps.get(position=1).text == "Lie down."


def test_compare_view_ignores_line_ending_differences_in_an_old_revision(editor_client, exercise):
    save(editor_client, exercise)
    # A revision saved before text was normalised holds the body with CR LF line endings.
    old = Version.objects.get_for_object(exercise).first()
    old.serialized_data = old.serialized_data.replace("\\n", "\\r\\n")
    old.save()
    assert "\r\n" in old.field_dict["body"]

    save(editor_client, exercise, description="Lift the hips, then hold.")

    page = compare_page(editor_client, exercise)
    assert changed_fields(page) == ["description"]


def test_data_migration_normalises_stored_text(exercise):
    Exercise.objects.filter(pk=exercise.pk).update(
        body=as_browser_posts(BODY) + "   \r\n", description="Lift.  \r\n\r\n"
    )
    Step.objects.filter(exercise=exercise, position=2).update(text="Lift.\r\nThen lower. ")

    migration.normalise_stored_text(apps, None)

    exercise.refresh_from_db()
    assert exercise.body == BODY
    assert exercise.description == "Lift."
    assert exercise.steps.get(position=2).text == "Lift.\nThen lower."
