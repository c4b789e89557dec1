"""The exercise changelist at 100,000 exercises: no full COUNT(*) per view on PostgreSQL,
and tag search through an Exists subquery instead of a de-duplicated join."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_exercise

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:exercises_exercise_changelist")


def pretend_the_table_holds(rows: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE pg_class SET reltuples = %s WHERE oid = 'exercises_exercise'::regclass",
            [rows],
        )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's row estimate")
def test_the_unfiltered_changelist_of_a_large_table_shows_the_estimated_total(editor_client):
    for number in range(3):
        make_exercise(title=f"Roll {number}")
    pretend_the_table_holds(123_456)
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(CHANGELIST)
    assert response.context["cl"].result_count == 123_456
    assert not any(
        'COUNT(*) AS "__count" FROM "exercises_exercise"' in query["sql"] for query in queries
    )
    # Any filter or search counts exactly.
    assert editor_client.get(CHANGELIST, {"q": "roll"}).context["cl"].result_count == 3


def test_a_small_table_is_counted_exactly(editor_client):
    for number in range(3):
        make_exercise(title=f"Roll {number}")
    assert editor_client.get(CHANGELIST).context["cl"].result_count == 3


def test_admin_search_finds_tags_without_repeating_rows(editor_client):
    tagged = make_exercise(title="Roll up")
    tagged.tags.add("spine", "spinal mobility")
    make_exercise(title="Teaser").tags.add("core")
    make_exercise(title="Spine stretch")
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(CHANGELIST, {"q": "spin"})
    titles = sorted(exercise.title for exercise in response.context["cl"].result_list)
    assert titles == ["Roll up", "Spine stretch"]
    rows_query = next(
        query["sql"]
        for query in queries
        if query["sql"].startswith('SELECT "exercises_exercise"."id"') and "LIMIT" in query["sql"]
    )
    assert "EXISTS" in rows_query
    assert "DISTINCT" not in rows_query
    # Words may match different fields: one the title, one a tag.
    response = editor_client.get(CHANGELIST, {"q": "roll mobility"})
    assert [exercise.title for exercise in response.context["cl"].result_list] == ["Roll up"]
