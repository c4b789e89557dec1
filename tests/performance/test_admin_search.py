"""The admin's search is served by trigram indexes on PostgreSQL, on connections without JIT."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_exercise

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="trigram indexes and JIT are PostgreSQL's"
    ),
]


def test_the_apps_postgresql_connections_have_jit_off():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


def test_the_admin_search_reads_the_trigram_indexes_not_every_row(admin_client):
    for number in range(30):
        make_exercise(title=f"Move {number}", slug=f"move-{number}")
    make_exercise(title="Side plank", slug="side-plank")
    make_exercise(title="Hold", slug="hold").tags.add("planks")
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get("/admin/exercises/exercise/?q=plank")
    assert response.status_code == 200
    assert {row.slug for row in response.context["cl"].result_list} == {"side-plank", "hold"}
    searching = next(
        query["sql"]
        for query in queries
        if "LIKE UPPER" in query["sql"] and '"exercises_exercise"."title"' in query["sql"]
    )

    with connection.cursor() as cursor:
        # A table this small is read whole unless scans are priced out, as at 100,000 rows.
        cursor.execute("SET LOCAL enable_seqscan = off")
        # Nor may a small table's primary key be walked with the pattern as a filter.
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + searching)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    for index in (
        "exercise_admin_title_trgm_idx",
        "exercise_admin_slug_trgm_idx",
        "exercise_admin_description_trgm_idx",
        "exercise_admin_translation_key_trgm_idx",
        "taggit_tag_admin_name_trgm_idx",
    ):
        assert index in plan, plan
