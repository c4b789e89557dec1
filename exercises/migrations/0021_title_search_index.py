"""A GIN index on the title's lexemes of the stored search vector (``ts_filter`` keeps weight
A) on PostgreSQL: a search on the site takes its candidates with the words in the title
first (``exercises.search.bounded_search``), and without this index finding them means
reading the vector of every match. SQLite filters its FTS5 table by column instead.
"""

from importlib import import_module

from django.db import migrations

run_for_vendor = import_module("exercises.migrations.0004_exercise_search_index").run_for_vendor

POSTGRES_FORWARD = [
    "CREATE INDEX IF NOT EXISTS exercise_title_search_idx ON exercises_exercise "
    "USING gin (ts_filter(search_vector, '{a}'))"
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS exercise_title_search_idx"]


class Migration(migrations.Migration):
    dependencies = [("exercises", "0020_related_exercises_ranked")]

    operations = [
        migrations.RunPython(
            run_for_vendor({"postgresql": POSTGRES_FORWARD}),
            run_for_vendor({"postgresql": POSTGRES_BACKWARD}),
        ),
    ]
