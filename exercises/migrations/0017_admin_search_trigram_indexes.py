"""Trigram indexes for the admin's search on PostgreSQL: its ``icontains`` over the title,
slug, description and translation key (and a tag's name) is ``UPPER(column::text) LIKE
UPPER('%word%')``, which no b-tree can serve, so without these every search read every
row. Each index is on that very expression, so the planner uses it as it stands. SQLite has
no trigram index and keeps scanning (its admin is a development database's).
"""

from importlib import import_module

from django.db import migrations

# The search index migration's runner: each database gets only its own statements.
run_for_vendor = import_module("exercises.migrations.0004_exercise_search_index").run_for_vendor

_INDEXED = [
    ("exercise_admin_title_trgm_idx", "exercises_exercise", "title"),
    ("exercise_admin_slug_trgm_idx", "exercises_exercise", "slug"),
    ("exercise_admin_description_trgm_idx", "exercises_exercise", "description"),
    ("exercise_admin_translation_key_trgm_idx", "exercises_exercise", "translation_key"),
    ("taggit_tag_admin_name_trgm_idx", "taggit_tag", "name"),
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    *(
        f'CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (UPPER("{column}"::text) '
        "gin_trgm_ops)"
        for name, table, column in _INDEXED
    ),
]
POSTGRES_BACKWARD = [f"DROP INDEX IF EXISTS {name}" for name, _, _ in _INDEXED]


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0016_exercise_follows_translation"),
        ("taggit", "__latest__"),
    ]

    operations = [
        migrations.RunPython(
            run_for_vendor({"postgresql": POSTGRES_FORWARD}),
            run_for_vendor({"postgresql": POSTGRES_BACKWARD}),
        ),
    ]
