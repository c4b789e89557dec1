"""The content report's generic checks: written once, run over every registered content
model (``publishing.registry.reported_models``). Each yields plain rows; the report
(``exercises.report.findings``) turns them into findings."""

from collections.abc import Iterator

from django.db import models

from publishing.registry import reported_models

# What a finding names of a row: (pk, language, slug, title).
Row = tuple[int, str, str, str]
ROW_FIELDS = ("pk", "language", "slug", "title")


def untranslated(model: type[models.Model]) -> list[Row]:
    """Published rows of ``model`` that no other language's row shares a key with."""
    manager = model._default_manager
    rows = manager.published().missing_translation().values_list(*ROW_FIELDS)  # type: ignore[attr-defined]
    return list(rows.order_by("language", "slug"))


def untranslated_content() -> Iterator[tuple[type[models.Model], list[Row]]]:
    """``untranslated`` for each registered model, in registration order."""
    for model in reported_models():
        yield model, untranslated(model)
