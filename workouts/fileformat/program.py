"""A workout page's body into timed sections of items, in the three layouts pages use.

Sections are headings the workout's parts are named by (``### Warm-Up (3 minutes)``,
``#### Block 1: Core``, ``### Enfriamiento (2 minutos)``) or that give minutes. Their
exercises are bold names:

- on a line of their own, with the bullets under them as instructions
  (``**The Hundred (2 min)**``);
- in a numbered list, with a description and maybe the time after a dash
  (``1. **Seated Bounces** - bounce gently (1 min)``);
- in bullets, with reps after a dash (``- **Ball Plank** - 30 sec x 3``);

and ``*Rest 30 seconds*`` lines are rests. A page whose sections name no item keeps its body
as it is (premade pages describe their parts in prose; their items come from the catalogue).
Otherwise the sections become rows and leave the body, except for text under a section
heading before its first item, which stays in the body under that heading: nothing is lost.
"""

import re
from dataclasses import dataclass, field

from exercises.fileformat.converters import seconds_value
from exercises.fileformat.errors import ImportFileError
from exercises.text.prose import normalise_word
from workouts.fileformat.records import (
    BLOCK,
    COOL_DOWN,
    EXERCISE,
    MAIN,
    REST,
    WARM_UP,
    ItemRecord,
    SectionRecord,
)

# More than any workout holds, few enough that the admin's inline forms can carry them.
MAX_SECTIONS = 50
MAX_ITEMS = 300
MAX_INSTRUCTIONS = 50

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
# "(3 minutes)", "(2 minutos)", "(1 min)", "- 5 min", ": 5 Minutes", "(20-25 minutes)" at the
# end of a heading; a range counts as its upper bound.
_NUMBER = r"\d{1,4}(?:[.,]\d+)?"
_MINUTE_UNITS = r"(?:min|mins|minute|minutes|minuto|minutos)"
_SECOND_UNITS = r"(?:sec|secs|second|seconds|seg|segs|segundo|segundos|s)"
_MINUTES = re.compile(
    rf"[(\[:\-–—]\s*(?:{_NUMBER}\s*(?:-|–|to|a)\s*)?({_NUMBER})\s*{_MINUTE_UNITS}\.?\s*[)\]]?\s*$",
    re.IGNORECASE,
)
# A time at the end of a name or description: "(1 min)", "(30 sec per side)", "(1,5 min)",
# "(1-2 min)" (its upper bound; the range itself is kept beside it).
_TIME = re.compile(
    rf"\(\s*(?P<low>{_NUMBER}\s*[-–]\s*)?(?P<time>{_NUMBER}\s*(?:{_MINUTE_UNITS}|{_SECOND_UNITS})\.?)"
    r"(?:\s+(?P<aside>[^()]*?))?\s*\)\s*$",
    re.IGNORECASE,
)
_BOLD_LINE = re.compile(r"^\*\*(?P<name>[^*]+?)\*\*[ \t]*(?:[-–—:][ \t]*)?(?P<rest>.*)$")
_BOLD_ITEM = re.compile(
    r"^(?P<marker>[-*+]|\d{1,3}[.)])[ \t]+\*\*(?P<name>[^*]+?)\*\*[ \t]*(?:[-–—:][ \t]*)?"
    r"(?P<rest>.*)$"
)
_BULLET = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+(?P<text>.*)$")
_ITALIC_LINE = re.compile(r"^[ \t]*[*_](?P<text>[^*_].*?)[*_][ \t]*$")
_REST_WORDS = ("rest", "descanso", "descansa", "pausa", "break", "recover", "recupera")
_COUNT_FIRST = re.compile(r"^\d")

_WARM_UP_WORDS = ("warm up", "warmup", "calentamiento", "activacion")
_COOL_DOWN_WORDS = (
    "cool down",
    "cooldown",
    "enfriamiento",
    "vuelta a la calma",
    "estiramiento final",
    "relajacion final",
)
_BLOCK_WORDS = ("block", "bloque", "round", "ronda", "circuit", "circuito", "set ", "serie")
_MAIN_WORDS = ("main", "principal")
# Words that name the main part only beside minutes: "## The Workout" is a page's chapter.
_TIMED_MAIN_WORDS = ("workout", "entrenamiento", "trabajo", "series", "flow", "flujo")


