"""Slugs and translation keys that are free, for any content type (a translation drafted
in the other language takes its original's slug when that language has none such)."""

from itertools import count
from uuid import uuid4

from django.db import models

MAX_SLUG_LENGTH = 200


def _fit(slug: str, limit: int = MAX_SLUG_LENGTH) -> str:
    return slug[:limit].strip("-")


def numbered_slug(slug: str, number: int) -> str:
    """``slug-2``, ``slug-3``...: a unique variant that still fits the slug field."""
    suffix = f"-{number}"
    return f"{_fit(slug, MAX_SLUG_LENGTH - len(suffix))}{suffix}"


def free_slug(model: type[models.Model], slug: str, *, language: str) -> str:
    """``slug``, else its first numbered variant no row of ``model`` in ``language`` has."""
    taken = set(
        model._default_manager.filter(language=language, slug__startswith=slug).values_list(
            "slug", flat=True
        )
    )
    if slug not in taken:
        return slug
    return next(
        candidate for number in count(2) if (candidate := numbered_slug(slug, number)) not in taken
    )


def free_translation_key(row: models.Model, key: str) -> str:
    """``key``, else ``key`` with a random suffix when another row of the model has it."""
    others = type(row)._default_manager.filter(translation_key=key).exclude(pk=row.pk)
    if others.exists():
        return f"{key[:180]}-{uuid4().hex[:8]}"
    return key
