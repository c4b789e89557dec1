"""The exercise file format, declared once: every front-matter key and what it means.

Each ``FrontMatterField`` names the key the exporter writes, the other spellings the importer
accepts, the record attribute (which is also the ``Exercise`` field) it fills, how a value is
read and how it is written back. The parser, the writer, the exporter and the error messages
all read this table, the way a ModelSerializer declares a mapping once and uses it both ways.
A new simple field is one line here plus the model field.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from exercises.fileformat import front_matter_values as out
from exercises.fileformat.converters import (
    date_value,
    difficulty_value,
    language_value,
    name_list,
    seconds_value,
    status_value,
    text_list,
    text_value,
)
from exercises.fileformat.structured import faq_records, modification_records, step_records
from exercises.fileformat.videos import video_records
from exercises.models import Exercise

FrontMatter = Mapping[str, Any]


class FieldKind(StrEnum):
    """How the writer stores a field."""

    COLUMN = "column"  # copied onto the exercise as it is
    TERM = "term"  # one taxonomy term by name (a foreign key)
    TERMS = "terms"  # taxonomy terms or tags by name (many-to-many)
    ITEMS = "items"  # ordered child rows (steps, modifications, FAQs, videos)
    ADDRESSES = "addresses"  # old addresses that redirect to the exercise


@dataclass(frozen=True)
class FrontMatterField:
    key: str  # the spelling the exporter writes
    attribute: str  # on ExerciseRecord and on Exercise
    read: "Reader"
    write: "Writer" = out.attribute_value
    aliases: tuple[str, ...] = ()  # other spellings the importer reads
    kind: FieldKind = FieldKind.COLUMN
    # For ITEMS: each child attribute and the keys an item may spell it with, written first.
    item_keys: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.key, *self.aliases)

    def first_given(self, front_matter: FrontMatter) -> tuple[str, Any]:
        """The first spelling with a value, and that value; else the key and None."""
        for spelling in self.spellings:
            value = front_matter.get(spelling)
            if value is not None and value != "":
                return spelling, value
        return self.key, None

    def item_key(self, attribute: str) -> str:
        """The key an item's attribute is written with, which errors also name."""
        return self.item_keys[attribute][0]


Reader = Callable[[FrontMatterField, FrontMatter, list[str]], Any]
Writer = Callable[[Exercise, FrontMatterField], Any]
ValueConverter = Callable[[Any, str], Any]


def _one(convert: ValueConverter) -> Reader:
    """A reader for a field whose first given spelling is converted on its own."""

    def read(front_matter_field: FrontMatterField, front_matter: FrontMatter, _: list[str]) -> Any:
        spelling, value = front_matter_field.first_given(front_matter)
        return convert(value, spelling)

    return read


def _status(front_matter_field: FrontMatterField, front_matter: FrontMatter, _: list[str]) -> str:
    """``status: draft`` and ``draft: true`` both make a draft."""
    (draft_key,) = front_matter_field.aliases
    return status_value(
        front_matter.get(front_matter_field.key),
        front_matter.get(draft_key),
        status_where=front_matter_field.key,
        draft_where=draft_key,
    )


def _videos(
    front_matter_field: FrontMatterField, front_matter: FrontMatter, warnings: list[str]
) -> Any:
    """Every spelling counts, in source order: single videos first, then the list."""
    given = [
        (spelling, front_matter[spelling], spelling == front_matter_field.key)
        for spelling in (*front_matter_field.aliases, front_matter_field.key)
        if front_matter.get(spelling) not in (None, "")
    ]
    return video_records(given, front_matter_field.item_keys, warnings)


def _items(convert: Callable[[Any, FrontMatterField, list[str]], Any]) -> Reader:
    def read(
        front_matter_field: FrontMatterField, front_matter: FrontMatter, warnings: list[str]
    ) -> Any:
        _, value = front_matter_field.first_given(front_matter)
        if value is None or value == []:
            return []
        return convert(value, front_matter_field, warnings)

    return read


_names = _one(name_list)

