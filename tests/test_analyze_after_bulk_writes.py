"""The database gets fresh planner statistics after an import or a seed run (issue 11)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from exercises import services
from exercises.models import Exercise
from exercises.services import analyze_exercise_tables
from tests.factories import make_exercise

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="planner statistics are PostgreSQL's"
)


def estimated_rows(table: str) -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
        return float(cursor.fetchone()[0])


def test_small_writes_skip_the_analysis():
    assert analyze_exercise_tables(written=services.ANALYZE_AFTER_ROWS - 1) is False


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's statistics table")
def test_a_bulk_write_gives_sqlite_statistics_of_the_exercise_tables():
    for number in range(3):
        make_exercise(title=f"Move {number}", translation_key=f"move-{number}")

    assert analyze_exercise_tables(written=services.ANALYZE_AFTER_ROWS) is True

    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        analysed = {row[0] for row in cursor.fetchall()}
    assert "exercises_exercise" in analysed


@needs_postgres
def test_a_bulk_write_analyzes_the_exercise_tables_and_link_tables():
    for number in range(3):
        make_exercise(title=f"Move {number}").tags.add("core")
    assert analyze_exercise_tables(written=services.ANALYZE_AFTER_ROWS) is True
    assert estimated_rows("exercises_exercise") == 3
    assert estimated_rows("exercises_taggedexercise") == 3


@needs_postgres
def test_an_import_run_leaves_fresh_statistics(monkeypatch):
    monkeypatch.setattr(services, "ANALYZE_AFTER_ROWS", 1)
    call_command("import_exercises", str(FIXTURES), stdout=StringIO(), stderr=StringIO())
    assert estimated_rows("exercises_exercise") == Exercise.objects.count() > 3


@needs_postgres
def test_a_seed_run_leaves_fresh_statistics(monkeypatch):
    monkeypatch.setattr(services, "ANALYZE_AFTER_ROWS", 1)
    call_command("seed_demo", count=5, seed=1, stdout=StringIO())
    assert estimated_rows("exercises_exercise") == Exercise.objects.count() >= 5