@dataclass
class ParsedBody:
    sections: list[SectionRecord]
    body: str  # what stays as prose
    layouts: set[str] = field(default_factory=set)  # "line", "numbered", "bullets"
    # The timed headings of a body that names no item: a catalogue's items take their
    # titles and minutes.
    outline: list[SectionRecord] = field(default_factory=list)


def section_kind(title: str, *, timed: bool = False) -> str | None:
    """The part of a workout a heading names, or None for any other heading."""
    key = normalise_word(re.sub(r"[^\w\s-]", " ", title))
    if key.startswith(_BLOCK_WORDS) or re.match(r"^(?:block|bloque|round|ronda)\s*\d", key):
        return BLOCK
    if any(word in key for word in _WARM_UP_WORDS):
        return WARM_UP
    if any(word in key for word in _COOL_DOWN_WORDS):
        return COOL_DOWN
    if any(word in key for word in _MAIN_WORDS):
        return MAIN
    if timed and any(word in key for word in _TIMED_MAIN_WORDS):
        return MAIN
    return None


def heading_minutes(title: str, where: str) -> tuple[str, int | None]:
    """A heading's title without its minutes, and the minutes."""
    match = _MINUTES.search(title)
    if not match:
        return title.strip(), None
    minutes = float(match.group(1).replace(",", "."))
    if minutes > 24 * 60:
        raise ImportFileError(f"a section of {match.group(1)} minutes is over a day", where)
    return title[: match.start()].strip(" :-–—"), round(minutes)


def split_time(text: str, where: str) -> tuple[str, int | None, str]:
    """``Seated Bounces (1 min)`` -> name, 60 seconds and what the brackets said besides."""
    match = _TIME.search(text)
    if not match:
        return text.strip(), None, ""
    seconds = seconds_value(match["time"], where)
    aside = (match["aside"] or "").strip()
    if match["low"]:
        aside = text[match.start() + 1 : match.end()].strip().rstrip(")").strip()
    return text[: match.start()].strip(), seconds, aside


def _is_rest(name: str) -> bool:
    return normalise_word(name).startswith(_REST_WORDS)


def _item_kind(section: SectionRecord, name: str) -> str:
    if _is_rest(name):
        return REST
    if section.kind in (WARM_UP, COOL_DOWN):
        return section.kind
    return EXERCISE


def _details(text: str, where: str) -> tuple[int | None, str, list[str]]:
    """After a bold name: its time, its reps (text that starts with a count) or an instruction."""
    text, seconds, aside = split_time(text, where)
    if aside:
        text = f"{text} ({aside})" if text else aside
    if not text:
        return seconds, "", []
    if _COUNT_FIRST.match(text):
        return seconds, text, []
    return seconds, "", [text]


class _Reader:
    """Walks the body line by line, collecting sections and what stays prose."""

    def __init__(self) -> None:
        self.sections: list[SectionRecord] = []
        self.kept: list[str] = []
        self.layouts: set[str] = set()
        self.section: SectionRecord | None = None
        self.section_level = 0
        self.item: ItemRecord | None = None
        self.item_from_line = False  # a bold line: the bullets under it are its instructions
        self.pending_heading: str | None = None  # kept only if text under it stays prose

    def keep(self, line: str) -> None:
        if self.pending_heading is not None:
            self.kept.extend(["", self.pending_heading] if self.kept else [self.pending_heading])
            self.pending_heading = None
        self.kept.append(line)

    def open_section(
        self, kind: str, title: str, minutes: int | None, level: int, line: str
    ) -> None:
        if len(self.sections) >= MAX_SECTIONS:
            raise ImportFileError(f"more than {MAX_SECTIONS} sections", f"line {line}")
        self.section = SectionRecord(kind=kind, title=title, minutes=minutes)
        self.sections.append(self.section)
        self.section_level = level
        self.item = None

    def add_item(self, item: ItemRecord, where: str) -> None:
        assert self.section is not None
        if sum(len(section.items) for section in self.sections) >= MAX_ITEMS:
            raise ImportFileError(f"more than {MAX_ITEMS} items", where)
        self.section.items.append(item)
        self.item = item

    def instruction(self, text: str, where: str) -> None:
        assert self.item is not None
        if len(self.item.instructions) >= MAX_INSTRUCTIONS:
            raise ImportFileError(f"an item with more than {MAX_INSTRUCTIONS} instructions", where)
        self.item.instructions.append(text)


