"""Search index storage for each database: on PostgreSQL the unaccent and pg_trgm
extensions, accent-free stemming configurations, a GIN index on the stored vector and a
trigram index on titles; on SQLite an FTS5 table. Each backend skips the other's SQL.

Existing exercises are indexed after migrating (post_migrate, see exercises.apps), by the
current code rather than by this migration's historical models.
"""

import django.contrib.postgres.search
from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE TEXT SEARCH CONFIGURATION pilates_english (COPY = pg_catalog.english)",
    "ALTER TEXT SEARCH CONFIGURATION pilates_english "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem",
    "CREATE TEXT SEARCH CONFIGURATION pilates_spanish (COPY = pg_catalog.spanish)",
    "ALTER TEXT SEARCH CONFIGURATION pilates_spanish "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem",
    # unaccent() is only STABLE (its dictionary could change); naming the dictionary makes
    # this wrapper safe to declare IMMUTABLE, which an expression index requires.
    "CREATE FUNCTION pilates_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE "
    "STRICT AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$",
    "CREATE INDEX exercise_search_vector_idx ON exercises_exercise USING gin (search_vector)",
    "CREATE INDEX exercise_title_trigram_idx ON exercises_exercise "
    "USING gin (pilates_fold(title) gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS exercise_title_trigram_idx",
    "DROP INDEX IF EXISTS exercise_search_vector_idx",
    "DROP FUNCTION IF EXISTS pilates_fold(text)",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS pilates_spanish",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS pilates_english",
]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE exercises_search_fts USING fts5("
    "title, description, terms, content, "
    "tokenize = 'porter unicode61 remove_diacritics 2')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS exercises_search_fts"]


def run_for_vendor(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('exercises', '0003_exercise_body_html_and_length_caps'),
    ]

    operations = [
        migrations.AddField(
            model_name='exercise',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(
            run_for_vendor({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            run_for_vendor({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
