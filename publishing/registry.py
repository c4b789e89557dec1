"""Which models are published content, and what each takes part in.

A content type declares the model mixins (``publishing.models``) and registers here once,
from its app's ``ready()``; the shared machinery then works over every registered model
without importing any: scheduled publishing (``publishing.scheduling``), the generic checks
of the content report (``publishing.report``) and the sitemap sections
(``publishing.sitemaps``).
"""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class ContentRegistration:
    model: type[models.Model]
    # publish_at/unpublish_at turned into status changes by publish_scheduled, and the
    # page cache's lifetime capped by the next one.
    scheduled: bool = True
    # Named by the content report's generic checks (missing translation...).
    reported: bool = True


_registered: dict[type[models.Model], ContentRegistration] = {}


def register_content(
    model: type[models.Model], *, scheduled: bool = True, reported: bool = True
) -> None:
    _registered[model] = ContentRegistration(model=model, scheduled=scheduled, reported=reported)


def unregister_content(model: type[models.Model]) -> None:
    """For tests that register a model of their own."""
    _registered.pop(model, None)


def content_models() -> list[type[models.Model]]:
    return [registration.model for registration in _registered.values()]


def scheduled_models() -> list[type[models.Model]]:
    return [r.model for r in _registered.values() if r.scheduled]


def reported_models() -> list[type[models.Model]]:
    return [r.model for r in _registered.values() if r.reported]
