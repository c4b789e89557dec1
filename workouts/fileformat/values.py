"""Workout values from JSON or front matter, or an error that names where they are.

The exercise importer's converters read text, names, difficulty words in both languages,
dates and durations; these add what only workouts have: minutes, flags, videos, category
choices and the structured sections and items an export writes.
"""

import re
from typing import Any

from exercises.fileformat.converters import kind_of, seconds_value, text_value
from exercises.fileformat.errors import ImportFileError
from exercises.text.prose import normalise_word
from workouts.fileformat.program import MAX_INSTRUCTIONS, MAX_ITEMS, MAX_SECTIONS
from workouts.fileformat.records import (
    CATEGORY_GROUPS,
    COOL_DOWN,
    EXERCISE,
    ITEM_KINDS,
    MAIN,
    REST,
    SECTION_KINDS,
    WARM_UP,
    ItemRecord,
    SectionRecord,
    VideoRecord,
)

MAX_VIDEOS = 100
MAX_MINUTES = 24 * 60
# A YouTube id: eleven URL-safe characters; anything else is refused rather than stored.
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_ITEM_TYPES = {
    "warmup": WARM_UP,
    "warm up": WARM_UP,
    "calentamiento": WARM_UP,
    "exercise": EXERCISE,
    "ejercicio": EXERCISE,
    "main": EXERCISE,
    "rest": REST,
    "descanso": REST,
    "cooldown": COOL_DOWN,
    "cool down": COOL_DOWN,
    "enfriamiento": COOL_DOWN,
}
# The section an item of the catalogue's flat list belongs to.
SECTION_OF_ITEM = {WARM_UP: WARM_UP, EXERCISE: MAIN, REST: MAIN, COOL_DOWN: COOL_DOWN}
# How a catalogue spells a group it shares with the model ("body-focus").
GROUP_BY_KEY = {group.replace("_", "-"): group for group in CATEGORY_GROUPS} | {
    group: group for group in CATEGORY_GROUPS
}


# Equipment words that mean none is needed.
_NO_EQUIPMENT = frozenset(
    {
        "none",
        "no equipment",
        "bodyweight",
        "ninguno",
        "ninguna",
        "sin equipo",
        "sin equipamiento",
        "nada",
    }
)


def equipment_words(words: list[str]) -> list[str]:
    """The equipment named, without the words that say none is needed."""
    return [word for word in words if normalise_word(word) not in _NO_EQUIPMENT]


