"""Source files in, one ``WorkoutRecord`` (or one problem) per workout out; no database.

A catalogue entry becomes an English workout and, when it has a Spanish title or page, a
Spanish one; the pages whose ``workout_id`` names it add their body, sections and front
matter. Pages without a ``workout_id`` (programs, exports) are workouts on their own. A page
naming an entry no catalogue of the run has fails: its catalogue must be imported with it.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from exercises.fileformat.characters import describe_character, first_invalid_character
from exercises.fileformat.discovery import SourceFile
from exercises.fileformat.errors import HOSTILE_INPUT_ERRORS, ImportFileError, NotAnExercise
from exercises.fileformat.hashing import source_hash
from exercises.fileformat.reading import decode_source, read_source_bytes
from workouts.fileformat.catalogue import Catalogue, CatalogueEntry, parse_catalogue
from workouts.fileformat.pages import Page, page_kind, page_slug, parse_page
from workouts.fileformat.records import (
    PREMADE,
    CategoryRecord,
    SectionRecord,
    WorkoutRecord,
)
from workouts.fileformat.values import sections_from_items

# Bump when the importer reads the same files differently, so re-imports rewrite everything.
IMPORTER_FORMAT_VERSION = "workouts-1"
LANGUAGES = ("en", "es")


@dataclass
class Parsed:
    """One workout's record, or why a file (or a catalogue entry) gave none."""

    path: Path
    label: str = ""  # the entry within a catalogue, or the language of a catalogue-only one
    record: WorkoutRecord | None = None
    problem: str = ""
    skipped: str = ""


@dataclass
class ParsedRun:
    categories: list[CategoryRecord] = field(default_factory=list)
    results: list[Parsed] = field(default_factory=list)
    warnings: list[tuple[Path, str]] = field(default_factory=list)


def workout_hash(*, source_path: str, parts: list[bytes]) -> str:
    """The hash of everything one imported workout depends on (its catalogue entry, its
    page), computed as an exercise's is; no part holds a NUL byte (decoding refuses them)."""
    raw = b"\0".join([IMPORTER_FORMAT_VERSION.encode(), *parts])
    return source_hash(raw=raw, source_path=source_path, image=None)


@dataclass
class _Source:
    source: SourceFile
    raw: bytes


def _problem(error: ImportFileError | BaseException) -> str:
    if isinstance(error, ImportFileError):
        return str(error)
    return f"cannot be imported: {type(error).__name__}: {error}"[:300] + " (file)"


def _with_outline(sections: list[SectionRecord], outline: list[SectionRecord]) -> None:
    """A catalogue's sections take the titles and minutes the page's headings give."""
    unused = list(outline)
    for section in sections:
        heading = next((other for other in unused if other.kind == section.kind), None)
        if heading is not None:
            unused.remove(heading)
            section.title, section.minutes = heading.title, heading.minutes


