"""The exercise changelist's paginator: an estimated total for the unfiltered list on
PostgreSQL, where ``COUNT(*)`` over 100,000 exercises costs more than the page itself."""

from typing import Any

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

# Up to this many rows the count is exact (cheap, and an estimate could be visibly off).
ESTIMATE_ABOVE = 20_000


class EstimatedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        object_list: Any = self.object_list
        query = getattr(object_list, "query", None)
        if query is None or query.where or query.distinct:
            return super().count
        connection = connections[object_list.db]
        if connection.vendor != "postgresql":
            return super().count
        table = object_list.model._meta.db_table
        # One query either way: the exact count's subquery only runs for a small table.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT CASE WHEN reltuples > %s THEN reltuples::bigint "
                f"ELSE (SELECT COUNT(*) FROM {connection.ops.quote_name(table)}) END "
                "FROM pg_class WHERE oid = %s::regclass",
                [ESTIMATE_ABOVE, table],
            )
            row = cursor.fetchone()
        return int(row[0]) if row else super().count
