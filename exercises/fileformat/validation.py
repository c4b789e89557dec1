"""Checks on a whole record that no single field's reader can make.

They run in the parser, so a dry run refuses exactly what the real run refuses.
"""

from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from typing import Any

from exercises.fileformat.characters import describe_character, first_invalid_character
from exercises.fileformat.errors import ImportFileError
from exercises.fileformat.fields import FIELD_BY_ATTRIBUTE, source_name
from exercises.fileformat.records import ExerciseRecord
from exercises.limits import MAX_FAQS, MAX_MODIFICATIONS, MAX_STEPS, MAX_VIDEOS

# The record attributes holding child rows, and how many rows the admin can still edit.
ITEM_LIMITS = {
    "steps": MAX_STEPS,
    "modifications": MAX_MODIFICATIONS,
    "faqs": MAX_FAQS,
    "videos": MAX_VIDEOS,
}
# Not text from the file: paths and hashes the importer computed, and warnings.
_NOT_CHECKED = frozenset({"source_path", "source_hash", "image", "warnings", "extra_front_matter"})


def check_record(record: ExerciseRecord, *, body_starts_on: int) -> None:
    """Raise ImportFileError for too many child rows or a character no database stores."""
    for attribute, limit in ITEM_LIMITS.items():
        items = getattr(record, attribute)
        if len(items) > limit:
            key = source_name(attribute)
            problem = (
                f"{key} has {len(items)} items; an exercise holds at most {limit}, so that "
                "editors can still change it in the admin"
            )
            raise ImportFileError(problem, key)
    for name, text in _texts(record):
        position = first_invalid_character(text)
        if position is None:
            continue
        character = describe_character(text[position])
        problem = f"{name} contains the character {character}, which cannot be stored"
        if name == "body":
            raise ImportFileError(
                problem, f"line {body_starts_on + text.count(chr(10), 0, position)}"
            )
        if name == source_name("source_text"):  # the whole file, kept for provenance
            problem = f"the file contains the character {character}, which cannot be stored"
            raise ImportFileError(problem, f"line {1 + text.count(chr(10), 0, position)}")
        raise ImportFileError(problem, name)


def _texts(record: ExerciseRecord) -> Iterator[tuple[str, str]]:
    """Every piece of text in the record, with the key the file names it by."""
    for record_field in fields(record):
        name = record_field.name
        if name in _NOT_CHECKED:
            continue
        value = getattr(record, name)
        key = source_name(name)
        if isinstance(value, str):
            yield key, value
        elif isinstance(value, list):
            for number, item in enumerate(value, start=1):
                if isinstance(item, str):
                    yield key, item
                elif is_dataclass(item):
                    yield from _item_texts(item, name, f"{key}[{number}]")
    yield from _nested_texts(record.extra_front_matter, "")


def _item_texts(item: Any, attribute: str, where: str) -> Iterator[tuple[str, str]]:
    item_keys = FIELD_BY_ATTRIBUTE[attribute].item_keys
    for item_field in fields(item):
        value = getattr(item, item_field.name)
        if isinstance(value, str):
            key = item_keys[item_field.name][0] if item_field.name in item_keys else item_field.name
            yield f"{where}.{key}", value


def _nested_texts(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """Strings in the kept front matter; its size was bounded when it was made JSON-safe."""
    pending = [(where, value)]
    while pending:
        where, value = pending.pop()
        if isinstance(value, str):
            yield where, value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield where or key, key
                pending.append((f"{where}.{key}" if where else key, item))
        elif isinstance(value, list):
            pending.extend((f"{where}[{number}]", item) for number, item in enumerate(value, 1))