def _entry_record(
    entry: CatalogueEntry, language: str, page: Page | None, page_raw: bytes, catalogue_path: str
) -> WorkoutRecord:
    given: dict[str, Any] = page.given if page else {}
    spanish = language == "es"
    warnings: list[str] = []
    title = given.get("title") or (entry.title_es if spanish else entry.title)
    if not title:
        title = entry.title
        warnings.append(f"{entry.where}: no Spanish title; the English one is used")
    description = given.get("description") or (
        entry.description_es if spanish else entry.description
    )
    if page is not None and any(section.items for section in page.sections):
        sections = page.sections
    else:
        sections = sections_from_items(
            [replace(item, instructions=list(item.instructions)) for item in entry.items]
        )
        _with_outline(sections, page.outline if page else [])
    extra = dict(entry.extra)
    other_categories = given.get("other_categories", entry.other_categories)
    if other_categories:
        extra["categories"] = other_categories
    if page is not None:
        extra.update(page.extra)
    source_path = page.source_path if page else f"{catalogue_path}#{entry.id}"
    return WorkoutRecord(
        language=language,
        title=title,
        slug=page_slug(page, title) if page else entry.id,
        kind=page_kind(page) if page else PREMADE,
        catalogue_id=entry.id,
        translation_key=given.get("translation_key") or f"premade-{entry.id}",
        is_primary_translation=given.get("is_primary_translation", True),
        description=description,
        body=page.body if page else "",
        duration=given.get("duration", entry.duration),
        difficulty=given.get("difficulty", entry.difficulty),
        equipment=given.get("equipment", entry.equipment),
        focus=given.get("focus", []),
        categories=given.get("categories", entry.categories),
        calories=given.get("calories", entry.calories),
        featured=given.get("featured", entry.featured),
        follow_along=given.get("follow_along", entry.follow_along),
        related_videos=given.get("related_videos", entry.related_videos),
        sections=sections,
        status=given.get("declared_status") or "published",
        declared_status=given.get("declared_status", ""),
        publish_at=given.get("publish_at"),
        unpublish_at=given.get("unpublish_at"),
        published_on=given.get("published_on"),
        last_modified_on=given.get("last_modified_on"),
        image_source=given.get("image_source", ""),
        source_path=source_path,
        source_hash=workout_hash(
            source_path=source_path,
            parts=[language.encode(), entry.fingerprint.encode(), page_raw],
        ),
        extra_front_matter=extra,
        warnings=warnings + (page.warnings if page else []),
    )


def _page_record(page: Page, raw: bytes) -> WorkoutRecord:
    given = page.given
    title = given.get("title", "")
    if not title:
        raise ImportFileError("a workout page needs a title", "title")
    extra = dict(page.extra)
    if given.get("other_categories"):
        extra["categories"] = given["other_categories"]
    return WorkoutRecord(
        language=page.language,
        title=title,
        slug=page_slug(page, title),
        kind=page_kind(page),
        catalogue_id=given.get("catalogue_id", ""),
        translation_key=given.get("translation_key", ""),
        is_primary_translation=given.get("is_primary_translation", True),
        description=given.get("description", ""),
        body=page.body,
        duration=given.get("duration"),
        difficulty=given.get("difficulty", ""),
        equipment=given.get("equipment", []),
        focus=given.get("focus", []),
        categories=given.get("categories", []),
        calories=given.get("calories", ""),
        featured=given.get("featured", False),
        follow_along=given.get("follow_along"),
        related_videos=given.get("related_videos", []),
        sections=page.sections,
        status=given.get("declared_status") or "published",
        declared_status=given.get("declared_status", ""),
        publish_at=given.get("publish_at"),
        unpublish_at=given.get("unpublish_at"),
        published_on=given.get("published_on"),
        last_modified_on=given.get("last_modified_on"),
        image_source=given.get("image_source", ""),
        source_path=page.source_path,
        source_hash=workout_hash(source_path=page.source_path, parts=[page.language.encode(), raw]),
        extra_front_matter=extra,
        warnings=list(page.warnings),
    )


