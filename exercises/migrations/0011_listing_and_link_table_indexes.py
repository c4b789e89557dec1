"""An index for every filter and sort of the public list and the admin changelist, and
term-first indexes on the many-to-many link tables (facet counts and filters go from a
term to its exercises; the tables' own unique index goes the other way)."""

from django.db import migrations, models

import exercises.models

# Django creates these link tables itself, so their indexes cannot live in a Meta.
LINK_TABLE_INDEXES = [
    ("exercise_equipment_term_idx", "exercises_exercise_equipment", "equipment_id, exercise_id"),
    ("exercise_muscle_term_idx", "exercises_exercise_muscles", "muscle_id, exercise_id"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0010_tagged_exercise_through_model"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="exercise", name="exercise_newest_idx"),
        migrations.AddIndex(
            model_name="exercise",
            index=exercises.models.PortableIndex(
                models.F("language"),
                models.OrderBy(models.F("published_on"), descending=True, nulls_last=True),
                models.OrderBy(models.F("created_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                name="exercise_newest_first_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="exercise",
            index=models.Index(fields=["language", "title", "id"], name="exercise_title_order_idx"),
        ),
        migrations.AddIndex(
            model_name="exercise",
            index=models.Index(
                fields=["language", "difficulty", "title"], name="exercise_difficulty_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="exercise",
            index=models.Index(fields=["language", "duration"], name="exercise_duration_idx"),
        ),
        migrations.AddIndex(
            model_name="exercise",
            index=models.Index(
                fields=["language", "category", "status"], name="exercise_category_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="exercise",
            index=models.Index(fields=["status", "language"], name="exercise_status_idx"),
        ),
        migrations.AddIndex(
            model_name="exercise",
            index=models.Index(
                fields=[
                    "language",
                    "status",
                    "publish_at",
                    "unpublish_at",
                    "id",
                    "duration",
                    "difficulty",
                    "category",
                ],
                name="exercise_facet_cover_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="exercise",
            index=models.Index(fields=["-updated_at"], name="exercise_updated_idx"),
        ),
        migrations.AddIndex(
            model_name="exercise",
            index=models.Index(
                condition=models.Q(("publish_at__isnull", False)),
                fields=["publish_at"],
                name="exercise_publish_at_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="exercise",
            index=models.Index(
                condition=models.Q(("unpublish_at__isnull", False)),
                fields=["unpublish_at"],
                name="exercise_unpublish_at_idx",
            ),
        ),
        *(
            migrations.RunSQL(
                f"CREATE INDEX {name} ON {table} ({columns})",
                f"DROP INDEX {name}",
            )
            for name, table, columns in LINK_TABLE_INDEXES
        ),
    ]
