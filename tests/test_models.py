from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from exercises.models import Exercise, Step, VideoReference
from tests.factories import make_exercise, make_full_exercise

pytestmark = pytest.mark.django_db


def test_published_queryset_excludes_drafts():
    visible = make_exercise(title="Visible")
    make_exercise(title="Hidden", status="draft")

    assert list(Exercise.objects.published()) == [visible]


def test_published_queryset_chains_with_language():
    english = make_exercise(title="Roll Up", slug="roll-up", language="en")
    make_exercise(title="Enrollar", slug="roll-up", language="es")
    make_exercise(title="Draft", slug="draft", language="en", status="draft")

    assert list(Exercise.objects.published().in_language("en")) == [english]


def test_same_slug_is_allowed_in_each_language():
    make_exercise(slug="the-hundred", language="en")
    make_exercise(slug="the-hundred", language="es")

    assert Exercise.objects.filter(slug="the-hundred").count() == 2


def test_duplicate_slug_in_one_language_is_rejected_by_the_database():
    make_exercise(slug="the-hundred", language="en")

    with pytest.raises(IntegrityError), transaction.atomic():
        make_exercise(slug="the-hundred", language="en")


def test_duplicate_slug_in_one_language_fails_validation_with_a_message():
    make_exercise(slug="the-hundred", language="en")
    duplicate = Exercise(title="Another", slug="the-hundred", language="en")

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()

    assert "__all__" in error.value.message_dict


def test_unknown_difficulty_fails_validation():
    exercise = Exercise(title="Odd", slug="odd", difficulty="impossible")

    with pytest.raises(ValidationError) as error:
        exercise.full_clean()

    assert "difficulty" in error.value.message_dict


def test_unknown_language_is_rejected_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_exercise(language="fr")


@pytest.mark.parametrize(
    "video_id", ["short", "O5-ROTyo2dA-extra", "O5-ROTyo2d<", "javascript:x", ""]
)
def test_invalid_youtube_id_fails_validation(video_id):
    exercise = make_exercise()
    video = VideoReference(exercise=exercise, video_id=video_id)

    with pytest.raises(ValidationError) as error:
        video.full_clean()

    assert "video_id" in error.value.message_dict


def test_invalid_youtube_id_is_rejected_by_the_database():
    exercise = make_exercise()

    with pytest.raises(IntegrityError), transaction.atomic():
        VideoReference.objects.create(exercise=exercise, video_id="not-an-id")


def test_valid_youtube_id_builds_privacy_friendly_urls():
    exercise = make_exercise()
    video = VideoReference(exercise=exercise, video_id="O5-ROTyo2dA", start=30)
    video.full_clean()

    assert video.embed_url.startswith("https://www.youtube-nocookie.com/embed/O5-ROTyo2dA")
    assert "start=30" in video.embed_url
    assert video.watch_url == "https://www.youtube.com/watch?v=O5-ROTyo2dA&t=30s"
    assert video.thumbnail_url == "https://i.ytimg.com/vi/O5-ROTyo2dA/hqdefault.jpg"


def test_other_provider_video_needs_a_url():
    exercise = make_exercise()
    video = VideoReference(exercise=exercise, provider="url")

    with pytest.raises(ValidationError) as error:
        video.full_clean()

    assert "url" in error.value.message_dict


def test_steps_come_back_in_position_order_whatever_the_insert_order():
    exercise = make_exercise()
    Step.objects.create(exercise=exercise, position=3, text="third")
    Step.objects.create(exercise=exercise, position=1, text="first")
    Step.objects.create(exercise=exercise, position=2, text="second")

    assert [step.text for step in exercise.steps.all()] == ["first", "second", "third"]


def test_steps_with_equal_positions_keep_their_creation_order():
    exercise = make_exercise()
    for text in ["a", "b", "c"]:
        Step.objects.create(exercise=exercise, text=text)

    assert [step.text for step in exercise.steps.all()] == ["a", "b", "c"]


def test_translations_are_the_other_languages_with_the_same_key():
    english = make_exercise(slug="swan", language="en", translation_key="swan")
    spanish = make_exercise(slug="cisne", language="es", translation_key="swan")
    second = make_exercise(
        slug="swan-2", language="en", translation_key="swan", is_primary_translation=False
    )
    make_exercise(slug="other", language="es", translation_key="other")

    assert list(english.translations()) == [spanish]
    # Only the chosen English one is the translation, so the links go both ways.
    assert list(spanish.translations()) == [english]
    assert list(second.translations()) == []


def test_one_language_has_one_chosen_translation_per_key():
    make_exercise(slug="swan", language="en", translation_key="swan")

    with pytest.raises(IntegrityError), transaction.atomic():
        make_exercise(slug="swan-2", language="en", translation_key="swan")


def test_exercise_without_translation_key_has_no_translations():
    make_exercise(slug="a", language="es")
    exercise = make_exercise(slug="a", language="en")

    assert not exercise.translations().exists()


def test_absolute_url_follows_the_exercise_language():
    assert make_exercise(slug="swan", language="en").get_absolute_url() == "/exercises/swan/"
    assert make_exercise(slug="cisne", language="es").get_absolute_url() == "/es/ejercicios/cisne/"


def test_deleting_an_exercise_deletes_its_children():
    exercise = make_full_exercise()

    exercise.delete()

    assert not Step.objects.exists()
    assert not VideoReference.objects.exists()


def test_newest_first_puts_the_latest_published_first_and_undated_last(db):
    older = make_exercise(title="Older", published_on=date(2023, 1, 1))
    undated = make_exercise(title="Undated")
    newer = make_exercise(title="Newer", published_on=date(2024, 1, 1))

    assert list(Exercise.objects.newest_first()) == [newer, older, undated]


def test_translation_querysets_split_exercises_by_whether_another_language_shares_the_key(db):
    swan = make_exercise(slug="swan", language="en", translation_key="swan")
    cisne = make_exercise(slug="cisne", language="es", translation_key="swan")
    saw = make_exercise(slug="saw", language="en", translation_key="saw")
    keyless = make_exercise(slug="roll-up", language="en")

    assert set(Exercise.objects.with_translation()) == {swan, cisne}
    assert set(Exercise.objects.missing_translation()) == {saw, keyless}
    assert list(Exercise.objects.in_language("en").with_translation()) == [swan]
