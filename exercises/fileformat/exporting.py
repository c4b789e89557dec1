"""Exercises out as shape-1 markdown: the importer's mirror, byte for byte deterministic.

Every field the model holds goes into the front matter in a fixed key order, then the
other front-matter keys the source had, then the body as stored, ending with a line end.
Importing the result into an empty database and exporting again gives the same bytes.
"""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import yaml
from django.db.models import QuerySet

from exercises.fileformat.fields import KNOWN_KEYS, write_front_matter
from exercises.fileformat.front_matter_values import image_path
from exercises.fileformat.images import is_remote, relative_image_path
from exercises.models import Exercise, Language

_SAFE_SLUG = re.compile(r"^[A-Za-z0-9_-]+$")
# Exercises read (with their children and terms) per query: memory stays flat at any size.
EXPORT_CHUNK_SIZE = 500


class _Dumper(yaml.SafeDumper):
    """Block style, multi-line text as literal blocks, no line wrapping surprises."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> Any:
    text = str(text)  # choices enums (Status.PUBLISHED) are written as their plain value
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_multi_representer(str, _represent_text)


def sorted_json(value: Any) -> Any:
    """Extra front matter with its mappings in key order, whatever the database returns."""
    if isinstance(value, dict):
        return {key: sorted_json(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [sorted_json(item) for item in value]
    return value


def exercise_front_matter(exercise: Exercise) -> dict[str, Any]:
    """The table's fields in its order, then the source's other keys."""
    data = write_front_matter(exercise)
    extra = sorted_json(exercise.extra_front_matter or {})
    data.update((key, value) for key, value in extra.items() if key not in KNOWN_KEYS)
    return data


def markdown_document(front_matter: dict[str, Any], body: str) -> str:
    """Front matter in the order given, then the body, ending with a line end."""
    dumped = yaml.dump(
        front_matter,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10_000,
    )
    # Bodies are stored without a final line end (exercises.text.normalise); a file has one.
    if body and not body.endswith("\n"):
        body += "\n"
    return f"---\n{dumped}---\n{body}"


def exercise_markdown(exercise: Exercise) -> str:
    return markdown_document(exercise_front_matter(exercise), exercise.body)


def exercises_for_export() -> QuerySet[Exercise]:
    return (
        Exercise.objects.with_taxonomies()
        .prefetch_related("steps", "modifications", "faqs", "videos", "old_addresses")
        .order_by("language", "slug")
    )


class Addressed(Protocol):
    """Content with a language and a slug: an exercise, a workout."""

    language: str
    slug: str


def export_path(directory: Path, content: Addressed) -> Path:
    """``DIR/<language>/<slug>.md``; refuses anything that could lead outside ``DIR``."""
    if content.language not in Language.values or not _SAFE_SLUG.match(content.slug):
        raise ValueError(f"unsafe language or slug: {content.language!r}/{content.slug!r}")
    path = (directory / content.language / f"{content.slug}.md").resolve()
    if not path.is_relative_to(directory.resolve()):
        raise ValueError(f"{path} is outside {directory}")
    return path


def export_image_path(directory: Path, exercise: Exercise) -> Path | None:
    """Where the stored picture goes so that importing ``DIR`` finds it again, if anywhere.

    The importer looks an ``image`` path up from the file's folder up to the import root, so
    the picture is written at that path under ``DIR``. Remote or escaping paths get no file.
    """
    if not exercise.image:
        return None
    source = image_path(exercise)
    if is_remote(source):
        return None
    path = (directory / relative_image_path(source)).resolve()
    return path if path.is_relative_to(directory.resolve()) else None


def _write_image(directory: Path, exercise: Exercise) -> None:
    path = export_image_path(directory, exercise)
    if path is None:
        return
    try:
        with exercise.image.open("rb") as stored:
            content = stored.read()
    except OSError:
        # The picture is gone from storage: the path stays in the front matter, as on import.
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def export_exercises(
    *, directory: Path, exercises: QuerySet[Exercise] | None = None
) -> Iterator[tuple[Exercise, Path | str]]:
    """Write each exercise's file and its picture; yields (exercise, path or refusal reason).

    The exercises are read ``EXPORT_CHUNK_SIZE`` at a time, their relations prefetched per
    chunk, so an export of any size holds one chunk in memory, never the whole library."""
    chosen = exercises if exercises is not None else exercises_for_export()
    for exercise in chosen.iterator(chunk_size=EXPORT_CHUNK_SIZE):
        try:
            path = export_path(directory, exercise)
        except ValueError as refusal:
            yield exercise, str(refusal)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(exercise_markdown(exercise).encode("utf-8"))
        _write_image(directory, exercise)
        yield exercise, path
