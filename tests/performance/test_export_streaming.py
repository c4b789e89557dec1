"""``export_exercises`` streams: the exercises are read a chunk at a time with their
relations prefetched per chunk, so memory holds one chunk whatever the library's size."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exercises.fileformat import exporting
from tests.factories import make_full_exercise

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [3, 7])
def test_the_export_reads_its_exercises_a_chunk_at_a_time(tmp_path, monkeypatch, size):
    monkeypatch.setattr(exporting, "EXPORT_CHUNK_SIZE", 2)
    for number in range(size):
        make_full_exercise(title=f"Move {number}", slug=f"move-{number}")

    with CaptureQueriesContext(connection) as queries:
        call_command("export_exercises", str(tmp_path), stdout=StringIO())

    chunks = (size + 1) // 2
    step_reads = [query for query in queries if 'FROM "exercises_step"' in query["sql"]]
    assert len(step_reads) == chunks
    assert len(list(tmp_path.rglob("*.md"))) == size
