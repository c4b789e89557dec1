"""One workout page (markdown with front matter) into a neutral ``Page``; no database.

Premade pages name their catalogue entry with ``workout_id``; programs stand alone, their
sections and items written in the body (see ``program``); an export writes everything in
the front matter, ``sections`` included. Front-matter keys this module does not know are
kept as they are, so nothing the source said is lost.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from django.utils.text import slugify

from exercises.fileformat.converters import (
    date_value,
    difficulty_value,
    language_value,
    name_list,
    status_value,
    text_value,
)
from exercises.fileformat.discovery import WORKOUT_SECTIONS, SourceFile
from exercises.fileformat.errors import ImportFileError, NotAnExercise
from exercises.fileformat.frontmatter import has_front_matter, split_document
from exercises.fileformat.parser import json_safe
from exercises.fileformat.slugs import exercise_slug
from workouts.fileformat.catalogue import catalogue_id
from workouts.fileformat.program import parse_program
from workouts.fileformat.records import PREMADE, PROGRAM, WORKOUT_KINDS, SectionRecord, VideoRecord
from workouts.fileformat.values import (
    bool_value,
    category_choices,
    equipment_words,
    minutes_value,
    sections_value,
    video_value,
    videos_value,
)

# Folders that say a page is Spanish when neither its front matter nor an ``es`` folder does.
_SPANISH_FOLDERS = frozenset({"entrenamientos", "prefabricados", "programas"})
# Folders that hold workout pages: a page elsewhere is one only if it says so.
WORKOUT_FOLDERS = _SPANISH_FOLDERS | WORKOUT_SECTIONS | {"premade", "programs", "routines"}
_MAX_EXTRA_VALUES = 10_000
KNOWN_KEYS = frozenset(
    {
        "title",
        "description",
        "slug",
        "translationKey",
        "translation_key",
        "language",
        "lang",
        "workout_id",
        "catalogue_id",
        "kind",
        "date",
        "lastmod",
        "publish_at",
        "unpublish_at",
        "status",
        "draft",
        "duration",
        "difficulty",
        "equipment",
        "focus",
        "muscles",
        "calories",
        "featured",
        "categories",
        "follow_along_video",
        "related_videos",
        "sections",
        "image",
        "primary_translation",
    }
)


@dataclass
class Page:
    source_path: str
    language: str
    stem: str
    workout_id: str  # the catalogue entry this page describes, if any
    given: dict[str, Any]  # only the keys the front matter gave, as field values
    sections: list[SectionRecord]  # the front matter's, else the body's
    body: str
    body_layouts: set[str]
    outline: list[SectionRecord]  # timed headings of a body without items
    extra: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


def page_language(given: str, source: SourceFile) -> str:
    if given:
        return given
    parts = [part.lower() for part in Path(source.relative_path).parent.parts]
    parts += [part.lower() for part in source.real_path.parent.parts[-4:]]
    for part in parts:
        if part in ("en", "es"):
            return part
    return "es" if _SPANISH_FOLDERS.intersection(parts) else "en"


def _datetime_value(value: object, where: str) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise ImportFileError(f"{value[:40]!r} is not a date and time", where) from None
    else:
        raise ImportFileError("must be a date and time", where)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _given(front: dict[str, Any]) -> dict[str, Any]:
    """Field values for the keys the front matter has, each read by its converter."""
    given: dict[str, Any] = {}

    def has(*keys: str) -> str | None:
        return next((key for key in keys if key in front), None)

    for key in ("title", "description", "calories"):
        if key in front:
            given[key] = text_value(front[key], key)
    if found := has("translationKey", "translation_key"):
        given["translation_key"] = text_value(front[found], found)
    if "slug" in front:
        given["slug"] = text_value(front["slug"], "slug")
    if "catalogue_id" in front:
        given["catalogue_id"] = catalogue_id(front["catalogue_id"], "catalogue_id")
    if "kind" in front:
        kind = text_value(front["kind"], "kind").lower()
        if kind not in WORKOUT_KINDS:
            raise ImportFileError(f"unknown kind {kind!r} (use {', '.join(WORKOUT_KINDS)})", "kind")
        given["kind"] = kind
    if "date" in front:
        given["published_on"] = date_value(front["date"], "date")
    if "lastmod" in front:
        given["last_modified_on"] = date_value(front["lastmod"], "lastmod")
    for key in ("publish_at", "unpublish_at"):
        if key in front:
            given[key] = _datetime_value(front[key], key)
    if "status" in front or "draft" in front:
        given["declared_status"] = status_value(
            front.get("status"), front.get("draft"), status_where="status", draft_where="draft"
        )
    if "duration" in front:
        given["duration"] = minutes_value(front["duration"], "duration")
    if "difficulty" in front:
        given["difficulty"] = difficulty_value(front["difficulty"], "difficulty")
    if "equipment" in front:
        given["equipment"] = equipment_words(name_list(front["equipment"], "equipment"))
    if found := has("focus", "muscles"):
        given["focus"] = name_list(front[found], found)
    if "featured" in front:
        given["featured"] = bool_value(front["featured"], "featured")
    if "categories" in front:
        given["categories"], given["other_categories"] = category_choices(
            front["categories"], "categories"
        )
    if "follow_along_video" in front:
        given["follow_along"] = video_value(front["follow_along_video"], "follow_along_video")
    if "related_videos" in front:
        given["related_videos"] = videos_value(front["related_videos"], "related_videos")
    if "image" in front:
        given["image_source"] = text_value(front["image"], "image")
    if "primary_translation" in front:
        given["is_primary_translation"] = bool_value(
            front["primary_translation"], "primary_translation"
        )
    return given


def parse_page(source: SourceFile, text: str) -> Page:
    """Raises ImportFileError for a bad page and NotAnExercise for one that is no workout."""
    if source.is_section_page:
        raise NotAnExercise("Hugo section page")
    if not has_front_matter(text):
        raise NotAnExercise("no front matter, so not a workout page")
    document = split_document(text)
    front = {str(key): value for key, value in document.front_matter.items()}
    try:
        given = _given(front)
        workout_id = (
            catalogue_id(front["workout_id"], "workout_id") if "workout_id" in front else ""
        )
        language = page_language(
            language_value(front.get("language", front.get("lang")), "language"), source
        )
        body_starts_on = len(document.front_matter_lines) + 3
        if "sections" in front:
            sections = sections_value(front["sections"], "sections")
            body, layouts, outline = document.body, set(), []
        else:
            parsed = parse_program(document.body, first_line=body_starts_on)
            sections, body, layouts = parsed.sections, parsed.body, parsed.layouts
            outline = parsed.outline
        budget = [_MAX_EXTRA_VALUES]
        extra = {
            key: json_safe(value, key, budget)
            for key, value in front.items()
            if key not in KNOWN_KEYS
        }
    except ImportFileError as error:
        key = re.split(r"[\[ .]", error.where, maxsplit=1)[0]
        if key and not error.where.startswith("line") and (line := document.line_of_key(key)):
            error.where = f"{error.where}, line {line}"
        raise
    folders = {part.lower() for part in Path(source.relative_path).parent.parts}
    folders |= {part.lower() for part in source.real_path.parent.parts[-3:]}
    declared = workout_id or {"kind", "sections", "catalogue_id"} & front.keys()
    if not (declared or sections or WORKOUT_FOLDERS & folders):
        # An exercise page beside the workouts (a whole content folder was given).
        raise NotAnExercise("not a workout page (no workout_id, sections or workouts folder)")
    stem = source.path.stem
    return Page(
        source_path=source.relative_path,
        language=language,
        stem=stem,
        workout_id=workout_id,
        given=given,
        sections=sections,
        body=body.strip("\n"),
        body_layouts=layouts,
        outline=outline,
        extra=extra,
    )


def page_kind(page: Page) -> str:
    if "kind" in page.given:
        return str(page.given["kind"])
    return PREMADE if page.workout_id else PROGRAM


def page_slug(page: Page, title: str) -> str:
    if page.given.get("slug"):
        return exercise_slug(front_matter_slug=page.given["slug"], file_stem="", title=title)
    if page.workout_id:
        return page.workout_id
    return exercise_slug(front_matter_slug="", file_stem=page.stem, title=title) or slugify(title)


def video_key(video: VideoRecord | None) -> dict[str, str] | None:
    """A video as front matter writes it (``id``, ``title``, ``channel``; empty ones out)."""
    if video is None:
        return None
    data = {"id": video.youtube_id, "title": video.title, "channel": video.channel}
    return {key: value for key, value in data.items() if value}
