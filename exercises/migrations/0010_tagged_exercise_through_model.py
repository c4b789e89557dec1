"""Tags on exercises move from taggit's generic tagged items (joined on a cast of
``object_id``) to ``TaggedExercise``, whose foreign key an index serves."""

import django.db.models.deletion
import taggit.managers
from django.db import migrations, models

BATCH_SIZE = 5000


def exercise_content_type(apps):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    return content_type_model.objects.filter(app_label="exercises", model="exercise").first()


def move_to_tagged_exercises(apps, schema_editor):
    content_type = exercise_content_type(apps)
    if content_type is None:
        return
    generic = apps.get_model("taggit", "TaggedItem").objects.filter(content_type=content_type)
    tagged_exercise = apps.get_model("exercises", "TaggedExercise")
    existing = set(apps.get_model("exercises", "Exercise").objects.values_list("pk", flat=True))
    rows = []
    for object_id, tag_id in generic.values_list("object_id", "tag_id").iterator():
        if object_id in existing:  # a generic row can outlive its exercise
            rows.append(tagged_exercise(content_object_id=object_id, tag_id=tag_id))
        if len(rows) >= BATCH_SIZE:
            tagged_exercise.objects.bulk_create(rows, ignore_conflicts=True)
            rows = []
    tagged_exercise.objects.bulk_create(rows, ignore_conflicts=True)
    generic.delete()


def move_back_to_generic_items(apps, schema_editor):
    content_type = exercise_content_type(apps)
    if content_type is None:
        return
    generic_model = apps.get_model("taggit", "TaggedItem")
    tagged_exercise = apps.get_model("exercises", "TaggedExercise")
    generic_model.objects.bulk_create(
        (
            generic_model(content_type=content_type, object_id=exercise_id, tag_id=tag_id)
            for exercise_id, tag_id in tagged_exercise.objects.values_list(
                "content_object_id", "tag_id"
            ).iterator()
        ),
        batch_size=BATCH_SIZE,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("exercises", "0009_exercise_import_stamp"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.CreateModel(
            name="TaggedExercise",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "content_object",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tagged_items",
                        to="exercises.exercise",
                        verbose_name="exercise",
                    ),
                ),
                (
                    "tag",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="%(app_label)s_%(class)s_items",
                        to="taggit.tag",
                    ),
                ),
            ],
            options={
                "verbose_name": "tagged exercise",
                "verbose_name_plural": "tagged exercises",
                "indexes": [
                    models.Index(
                        fields=["tag", "content_object"], name="tagged_exercise_by_tag_idx"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("content_object", "tag"), name="tagged_exercise_unique_tag"
                    )
                ],
            },
        ),
        migrations.RunPython(move_to_tagged_exercises, move_back_to_generic_items),
        migrations.AlterField(
            model_name="exercise",
            name="tags",
            field=taggit.managers.TaggableManager(
                blank=True,
                help_text="Keywords, comma separated.",
                through="exercises.TaggedExercise",
                to="taggit.Tag",
                verbose_name="tags",
            ),
        ),
    ]
