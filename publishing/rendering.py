"""The stored HTML of a ``RenderedBodyMixin`` model: the pipeline step that computes it."""

from collections.abc import Iterable

from publishing.models import RenderedBodyMixin
from publishing.pipeline import Changes

# Bodies rendered per query when the pipeline stores their HTML.
RENDER_CHUNK_SIZE = 500


def store_rendered_html(model: type[RenderedBodyMixin], *, pks: Iterable[int]) -> int:
    """Store the HTML of the bodies of ``model``'s rows ``pks`` through ``render_body()``,
    the one render path; returns how many changed. Written with ``bulk_update()``, so a
    row's ``updated_at`` (an editor's or an import's stamp) stays as it was."""
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
        manager.bulk_update(stale, fields)
        changed += len(stale)
    return changed


def store_rendered_html_step(changes: Changes) -> None:
    """For ``pipeline.register(Model, store_rendered_html_step, ...)``."""
    store_rendered_html(changes.model, pks=changes.pks)  # type: ignore[arg-type]
