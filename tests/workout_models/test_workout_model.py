"""The Workout model of the contract: published content through the shared mixins, with
ordered sections of ordered items whose durations add up to the total."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from exercises.models import Equipment, Status
from publishing.registry import content_models
from publishing.scheduling import publish_scheduled
from tests.factories import make_exercise, make_term
from workouts.models import (
    ItemKind,
    SectionKind,
    Workout,
    WorkoutCategory,
    WorkoutCategoryGroup,
    WorkoutItem,
    WorkoutSection,
    WorkoutVideo,
)

pytestmark = pytest.mark.django_db


def make_workout(**fields) -> Workout:
    fields.setdefault("title", "Core in five")
    fields.setdefault("slug", "core-in-five")
    fields.setdefault("language", "en")
    fields.setdefault("status", Status.PUBLISHED)
    return Workout.objects.create(**fields)


def add_items(workout: Workout, *durations: int | None) -> WorkoutSection:
    section = WorkoutSection.objects.create(workout=workout, kind=SectionKind.MAIN, position=1)
    for position, duration in enumerate(durations, start=1):
        WorkoutItem.objects.create(
            section=section, position=position, name=f"Move {position}", duration=duration
        )
    return section


def test_total_seconds_adds_up_every_item_of_every_section():
    workout = make_workout()
    add_items(workout, 30, 45, None)
    cool_down = WorkoutSection.objects.create(
        workout=workout, kind=SectionKind.COOL_DOWN, position=2
    )
    WorkoutItem.objects.create(section=cool_down, kind=ItemKind.COOL_DOWN, name="Hug", duration=60)

    assert workout.total_seconds() == 135
    assert make_workout(slug="empty").total_seconds() == 0


def test_total_seconds_reads_prefetched_items_without_a_query(django_assert_num_queries):
    workout = make_workout()
    add_items(workout, 30, 45, None)  # an item without a time counts for none
    loaded = Workout.objects.with_structure().get(pk=workout.pk)

    with django_assert_num_queries(0):
        assert loaded.total_seconds() == 75


def test_published_and_in_language_filter_workouts():
    live = make_workout()
    make_workout(slug="draft", status=Status.DRAFT)
    make_workout(slug="later", status=Status.DRAFT, publish_at=timezone.now() + timedelta(1))
    spanish = make_workout(slug="nucleo", language="es")

    assert set(Workout.objects.published()) == {live, spanish}
    assert list(Workout.objects.published().in_language("es")) == [spanish]


def test_translations_link_the_two_languages_both_ways():
    english = make_workout(translation_key="core-5")
    spanish = make_workout(slug="nucleo-5", language="es", translation_key="core-5")

    assert list(english.translations()) == [spanish]
    assert list(spanish.translations()) == [english]
    assert english.translation_in("es") == spanish
    assert list(Workout.objects.missing_translation()) == []


def test_addresses_follow_the_language_prefix_of_the_exercise_pages():
    assert make_workout().get_absolute_url() == "/workouts/core-in-five/"
    spanish = make_workout(slug="nucleo", language="es")
    assert spanish.get_absolute_url() == "/es/entrenamientos/nucleo/"


def test_a_slug_is_unique_per_language_only():
    make_workout()
    make_workout(language="es")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_workout()


def test_one_workout_per_language_is_the_translation_of_a_key():
    make_workout(translation_key="k")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_workout(slug="other", translation_key="k")


def test_the_database_refuses_unknown_choices_and_bad_video_ids():
    for fields in ({"kind": "circus"}, {"difficulty": "heroic"}, {"status": "maybe"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            make_workout(slug="bad", **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_workout(slug="bad", follow_along_video_id="not a video")
    workout = make_workout()
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkoutVideo.objects.create(workout=workout, youtube_id="short")


def test_an_item_names_its_movement_unless_it_is_a_rest():
    section = add_items(make_workout())
    WorkoutItem.objects.create(section=section, kind=ItemKind.REST, duration=15)
    WorkoutItem.objects.create(section=section, exercise=make_exercise(), duration=15)
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkoutItem.objects.create(section=section, kind=ItemKind.EXERCISE, duration=15)


def test_instructions_are_a_list_of_texts():
    item = WorkoutItem(section=add_items(make_workout()), name="Roll", instructions="Roll up")
    with pytest.raises(ValidationError, match="list of texts"):
        item.full_clean()
    item.instructions = ["Roll up", "Roll down"]
    item.full_clean()


def test_a_linked_exercise_going_away_keeps_the_item_and_its_name():
    exercise = make_exercise(title="The Hundred")
    section = add_items(make_workout())
    item = WorkoutItem.objects.create(section=section, exercise=exercise, name="Hundred prep")
    exercise.delete()
    item.refresh_from_db()
    assert (item.exercise, item.name) == (None, "Hundred prep")


def test_category_slugs_repeat_across_groups_but_not_within_one():
    WorkoutCategory.objects.create(name="Core", slug="core", group=WorkoutCategoryGroup.BODY_FOCUS)
    WorkoutCategory.objects.create(name="Core", slug="core", group=WorkoutCategoryGroup.GOAL)
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkoutCategory.objects.create(
            name="Core", slug="core", group=WorkoutCategoryGroup.BODY_FOCUS
        )


def test_the_pipeline_stores_the_body_html_when_a_workout_is_saved():
    workout = make_workout(body="Breathe **out**")
    workout.refresh_from_db()
    assert workout.body_html == "<p>Breathe <strong>out</strong></p>\n"


def test_workouts_are_scheduled_content():
    assert Workout in content_models()
    workout = make_workout(status=Status.DRAFT, publish_at=timezone.now() - timedelta(minutes=1))
    publish_scheduled(now=timezone.now())
    workout.refresh_from_db()
    assert (workout.status, workout.publish_at) == (Status.PUBLISHED, None)


def test_the_search_document_holds_terms_and_items():
    workout = make_workout(description="Quick core")
    workout.equipment.add(make_term(Equipment, "Mat"))
    add_items(workout, 30)
    loaded = Workout.objects.prefetch_related(*Workout.search_prefetch).get(pk=workout.pk)
    texts = loaded.search_texts()
    assert (texts["A"], texts["B"], texts["C"], texts["D"]) == (
        "Core in five",
        "Quick core",
        "Mat",
        "Move 1",
    )
