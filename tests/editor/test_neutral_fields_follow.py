"""Language-neutral fields follow the translation, unless an exercise opts out; the report
and the changelist flag translations that differ."""

import pytest
from django.urls import reverse

from exercises.models import Equipment, Muscle, VideoReference
from exercises.report.findings import FindingKind, content_report
from exercises.translation import exercise_translate
from tests.admin_forms import change_form_data, change_url
from tests.factories import make_full_exercise, make_term

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:exercises_exercise_changelist")


@pytest.fixture
def pair():
    english = make_full_exercise(title="Swan", translation_key="swan")
    spanish, _created = exercise_translate(source=english, language="es")
    return english, spanish


def save(client, exercise, **overrides):
    exercise.refresh_from_db()
    data = change_form_data(exercise, **{"initial-extra_front_matter": "{}"}) | overrides
    response = client.post(change_url(exercise), data, follow=True)
    assert response.status_code == 200
    assert not response.context.get("errors"), response.context.get("errors")
    return response


def test_changing_equipment_difficulty_and_videos_applies_them_to_the_translation(
    editor_client, pair
):
    english, spanish = pair
    band, glutes = make_term(Equipment, "Band"), make_term(Muscle, "Glutes")

    response = save(
        editor_client,
        english,
        difficulty="advanced",
        equipment=[str(band.pk)],
        muscles=[str(glutes.pk)],
        **{"videos-0-video_id": "dQw4w9WgXcQ"},
    )

    spanish.refresh_from_db()
    assert spanish.difficulty == "advanced"
    assert list(spanish.equipment.all()) == [band]
    assert list(spanish.muscles.all()) == [glutes]
    assert list(spanish.videos.values_list("video_id", flat=True)) == ["dQw4w9WgXcQ"]
    assert spanish.title == english.title  # the texts are not neutral: untouched
    messages = [str(message) for message in response.context["messages"]]
    assert any("to the translation “Swan” (es) too" in message for message in messages)
    assert not [f for f in content_report() if f.kind == FindingKind.NEUTRAL_FIELDS_DIFFER]


def test_a_save_that_changes_no_neutral_field_leaves_the_translation_alone(editor_client, pair):
    english, spanish = pair
    before = spanish.updated_at

    save(editor_client, english, description="Reworded.")

    spanish.refresh_from_db()
    assert spanish.updated_at == before


def test_an_exercise_that_opts_out_keeps_its_own_values_and_is_not_flagged(editor_client, pair):
    english, spanish = pair
    spanish.follows_translation = False
    spanish.save()

    save(editor_client, english, difficulty="beginner", duration="90")

    spanish.refresh_from_db()
    assert (spanish.difficulty, spanish.duration) == ("intermediate", 60)
    assert not [f for f in content_report() if f.kind == FindingKind.NEUTRAL_FIELDS_DIFFER]


def test_report_and_changelist_flag_translations_whose_neutral_fields_differ(editor_client, pair):
    english, spanish = pair
    spanish.difficulty = "beginner"
    spanish.save()
    spanish.equipment.add(make_term(Equipment, "Ring"))
    VideoReference.objects.filter(exercise=spanish).delete()
    make_full_exercise(title="Unrelated", translation_key="other")

    (finding,) = [f for f in content_report() if f.kind == FindingKind.NEUTRAL_FIELDS_DIFFER]
    assert finding.exercises[0].pk == english.pk and finding.exercises[1].pk == spanish.pk
    assert finding.detail["fields"] == ["difficulty", "equipment", "videos"]

    html = editor_client.get(CHANGELIST, {"translation_state": "neutral_differ"}).content
    listed = html.decode()
    assert "Language-neutral fields differ from the translation" in listed
    assert listed.count(f"/admin/exercises/exercise/{spanish.pk}/change/") == 1
    assert f"/admin/exercises/exercise/{english.pk}/change/" in listed
    assert "Unrelated" not in listed
