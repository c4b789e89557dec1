"""A workout catalogue (JSON) into category options and entries; no database involved.

The catalogue holds ``categories`` (groups of options named in English and Spanish) and
``workouts``: id, title/title_es, description/description_es, duration in minutes,
difficulty, equipment, the options chosen per group, featured, calories and, for some,
the exercises (name, type, duration in seconds, reps, instructions) and videos. One bad
entry fails alone: the others are still read.
"""

import json
from dataclasses import dataclass, field
from typing import Any

from exercises.fileformat.converters import difficulty_value, name_list, text_value
from exercises.fileformat.errors import ImportFileError, NotAnExercise
from exercises.fileformat.slugs import CLEAN_SLUG, MAX_SLUG_LENGTH
from workouts.fileformat.program import MAX_ITEMS
from workouts.fileformat.records import CategoryRecord, ItemRecord, VideoRecord
from workouts.fileformat.values import (
    GROUP_BY_KEY,
    bool_value,
    category_choices,
    equipment_words,
    item_value,
    listing,
    mapping,
    minutes_value,
    video_value,
    videos_value,
)

MAX_ENTRIES = 10_000
MAX_OPTIONS = 500
# The keys an entry's fields come from; any other key is kept as it is.
ENTRY_KEYS = frozenset(
    {
        "id",
        "title",
        "title_es",
        "description",
        "description_es",
        "duration",
        "difficulty",
        "equipment",
        "categories",
        "featured",
        "calories",
        "follow_along_video",
        "related_videos",
        "exercises",
    }
)


@dataclass
class CatalogueEntry:
    where: str  # "workouts[3]", for messages
    id: str
    title: str
    title_es: str
    description: str = ""
    description_es: str = ""
    duration: int | None = None
    difficulty: str = ""
    equipment: list[str] = field(default_factory=list)
    categories: list[tuple[str, str]] = field(default_factory=list)
    other_categories: dict[str, list[str]] = field(default_factory=dict)
    featured: bool = False
    calories: str = ""
    follow_along: VideoRecord | None = None
    related_videos: list[VideoRecord] = field(default_factory=list)
    items: list[ItemRecord] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    fingerprint: str = ""  # the entry as canonical JSON: what its workouts' hash covers


@dataclass
class Catalogue:
    categories: list[CategoryRecord] = field(default_factory=list)
    # Groups the model has no place for, as the catalogue defines them.
    other_groups: dict[str, Any] = field(default_factory=dict)
    entries: list[CatalogueEntry] = field(default_factory=list)
    problems: list[tuple[str, ImportFileError]] = field(default_factory=list)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def load_json(text: str) -> Any:
    """The document, or an error naming the line; NaN and Infinity are refused."""
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise ImportFileError(f"broken JSON: {error.msg}", f"line {error.lineno}") from error
    except ValueError as error:
        raise ImportFileError(f"broken JSON: {error}", "file") from error
    except RecursionError as error:
        raise ImportFileError("JSON nests too deeply", "file") from error


def catalogue_id(value: object, where: str) -> str:
    """An entry's id becomes a slug and a file name: only clean slugs are accepted."""
    text = text_value(value, where)
    if not text:
        raise ImportFileError("a workout needs an id", where)
    if len(text) > MAX_SLUG_LENGTH or not CLEAN_SLUG.match(text):
        shown = text if len(text) <= 40 else f"{text[:40]}..."
        problem = f"id {shown!r} must be lower-case letters, digits and hyphens"
        raise ImportFileError(problem, where)
    return text


def _categories(value: object) -> tuple[list[CategoryRecord], dict[str, Any]]:
    records: list[CategoryRecord] = []
    others: dict[str, Any] = {}
    for key, definition in mapping(value, "categories").items():
        group = GROUP_BY_KEY.get(key)
        if group is None:
            others[key] = definition
            continue
        where = f"categories.{key}"
        options = listing(
            mapping(definition, where).get("options"), f"{where}.options", MAX_OPTIONS
        )
        for position, option in enumerate(options, start=1):
            at = f"{where}.options[{position}]"
            data = mapping(option, at)
            slug = catalogue_id(data.get("id"), f"{at}.id")
            name = text_value(data.get("name"), f"{at}.name") or slug
            records.append(
                CategoryRecord(
                    group=group,
                    slug=slug,
                    name=name,
                    name_es=text_value(data.get("name_es"), f"{at}.name_es"),
                    position=position,
                )
            )
    return records, others


def _entry(value: object, where: str) -> CatalogueEntry:
    data = mapping(value, where)
    identifier = catalogue_id(data.get("id"), f"{where}.id")
    title = text_value(data.get("title"), f"{where}.title")
    if not title:
        raise ImportFileError("a workout needs a title", f"{where}.title")
    categories, others = category_choices(data.get("categories"), f"{where}.categories")
    exercises = listing(data.get("exercises"), f"{where}.exercises", MAX_ITEMS)
    return CatalogueEntry(
        where=where,
        id=identifier,
        title=title,
        title_es=text_value(data.get("title_es"), f"{where}.title_es"),
        description=text_value(data.get("description"), f"{where}.description"),
        description_es=text_value(data.get("description_es"), f"{where}.description_es"),
        duration=minutes_value(data.get("duration"), f"{where}.duration"),
        difficulty=difficulty_value(data.get("difficulty"), f"{where}.difficulty"),
        equipment=equipment_words(name_list(data.get("equipment"), f"{where}.equipment")),
        categories=categories,
        other_categories=others,
        featured=bool_value(data.get("featured"), f"{where}.featured"),
        calories=text_value(data.get("calories"), f"{where}.calories"),
        follow_along=video_value(data.get("follow_along_video"), f"{where}.follow_along_video"),
        related_videos=videos_value(data.get("related_videos"), f"{where}.related_videos"),
        items=[
            item_value(item, f"{where}.exercises[{position}]")
            for position, item in enumerate(exercises, start=1)
        ],
        extra={key: item for key, item in data.items() if key not in ENTRY_KEYS},
        fingerprint=json.dumps(data, sort_keys=True, ensure_ascii=False),
    )


def parse_catalogue(text: str) -> Catalogue:
    """Raises ImportFileError when the file as a whole is unusable and NotAnExercise for
    JSON that is no catalogue; a bad entry is one of the catalogue's ``problems`` and the
    other entries are still read."""
    document = load_json(text)
    if not is_catalogue(document):
        # A site's data folder holds other JSON files beside the catalogue.
        raise NotAnExercise("JSON without 'workouts' or 'categories': not a workout catalogue")
    if not isinstance(document.get("workouts", []), list):
        raise ImportFileError("'workouts' must be a list of workouts", "workouts")
    catalogue = Catalogue()
    if "categories" in document:
        catalogue.categories, catalogue.other_groups = _categories(document["categories"])
    entries = listing(document.get("workouts"), "workouts", MAX_ENTRIES)
    seen: set[str] = set()
    for position, value in enumerate(entries, start=1):
        where = f"workouts[{position}]"
        try:
            entry = _entry(value, where)
            if entry.id in seen:
                raise ImportFileError(f"id {entry.id!r} is given twice", f"{where}.id")
        except ImportFileError as error:
            name = value.get("id") if isinstance(value, dict) else None
            label = f"workout {name!r}"[:60] if isinstance(name, str) and name else where
            catalogue.problems.append((label, error))
            continue
        seen.add(entry.id)
        catalogue.entries.append(entry)
    return catalogue


def is_catalogue(document: Any) -> bool:
    return isinstance(document, dict) and ("workouts" in document or "categories" in document)