def _texts(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every piece of text a record holds, with where it is, nested records included."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(str(key), where)
            yield from _texts(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list | tuple):
        for position, item in enumerate(value, start=1):
            yield from _texts(item, f"{where}[{position}]")
    elif is_dataclass(value) and not isinstance(value, type):
        for item in fields(value):
            if item.name not in ("source_path", "source_hash", "warnings"):
                yield from _texts(getattr(value, item.name), f"{where}.{item.name}".lstrip("."))


def check_characters(record: WorkoutRecord) -> None:
    """Refuse the characters no database column, page or feed can hold (NUL, lone
    surrogates...), naming the field, rather than leave it to the database."""
    for where, text in _texts(record, ""):
        position = first_invalid_character(text)
        if position is not None:
            character = describe_character(text[position])
            raise ImportFileError(
                f"{where} contains the character {character}, which cannot be stored", where
            )


def _read(sources: list[SourceFile], max_bytes: int, run: ParsedRun) -> Iterator[_Source]:
    for source in sources:
        try:
            raw = read_source_bytes(source, max_bytes=max_bytes)
        except ImportFileError as error:
            run.results.append(Parsed(source.path, problem=str(error)))
            continue
        yield _Source(source, raw)


def parse_sources(sources: list[SourceFile], *, max_bytes: int) -> ParsedRun:
    """Every catalogue and page of a run, joined; a bad file or entry fails alone."""
    run = ParsedRun()
    catalogues: list[tuple[_Source, Catalogue]] = []
    pages: list[tuple[_Source, Page]] = []
    for item in _read(sources, max_bytes, run):
        path = item.source.path
        try:
            text = decode_source(item.raw)
            if path.suffix.lower() == ".json":
                catalogues.append((item, parse_catalogue(text)))
            else:
                pages.append((item, parse_page(item.source, text)))
        except NotAnExercise as reason:
            run.results.append(Parsed(path, skipped=str(reason)))
        except (ImportFileError, *HOSTILE_INPUT_ERRORS) as error:
            run.results.append(Parsed(path, problem=_problem(error)))

    entries: dict[str, tuple[_Source, CatalogueEntry]] = {}
    for item, catalogue in catalogues:
        path = item.source.path
        run.categories.extend(catalogue.categories)
        for group in catalogue.other_groups:
            run.warnings.append(
                (path, f"category group {group!r} has no place here; workouts keep its ids")
            )
        for label, entry_error in catalogue.problems:
            run.results.append(Parsed(path, label=label, problem=str(entry_error)))
        for entry in catalogue.entries:
            if entry.id in entries:
                other = entries[entry.id][0].source.relative_path
                problem = f"id {entry.id!r} is also in {other} ({entry.where}.id)"
                run.results.append(Parsed(path, label=entry.where, problem=problem))
                continue
            entries[entry.id] = (item, entry)

    joined: dict[tuple[str, str], tuple[_Source, Page]] = {}
    for item, page in pages:
        path = item.source.path
        if not page.workout_id:
            _append_page(run, item, page)
            continue
        if page.workout_id not in entries:
            problem = (
                f"workout_id {page.workout_id!r} is in no catalogue given to this run; "
                "import the catalogue with its pages (workout_id)"
            )
            run.results.append(Parsed(path, problem=problem))
            continue
        key = (page.workout_id, page.language)
        if key in joined:
            other = joined[key][0].source.relative_path
            problem = f"{page.language} page of {page.workout_id!r} twice: {other} too (workout_id)"
            run.results.append(Parsed(path, problem=problem))
            continue
        joined[key] = (item, page)

    for item, entry in entries.values():
        for language in LANGUAGES:
            pair = joined.get((entry.id, language))
            if pair is None and language == "es" and not entry.title_es:
                continue  # nothing Spanish to publish
            path = pair[0].source.path if pair else item.source.path
            label = "" if pair else f"{entry.where} ({language})"
            try:
                record = _entry_record(
                    entry,
                    language,
                    pair[1] if pair else None,
                    pair[0].raw if pair else b"",
                    item.source.relative_path,
                )
                check_characters(record)
            except ImportFileError as error:
                run.results.append(Parsed(path, label=label, problem=str(error)))
                continue
            run.results.append(Parsed(path, label=label, record=record))
    return run


def _append_page(run: ParsedRun, item: _Source, page: Page) -> None:
    try:
        record = _page_record(page, item.raw)
    except ImportFileError as error:
        run.results.append(Parsed(item.source.path, problem=str(error)))
        return
    try:
        check_characters(record)
    except ImportFileError as error:
        run.results.append(Parsed(item.source.path, problem=str(error)))
        return
    run.results.append(Parsed(item.source.path, record=record))
