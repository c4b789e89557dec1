"""The data migration moves tags from taggit's generic tagged items to TaggedExercise."""

import importlib

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from taggit.models import Tag, TaggedItem

from exercises.models import Exercise, TaggedExercise
from tests.factories import make_exercise

pytestmark = pytest.mark.django_db
migration = importlib.import_module("exercises.migrations.0010_tagged_exercise_through_model")


def test_generic_tagged_items_of_exercises_become_tagged_exercises():
    roll, saw = make_exercise(title="Roll up"), make_exercise(title="Saw")
    core, spine = (
        Tag.objects.create(name="core", slug="core"),
        Tag.objects.create(name="spine", slug="spine"),
    )
    exercise_type = ContentType.objects.get_for_model(Exercise)
    other_type = ContentType.objects.get_for_model(Tag)
    TaggedItem.objects.bulk_create(
        [
            TaggedItem(tag=core, content_type=exercise_type, object_id=roll.pk),
            TaggedItem(tag=spine, content_type=exercise_type, object_id=roll.pk),
            TaggedItem(tag=core, content_type=exercise_type, object_id=saw.pk),
            # A row whose exercise is gone, and a row tagging something else.
            TaggedItem(tag=core, content_type=exercise_type, object_id=saw.pk + 100),
            TaggedItem(tag=spine, content_type=other_type, object_id=core.pk),
        ]
    )

    migration.move_to_tagged_exercises(apps, None)

    moved = sorted(TaggedExercise.objects.values_list("content_object_id", "tag__name"))
    assert moved == [(roll.pk, "core"), (roll.pk, "spine"), (saw.pk, "core")]
    assert list(TaggedItem.objects.values_list("content_type", flat=True)) == [other_type.pk]
    assert sorted(roll.tags.names()) == ["core", "spine"]


def test_moving_back_restores_generic_tagged_items():
    make_exercise(title="Roll up").tags.add("core")
    migration.move_back_to_generic_items(apps, None)
    exercise_type = ContentType.objects.get_for_model(Exercise)
    assert TaggedItem.objects.filter(content_type=exercise_type).count() == 1
