"""The import's queries: a fixed few per file (the exercise row, in its savepoint) and a
fixed number per chunk of files (their children, term links, tags, old addresses, import
stamps and revisions, in bulk), whatever the files hold. Pinned at two sizes, so a write
that goes back to one query per file, per child or per term shows as a difference."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from exercises.models import Exercise, OldAddress, Step
from tests.importing.helpers import write

pytestmark = pytest.mark.django_db

SOURCE = """---
title: Move {number}
translationKey: move-{number}
aliases: [/old/move-{number}/, /older/move-{number}/]
equipment: [mat, ball, band]
muscles: [abs, glutes]
keywords: [core, spine, balance]
steps:
  - Lie down {version}.
  - Roll up.
  - Roll down.
modifications:
  - name: Easier
    description: Bend the knees.
faqs:
  - question: Why?
    answer: Because.
videos:
  - id: abcdefghij{number:x}
---
Body of move {number}, version {version}.

## Breathing

Breathe out as you roll up.
"""

# A new file: its savepoint, its exercise's insert, the savepoint's release.
NEW_FILE = 3
# A changed file: the same and the lock that reads its exercise again.
CHANGED_FILE = 4


def _import(tmp_path, run_import, count: int, version: int) -> int:
    for number in range(count):
        write(tmp_path / f"move-{number}.md", SOURCE.format(number=number, version=version))
    with CaptureQueriesContext(connection) as queries:
        result = run_import(tmp_path)
    assert result.exit_code == 0, result.stderr
    return len(queries)


def _queries_at(tmp_path_factory, run_import, count: int) -> tuple[int, int]:
    folder = tmp_path_factory.mktemp(f"files-{count}")
    first = _import(folder, run_import, count, version=1)
    changed = _import(folder, run_import, count, version=2)
    assert Exercise.objects.count() == count
    assert Step.objects.count() == 3 * count
    assert OldAddress.objects.count() == 3 * count  # its aliases and its source address
    assert Exercise.objects.get(slug="move-0").steps.first().text == "Lie down 2."
    assert Exercise.objects.get(slug="move-0").equipment.count() == 3
    return first, changed


def test_an_import_costs_a_fixed_few_queries_per_file_and_the_rest_per_chunk(
    tmp_path_factory, run_import
):
    ContentType.objects.get_for_models(*apps.get_models())  # cached once per process
    small_first, small_changed = _queries_at(tmp_path_factory, run_import, 4)
    for model in (Exercise, Tag):  # the larger run starts as the smaller one did
        model._default_manager.all().delete()
    # 12 files' revisions fit one insert of SQLite's 999 parameters (10 versions a file).
    large_first, large_changed = _queries_at(tmp_path_factory, run_import, 12)

    assert large_first - small_first == 8 * NEW_FILE
    assert large_changed - small_changed == 8 * CHANGED_FILE
