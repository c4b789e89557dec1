"""The exercise changelist's paginator: an estimated total for the unfiltered list on
PostgreSQL, where ``COUNT(*)`` over 100,000 exercises costs more than the page itself."""

from typing import Any

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

# Below this many rows an exact count is cheap and the estimate could be visibly off.
ESTIMATE_ABOVE = 20_000


class EstimatedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        estimate = self._estimated_total()
        if estimate is not None and estimate > ESTIMATE_ABOVE:
            return estimate
        return super().count

    def _estimated_total(self) -> int | None:
        """The planner's row estimate of the table, for a queryset that filters nothing."""
        object_list: Any = self.object_list
        query = getattr(object_list, "query", None)
        if query is None or query.where or query.distinct:
            return None
        connection = connections[object_list.db]
        if connection.vendor != "postgresql":
            return None
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                [object_list.model._meta.db_table],
            )
            row = cursor.fetchone()
        # -1 (never analysed) or 0 means no estimate.
        return int(row[0]) if row and row[0] > 0 else None
