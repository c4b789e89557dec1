from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from exercises.models import Exercise, Status
from exercises.search import search_exercises
from exercises.translation import exercise_translate
from tests.factories import make_exercise, make_full_exercise

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:exercises_exercise_changelist")


def test_translate_copies_everything_language_neutral_into_a_spanish_draft():
    source = make_full_exercise(title="The Hundred", slug="the-hundred", translation_key="")
    source.body = "Breathe in for five."
    source.save()

    spanish, created = exercise_translate(source=source, language="es")

    source.refresh_from_db()
    assert created
    assert source.translation_key == "the-hundred"
    assert spanish.translation_key == "the-hundred"
    assert spanish.translation_of == source
    assert (spanish.language, spanish.status, spanish.slug) == ("es", Status.DRAFT, "the-hundred")
    assert (spanish.difficulty, spanish.duration, spanish.category) == (
        source.difficulty,
        source.duration,
        source.category,
    )
    assert set(spanish.equipment.all()) == set(source.equipment.all())
    assert set(spanish.muscles.all()) == set(source.muscles.all())
    assert [v.video_id for v in spanish.videos.all()] == ["O5-ROTyo2dA"]
    assert [s.text for s in spanish.steps.all()] == ["Lie down.", "Lift the legs."]
    assert [f.question for f in spanish.faqs.all()] == ["Why?"]
    assert [m.name for m in spanish.modifications.all()] == ["Bent knees"]
    assert spanish.body == "Breathe in for five."
    assert list(spanish.tags.all()) == []


def test_the_draft_stores_its_rendered_body_and_is_in_the_search_index():
    source = make_full_exercise(title="Saw", slug="saw", translation_key="saw")
    source.body = "Twist **and** reach."
    source.save()

    spanish, _ = exercise_translate(source=source, language="es")

    assert "<strong>and</strong>" in Exercise.objects.get(pk=spanish.pk).body_html
    found = search_exercises(Exercise.objects.all(), query="reach", language="es")
    assert spanish in found


def test_translating_twice_returns_the_existing_translation():
    source = make_exercise(title="Saw", translation_key="saw")
    first, created_first = exercise_translate(source=source, language="es")
    second, created_second = exercise_translate(source=source, language="es")
    assert (created_first, created_second) == (True, False)
    assert first == second
    assert Exercise.objects.filter(language="es").count() == 1


def test_translation_gets_a_free_slug_and_a_generated_key_that_is_not_taken():
    make_exercise(title="Saw", slug="saw", language="es", translation_key="saw")
    source = make_exercise(title="Saw", slug="saw", translation_key="")
    spanish, _created = exercise_translate(source=source, language="es")
    assert spanish.slug == "saw-2"
    assert spanish.translation_key.startswith("saw-")
    assert spanish.translation_key != "saw"


def test_translating_into_the_same_language_is_refused():
    source = make_exercise(title="Saw")
    with pytest.raises(ValidationError):
        exercise_translate(source=source, language="en")


def test_translate_button_creates_the_draft_and_opens_it(editor_client):
    source = make_full_exercise(title="Teaser", translation_key="")
    change_url = reverse("admin:exercises_exercise_change", args=[source.pk])
    page = editor_client.get(change_url).content.decode()
    translate_url = reverse("admin:exercises_exercise_translate", args=[source.pk, "es"])
    assert f'action="{translate_url}"' in page

    response = editor_client.post(translate_url)

    spanish = Exercise.objects.get(language="es")
    assert response.status_code == 302
    assert response.url == reverse("admin:exercises_exercise_change", args=[spanish.pk])
    assert editor_client.get(translate_url).status_code == 405


def test_translation_change_form_shows_the_original_text_beside_the_fields(editor_client):
    source = make_full_exercise(title="Teaser", description="Roll up into a V.")
    spanish, _created = exercise_translate(source=source, language="es")
    page = editor_client.get(
        reverse("admin:exercises_exercise_change", args=[spanish.pk])
    ).content.decode()
    assert page.count('aria-label="Original in English"><span>English</span><p lang="en">') >= 4
    assert "Roll up into a V." in page
    assert "Lift the legs." in page


def test_translate_action_makes_drafts_for_the_selection(editor_client):
    first = make_exercise(title="One", translation_key="")
    second = make_exercise(title="Two", translation_key="two")
    response = editor_client.post(
        CHANGELIST,
        {"action": "translate_selected", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )
    assert "2 translation drafts created." in response.content.decode()
    assert Exercise.objects.filter(language="es").count() == 2


def test_filter_needs_translation_lists_exercises_without_another_language():
    alone = make_exercise(title="Alone", translation_key="alone")
    paired = make_exercise(title="Paired", translation_key="pair")
    make_exercise(title="Pareado", slug="pareado", language="es", translation_key="pair")
    no_key = make_exercise(title="No key", translation_key="")
    assert set(Exercise.objects.missing_translation()) == {alone, no_key}
    assert paired not in Exercise.objects.missing_translation()


def test_filter_outdated_lists_translations_whose_original_changed_later():
    original = make_exercise(title="Saw", translation_key="saw")
    spanish, _created = exercise_translate(source=original, language="es")
    assert list(Exercise.objects.with_outdated_translation()) == []

    Exercise.objects.filter(pk=original.pk).update(updated_at=timezone.now() + timedelta(minutes=1))
    assert list(Exercise.objects.with_outdated_translation()) == [spanish]


def test_imported_spanish_version_is_compared_with_the_english_one():
    english = make_exercise(title="Saw", translation_key="saw")
    spanish = make_exercise(
        title="La sierra", slug="la-sierra", language="es", translation_key="saw"
    )
    Exercise.objects.filter(pk=english.pk).update(updated_at=timezone.now() + timedelta(hours=1))
    assert list(Exercise.objects.with_outdated_translation()) == [spanish]


def test_changelist_filters_and_column_show_translation_state(editor_client):
    original = make_exercise(title="Saw", translation_key="saw")
    exercise_translate(source=original, language="es")
    Exercise.objects.filter(pk=original.pk).update(updated_at=timezone.now() + timedelta(minutes=1))
    make_exercise(title="Lonely", translation_key="")

    outdated = editor_client.get(CHANGELIST, {"translation_state": "outdated"})
    needed = editor_client.get(CHANGELIST, {"translation_state": "needed"})

    assert [e.title for e in outdated.context["cl"].result_list] == ["Saw"]
    assert '<span class="translation-state--outdated">outdated</span>' in outdated.content.decode()
    assert [e.title for e in needed.context["cl"].result_list] == ["Lonely"]
    assert '<span class="translation-state--missing">missing</span>' in needed.content.decode()