# In the order the exporter writes them.
FIELDS: tuple[FrontMatterField, ...] = (
    FrontMatterField("title", "title", _one(text_value)),
    FrontMatterField("slug", "slug", _one(text_value)),
    # The page's address on its source site (Hugo's ``url``); the exporter writes the current
    # one, so an export imported elsewhere keeps its addresses.
    FrontMatterField(
        "url", "source_url", _one(text_value), out.current_address, kind=FieldKind.ADDRESSES
    ),
    FrontMatterField(
        "aliases", "aliases", _one(text_list), out.old_addresses, kind=FieldKind.ADDRESSES
    ),
    FrontMatterField("language", "language", _one(language_value), aliases=("lang",)),
    FrontMatterField(
        "translationKey", "translation_key", _one(text_value), aliases=("translation_key",)
    ),
    FrontMatterField("description", "description", _one(text_value)),
    FrontMatterField("date", "published_on", _one(date_value)),
    FrontMatterField("lastmod", "last_modified_on", _one(date_value)),
    FrontMatterField("status", "status", _status, aliases=("draft",)),
    FrontMatterField(
        "category", "category", _one(text_value), out.category_name, kind=FieldKind.TERM
    ),
    FrontMatterField("difficulty", "difficulty", _one(difficulty_value)),
    FrontMatterField("duration", "duration", _one(seconds_value)),
    FrontMatterField("equipment", "equipment", _names, out.term_names, kind=FieldKind.TERMS),
    FrontMatterField("muscles", "muscles", _names, out.term_names, kind=FieldKind.TERMS),
    FrontMatterField("keywords", "tags", _names, out.term_names, kind=FieldKind.TERMS),
    FrontMatterField("author", "author", _one(text_value)),
    FrontMatterField("image", "image_source", _one(text_value), out.image_path),
    FrontMatterField(
        "videos",
        "videos",
        _videos,
        out.videos,
        aliases=("video_id", "video"),
        kind=FieldKind.ITEMS,
        item_keys={
            "video_id": ("id", "video_id", "youtube"),
            "provider": ("provider",),
            "url": ("url",),
            "title": ("title",),
            "channel": ("channel",),
            "start": ("start",),
            "upload_date": ("upload_date", "uploadDate", "uploaded"),
            "duration": ("duration",),
        },
    ),
    FrontMatterField(
        "steps",
        "steps",
        _items(step_records),
        out.steps,
        kind=FieldKind.ITEMS,
        item_keys={"title": ("title", "name"), "text": ("text", "description", "instruction")},
    ),
    FrontMatterField(
        "modifications",
        "modifications",
        _items(modification_records),
        out.modifications,
        kind=FieldKind.ITEMS,
        item_keys={"name": ("name",), "level": ("level",), "description": ("description", "text")},
    ),
    FrontMatterField(
        "faq",
        "faqs",
        _items(faq_records),
        out.faqs,
        aliases=("faqs",),
        kind=FieldKind.ITEMS,
        item_keys={
            "question": ("q", "question", "pregunta"),
            "answer": ("a", "answer", "respuesta"),
        },
    ),
)

FIELD_BY_ATTRIBUTE: dict[str, FrontMatterField] = {field.attribute: field for field in FIELDS}
# Every spelling the importer reads; the source's other keys are kept as extra front matter.
KNOWN_KEYS = frozenset(spelling for field in FIELDS for spelling in field.spellings)


def read_front_matter(front_matter: FrontMatter, warnings: list[str]) -> dict[str, Any]:
    """Each field's value by record attribute; empty where the file does not give it."""
    return {field.attribute: field.read(field, front_matter, warnings) for field in FIELDS}


def write_front_matter(exercise: Exercise) -> dict[str, Any]:
    """Each field's value by key in the table's order, empty values left out."""
    data = {field.key: field.write(exercise, field) for field in FIELDS}
    return {key: value for key, value in data.items() if value not in ("", None, [])}


def source_name(attribute: str) -> str:
    """How the file names an exercise field, for error messages."""
    front_matter_field = FIELD_BY_ATTRIBUTE.get(attribute)
    return front_matter_field.key if front_matter_field else attribute