def _section_line(reader: _Reader, line: str, where: str) -> bool:
    """Reads one line inside a section; False when the line is not part of a workout."""
    section = reader.section
    assert section is not None
    stripped = line.strip()
    if not stripped:
        return True
    if bold := _BOLD_LINE.match(stripped):
        raw_name = bold["name"].strip()
        if raw_name.endswith(":"):
            # A label such as "**Tips:**" or "**Form cue:** ribs down", not an exercise.
            if reader.item is not None and reader.item_from_line and bold["rest"]:
                reader.instruction(stripped, where)
                return True
            return False
        name, name_seconds, aside = split_time(raw_name, where)
        seconds, reps, instructions = _details(bold["rest"], where)
        reader.add_item(
            ItemRecord(
                kind=_item_kind(section, name),
                name=name,
                duration=seconds if seconds is not None else name_seconds,
                reps=reps or aside,
                instructions=instructions,
            ),
            where,
        )
        reader.item_from_line = True
        reader.layouts.add("line")
        return True
    if listed := _BOLD_ITEM.match(stripped):
        name, name_seconds, _ = split_time(listed["name"].strip().rstrip(":"), where)
        seconds, reps, instructions = _details(listed["rest"], where)
        reader.add_item(
            ItemRecord(
                kind=_item_kind(section, name),
                name=name,
                duration=seconds if seconds is not None else name_seconds,
                reps=reps,
                instructions=instructions,
            ),
            where,
        )
        reader.item_from_line = False
        reader.layouts.add("bullets" if listed["marker"] in "-*+" else "numbered")
        return True
    rest_line = _ITALIC_LINE.match(line) or (None if reader.item_from_line else _BULLET.match(line))
    if rest_line and _is_rest(rest_line["text"].strip("*_ ")):
        text = rest_line["text"].strip("*_ ")
        seconds_match = re.search(r"\d{1,4}(?:[.,]\d+)?\s*[a-zA-Z]+", text)
        seconds = seconds_value(seconds_match.group(0), where) if seconds_match else None
        word = text.split()[0]
        reps = "" if seconds_match and word + " " + seconds_match.group(0) == text else text
        reader.add_item(ItemRecord(kind=REST, name=word, duration=seconds, reps=reps), where)
        reader.item_from_line = False
        return True
    if reader.item is not None and (bullet := _BULLET.match(line)):
        if reader.item_from_line:
            reader.instruction(bullet["text"].strip(), where)
            return True
        return False
    if reader.item is not None and reader.item_from_line:
        reader.instruction(stripped, where)
        return True
    return False


def parse_program(body: str, *, first_line: int = 1) -> ParsedBody:
    """The body's timed sections and items; the body unchanged when no section names an item.

    ``first_line`` is the file line the body starts on, for messages.
    """
    reader = _Reader()
    in_fence = False
    lines = body.split("\n")
    for number, line in enumerate(lines, start=first_line):
        where = f"line {number}"
        if _FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading:
            level, text = (
                len(heading.group(1)),
                heading.group(2).replace("**", "").replace("__", ""),
            )
            title, minutes = heading_minutes(text, where)
            kind = section_kind(title, timed=minutes is not None)
            if kind is not None or minutes is not None:
                if kind is None and reader.section is not None and level > reader.section_level:
                    kind = BLOCK  # a timed heading inside a section is one of its blocks
                reader.open_section(kind or MAIN, title, minutes, level, str(number))
                reader.pending_heading = line
                continue
            if reader.section is not None and level > reader.section_level:
                # A sub-heading that names no part ("#### Notes"): prose within the section.
                reader.keep(line)
                continue
            reader.section = None
            reader.pending_heading = None
            reader.kept.append(line)
            continue
        if reader.section is None or in_fence:
            reader.kept.append(line)
            continue
        if not _section_line(reader, line, where):
            reader.keep(line)
    items = sum(len(section.items) for section in reader.sections)
    if not items:
        return ParsedBody(sections=[], body=body, outline=reader.sections)
    kept = "\n".join(reader.kept).strip("\n")
    kept = re.sub(r"\n{3,}", "\n\n", kept)
    return ParsedBody(sections=reader.sections, body=kept, layouts=reader.layouts)