def mapping(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ImportFileError(f"must be a mapping, not a {kind_of(value)}", where)
    return {str(key): item for key, item in value.items()}


def listing(value: object, where: str, limit: int) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ImportFileError(f"must be a list, not a {kind_of(value)}", where)
    if len(value) > limit:
        raise ImportFileError(f"holds {len(value)} entries, over the limit of {limit}", where)
    return value


def bool_value(value: object, where: str) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and normalise_word(value) in ("true", "yes", "si", "false", "no"):
        return normalise_word(value) in ("true", "yes", "si")
    raise ImportFileError(f"must be true or false, not {value!r}"[:120], where)


def minutes_value(value: object, where: str) -> int | None:
    """Minutes from 25, "25", "25 min" or "1h"; a bare number is minutes."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ImportFileError("must be a number of minutes, not true/false", where)
    if isinstance(value, int | float):
        number: float = value
    elif isinstance(value, str) and re.fullmatch(r"\s*\d{1,5}(?:[.,]\d+)?\s*", value):
        number = float(value.replace(",", "."))
    else:
        seconds = seconds_value(value, where)
        number = (seconds or 0) / 60
    if not 0 <= number <= MAX_MINUTES:
        raise ImportFileError(f"{value!r} is not between 0 and {MAX_MINUTES} minutes", where)
    return round(number)


def youtube_id(value: object, where: str) -> str:
    text = text_value(value, where)
    if not _YOUTUBE_ID.match(text):
        raise ImportFileError(f"{text[:40]!r} is not a YouTube video id", where)
    return text


def video_value(value: object, where: str) -> VideoRecord | None:
    """``{id, title, channel}``; a bare id is a video without a title."""
    if value is None or value == "" or value == {}:
        return None
    if isinstance(value, str):
        return VideoRecord(youtube_id(value, where))
    data = mapping(value, where)
    video_id = data.get("id", data.get("youtube_id"))
    return VideoRecord(
        youtube_id=youtube_id(video_id, f"{where}.id"),
        title=text_value(data.get("title"), f"{where}.title"),
        channel=text_value(data.get("channel"), f"{where}.channel"),
    )


def videos_value(value: object, where: str) -> list[VideoRecord]:
    videos = []
    for position, item in enumerate(listing(value, where, MAX_VIDEOS), start=1):
        if video := video_value(item, f"{where}[{position}]"):
            videos.append(video)
    return videos


def item_kind(value: object, where: str) -> str:
    text = normalise_word(text_value(value, where))
    kind = _ITEM_TYPES.get(text) or (text.replace(" ", "_") if text else EXERCISE)
    if kind not in ITEM_KINDS:
        known = ", ".join(ITEM_KINDS)
        raise ImportFileError(f"unknown item type {text!r} (use {known})", where)
    return kind


def instructions_value(value: object, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    texts = []
    for position, item in enumerate(listing(value, where, MAX_INSTRUCTIONS), start=1):
        if text := text_value(item, f"{where}[{position}]"):
            texts.append(text)
    return texts


def item_value(value: object, where: str, kind_key: str = "type") -> ItemRecord:
    """One item as a catalogue (``type``) or an export (``kind``) writes it."""
    data = mapping(value, where)
    name = text_value(data.get("name"), f"{where}.name")
    if not name:
        raise ImportFileError("an item needs a name", f"{where}.name")
    return ItemRecord(
        kind=item_kind(data.get(kind_key), f"{where}.{kind_key}"),
        name=name,
        duration=seconds_value(data.get("duration"), f"{where}.duration"),
        reps=text_value(data.get("reps"), f"{where}.reps"),
        instructions=instructions_value(data.get("instructions"), f"{where}.instructions"),
        exercise=text_value(data.get("exercise"), f"{where}.exercise"),
    )


def sections_value(value: object, where: str) -> list[SectionRecord]:
    """The ``sections`` an export writes: kind, title, minutes and items each."""
    sections = []
    items = 0
    for position, item in enumerate(listing(value, where, MAX_SECTIONS), start=1):
        at = f"{where}[{position}]"
        data = mapping(item, at)
        kind = normalise_word(text_value(data.get("kind"), f"{at}.kind")).replace(" ", "_")
        if kind not in SECTION_KINDS:
            known = ", ".join(SECTION_KINDS)
            raise ImportFileError(f"unknown section kind {kind!r} (use {known})", f"{at}.kind")
        rows = listing(data.get("items"), f"{at}.items", MAX_ITEMS)
        items += len(rows)
        if items > MAX_ITEMS:
            raise ImportFileError(f"more than {MAX_ITEMS} items", f"{at}.items")
        sections.append(
            SectionRecord(
                kind=kind,
                title=text_value(data.get("title"), f"{at}.title"),
                minutes=minutes_value(data.get("minutes"), f"{at}.minutes"),
                items=[
                    item_value(row, f"{at}.items[{number}]", kind_key="kind")
                    for number, row in enumerate(rows, start=1)
                ],
            )
        )
    return sections


def sections_from_items(items: list[ItemRecord]) -> list[SectionRecord]:
    """A catalogue's flat list in sections: a new one wherever the part changes."""
    sections: list[SectionRecord] = []
    for item in items:
        kind = SECTION_OF_ITEM[item.kind]
        if not sections or sections[-1].kind != kind:
            sections.append(SectionRecord(kind=kind))
        sections[-1].items.append(item)
    return sections


def category_choices(
    value: object, where: str
) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """``{group: [option ids]}``: the pairs of known groups, and the other groups as given."""
    if value is None:
        return [], {}
    chosen: list[tuple[str, str]] = []
    others: dict[str, list[str]] = {}
    for key, options in mapping(value, where).items():
        at = f"{where}.{key}"
        ids = [text_value(option, at) for option in listing(options, at, 100)]
        group = GROUP_BY_KEY.get(key)
        if group is None:
            others[key] = ids
            continue
        chosen.extend((group, option) for option in ids if option)
    return list(dict.fromkeys(chosen)), others
