"""The stored HTML of a ``RenderedBodyMixin`` model: the pipeline step that computes it."""

from collections.abc import Iterable

from django.db import connections, router

from publishing.models import RenderedBodyMixin
from publishing.pipeline import Changes

# Bodies rendered per query when the pipeline stores their HTML.
RENDER_CHUNK_SIZE = 500


def store_rendered_html(model: type[RenderedBodyMixin], *, pks: Iterable[int]) -> int:
    """Store the HTML of the bodies of ``model``'s rows ``pks`` through ``render_body()``,
    the one render path; returns how many changed. Written with one ``UPDATE`` per row
    sent as one batch (``executemany``), so a row's ``updated_at`` (an editor's or an
    import's stamp) stays as it was; ``bulk_update()`` spent more time building its
    ``CASE`` expression than rendering took."""
    fields = model.rendered_fields
    ids = sorted(pks)
    changed = 0
    manager = model._default_manager
    for start in range(0, len(ids), RENDER_CHUNK_SIZE):
        rows = manager.filter(pk__in=ids[start : start + RENDER_CHUNK_SIZE]).only(
            "pk", "body", *fields
        )
        stale = []
        for row in rows:
            before = [getattr(row, name) for name in fields]
            row.render_body()
            if [getattr(row, name) for name in fields] != before:
                stale.append(row)
        _write(model, stale, fields)
        changed += len(stale)
    return changed


def _write(
    model: type[RenderedBodyMixin], rows: list[RenderedBodyMixin], fields: tuple[str, ...]
) -> None:
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    # The rendered fields are the model's own text columns (``rendered_fields``).
    by_name = {field.name: str(field.column) for field in model._meta.concrete_fields}
    columns = ", ".join(f"{quote(by_name[name])} = %s" for name in fields)
    table, key = quote(model._meta.db_table), quote(by_name[model._meta.pk.name])
    sql = f"UPDATE {table} SET {columns} WHERE {key} = %s"
    with connection.cursor() as cursor:
        cursor.executemany(sql, [[*(getattr(row, f) for f in fields), row.pk] for row in rows])


def store_rendered_html_step(changes: Changes) -> None:
    """For ``pipeline.register(Model, store_rendered_html_step, ...)``."""
    store_rendered_html(changes.model, pks=changes.pks)  # type: ignore[arg-type]
