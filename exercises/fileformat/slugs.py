"""Choosing an exercise's slug: the front matter's, else a clean file name, else the title's."""

import re

from django.utils.text import slugify

from exercises.fileformat.errors import ImportFileError
from exercises.text.prose import strip_accents
from publishing.slugs import MAX_SLUG_LENGTH as MAX_SLUG_LENGTH
from publishing.slugs import numbered_slug as numbered_slug

CLEAN_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _fit(slug: str, limit: int = MAX_SLUG_LENGTH) -> str:
    return slug[:limit].strip("-")


def exercise_slug(*, front_matter_slug: str, file_stem: str, title: str) -> str:
    """Hugo derives URLs from the file name, so a clean one is kept to keep old links working."""
    if front_matter_slug:
        slug = _fit(slugify(front_matter_slug))
        if not slug:
            raise ImportFileError(f"slug {front_matter_slug!r} has no letters or digits", "slug")
        return slug
    # An accented name (tirón-de-pierna-frente) was the page's address too, folded to ASCII.
    stem = strip_accents(file_stem)
    if CLEAN_SLUG.match(stem):
        return _fit(stem)
    return _fit(slugify(title)) or _fit(slugify(file_stem)) or "exercise"
