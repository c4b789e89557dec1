"""Steps, modifications and FAQs written as body sections rather than front matter.

Real files mark sections with ``##``/``###``/``####`` headings or with a line that is only
``**Label:**``; lists are numbered or bulleted, and items may start with a bold label. After
a ``<!-- howto -->`` line, each heading names a step and the paragraphs below it are its text.
``read_body`` also returns the prose that is left once those sections are taken out: a piece
of content is stored once, as rows, and the original file is kept as the exercise's source.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from exercises.fileformat.converters import modification_level
from exercises.fileformat.records import FAQRecord, ModificationRecord, StepRecord
from exercises.models import ModificationLevel
from exercises.text.prose import (
    Section,
    heading_family,
    join_sections,
    normalise_word,
    split_sections,
)

_HOWTO_MARKER = re.compile(r"^\s*<!--\s*howto\s*-->\s*$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?:\d{1,3}[.)]|(?P<bullet>[-*+]))[ \t]+(?P<text>.*)$")
_LABELLED = re.compile(
    r"^(?:\*\*|__)(?P<inside>[^*_]+?)\s*[:：](?:\*\*|__)\s*(?P<rest>.*)$"
    r"|^(?:\*\*|__)(?P<outside>[^*_]+?)(?:\*\*|__)\s*[:：]\s*(?P<rest2>.*)$"
)
_QUESTION = re.compile(
    r"^\s*(?:[-*+][ \t]+)?(?:\*\*|__)?(?:q|p|question|pregunta)(?:\*\*|__)?\s*[:.]"
    r"(?:\*\*|__)?\s*(?P<text>\S.*)$",
    re.IGNORECASE,
)
_ANSWER = re.compile(
    r"^\s*(?:[-*+][ \t]+)?(?:\*\*|__)?(?:a|r|answer|respuesta)(?:\*\*|__)?\s*[:.]"
    r"(?:\*\*|__)?\s*(?P<text>\S.*)$",
    re.IGNORECASE,
)

_MODIFICATION_SECTION_WORDS = {
    "modifications",
    "modification",
    "modificaciones",
    "modificacion",
    "variations",
    "variaciones",
    "variantes",
}
_FAQ_SECTION_NAMES = {
    "faq",
    "faqs",
    "frequently asked questions",
    "preguntas frecuentes",
    "common questions",
    "preguntas comunes",
}


def split_howto(body: str) -> tuple[str, str | None]:
    """The body before a ``<!-- howto -->`` line, and what follows it (None without one)."""
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if _HOWTO_MARKER.match(line):
            return "\n".join(lines[:index]), "\n".join(lines[index + 1 :])
    return body, None


@dataclass(frozen=True)
class ListItem:
    text: str
    numbered: bool
    line_numbers: tuple[int, ...] = ()  # the section lines the item was read from


def list_items(lines: list[str]) -> list[ListItem]:
    """Top-level list items (and ``**Label:** text`` lines), continuation lines joined in."""
    items: list[tuple[list[str], bool, list[int]]] = []
    current: tuple[list[str], bool, list[int]] | None = None
    after_blank = False
    for number, line in enumerate(lines):
        if not line.strip():
            after_blank = True
            continue
        item = _LIST_ITEM.match(line)
        top_level = item is not None and len(item["indent"].expandtabs(4)) < 2
        if top_level or (not line.startswith((" ", "\t")) and _LABELLED.match(line)):
            text = item["text"] if item is not None and top_level else line
            current = (
                [text.strip()],
                bool(item is not None and top_level and not item["bullet"]),
                [number],
            )
            items.append(current)
        elif current is not None and (line.startswith((" ", "\t")) or not after_blank):
            nested = _LIST_ITEM.match(line)
            current[0].append((nested["text"] if nested else line).strip())
            current[2].append(number)
        else:
            current = None
        after_blank = False
    return [
        ListItem(" ".join(parts), numbered, tuple(numbers)) for parts, numbered, numbers in items
    ]


def split_label(text: str) -> tuple[str, str]:
    """``**Label:** rest`` or ``**Label**: rest`` -> (label, rest); else ("", text)."""
    match = _LABELLED.match(text)
    if not match:
        return "", text
    label = match["inside"] or match["outside"]
    rest = match["rest"] if match["inside"] else match["rest2"]
    return label.strip(), (rest or "").strip()


def _is_step_section(section: Section) -> bool:
    """Execution, Steps, Movement, Pasos, How to perform... (prose's "steps" family)."""
    family = heading_family(section.title)
    return family is not None and family.name == "steps"


def _is_modification_section(section: Section) -> bool:
    words = set(section.key.split())
    return len(words) <= 4 and bool(words & _MODIFICATION_SECTION_WORDS)


def _is_faq_section(section: Section) -> bool:
    return section.key in _FAQ_SECTION_NAMES


def _with_subsections(sections: list[Section], index: int) -> list[int]:
    """The indexes of a section and of the deeper sections under it."""
    parent = sections[index]
    group = [index]
    for offset, section in enumerate(sections[index + 1 :], start=index + 1):
        if section.level <= parent.level:
            break
        group.append(offset)
    return group


# Which lines of which sections became structured rows: section index -> line indexes.
Taken = dict[int, set[int]]


def _take(taken: Taken, section_index: int, lines: Iterable[int]) -> None:
    taken.setdefault(section_index, set()).update(lines)


def howto_steps(howto: str) -> tuple[list[StepRecord], str]:
    """Named steps: each heading after the howto marker and the paragraphs under it; and
    the text before the first of them, which is not a step."""
    steps = []
    sections = split_sections(howto)
    for section in sections[1:]:
        text = "\n".join(section.lines).strip()
        if section.title or text:
            steps.append(StepRecord(title=section.title, text=text or section.title))
    return steps, sections[0].text()


def execution_steps(sections: list[Section], taken: Taken) -> list[StepRecord]:
    """The numbered (else bulleted) list of the first Execution/Steps/Pasos section."""
    for index, section in enumerate(sections):
        if not _is_step_section(section):
            continue
        items = list_items(section.lines)
        numbered = [item for item in items if item.numbered]
        chosen = numbered or items
        if chosen:
            steps = []
            for item in chosen:
                title, text = split_label(item.text)
                steps.append(StepRecord(title=title, text=text or title))
                _take(taken, index, item.line_numbers)
            return steps
    return []


# Words too common to tell two instructions apart.
_FILLER_WORDS = (
    "the and your you with to of a an in on at for as from into this that it is are be "
    "keep while then back up down el la los las de del y tu tus con en a al por para que "
    "se lo un una es mientras"
)
_FILLER = frozenset(_FILLER_WORDS.split())
_RESTATED_SHARE = 0.6  # of an item's words found in one step (and of the list's items)


def _content_words(text: str) -> set[str]:
    words = re.findall(r"\w+", normalise_word(text))
    return {word for word in words if len(word) > 2 and word not in _FILLER}


def _restates(item: str, steps_words: list[set[str]]) -> bool:
    """Whether one list item says what one of the steps says (most of its words)."""
    words = _content_words(item)
    if len(words) < 3:
        return False
    return any(
        len(words & step) >= _RESTATED_SHARE * min(len(words), len(step))
        for step in steps_words
        if step
    )


def restated_lists(sections: list[Section], steps: list[StepRecord], taken: Taken) -> None:
    """Take the body lists that restate the steps (a "Movement" or "Instructions" list beside
    named steps, a body "Execution" list beside front matter steps): most of their items
    say what a step says. The steps stay, being the structured rows the page, its HowTo
    data and the admin use; the list would only repeat them."""
    steps_words = [_content_words(f"{step.title} {step.text}") for step in steps]
    if not any(steps_words):
        return
    for index, section in enumerate(sections):
        items = [
            item
            for item in list_items(section.lines)
            if not set(item.line_numbers) <= taken.get(index, set())
        ]
        restating = [item for item in items if _restates(item.text, steps_words)]
        if len(restating) >= 2 and len(restating) >= _RESTATED_SHARE * len(items):
            for item in items:
                _take(taken, index, item.line_numbers)


def _labelled_level(label: str) -> tuple[str | None, str]:
    """(level, name) for labels such as "Easier", "Más fácil - Bent knees", "Single band"."""
    if level := modification_level(label):
        return level, ""
    parts = re.split(r"\s[-–—]\s|\s?\(", label, maxsplit=1)
    if len(parts) == 2 and (level := modification_level(parts[0])):
        return level, parts[1].rstrip(")").strip()
    return None, label


def body_modifications(sections: list[Section], taken: Taken) -> list[ModificationRecord]:
    modifications: list[ModificationRecord] = []
    for index, section in enumerate(sections):
        if not _is_modification_section(section):
            continue
        found: Taken = {}
        for part_index in _with_subsections(sections, index):
            part = sections[part_index]
            part_level = modification_level(part.title) if part is not section else None
            items = list_items(part.lines)
            if not items and part_level and (text := "\n".join(part.lines).strip()):
                modifications.append(ModificationRecord(level=part_level, description=text))
                _take(found, part_index, range(len(part.lines)))
            for item in items:
                label, rest = split_label(item.text)
                level, name = _labelled_level(label) if label else (None, "")
                modifications.append(
                    ModificationRecord(
                        level=level or part_level or str(ModificationLevel.VARIATION),
                        name=name,
                        description=rest if label else item.text,
                    )
                )
                _take(found, part_index, item.line_numbers)
        if modifications:
            for part_index, lines in found.items():
                _take(taken, part_index, lines)
            break
    return modifications


def _question_answer_lines(lines: list[str]) -> tuple[list[FAQRecord], set[int]]:
    faqs: list[FAQRecord] = []
    used: set[int] = set()
    question: str | None = None
    answer: list[str] = []
    pending: list[int] = []

    def flush() -> None:
        if question and answer:
            faqs.append(FAQRecord(question=question, answer=" ".join(answer)))
            used.update(pending)

    for number, line in enumerate(lines):
        if match := _QUESTION.match(line):
            flush()
            question, answer, pending = match["text"].strip().strip("*_").strip(), [], [number]
        elif question is not None and (match := _ANSWER.match(line)):
            answer.append(match["text"].strip())
            pending.append(number)
        elif question is not None and answer and line.strip():
            answer.append(line.strip())
            pending.append(number)
    flush()
    return faqs, used


def body_faqs(sections: list[Section], taken: Taken) -> list[FAQRecord]:
    for index, section in enumerate(sections):
        if not _is_faq_section(section):
            continue
        found: Taken = {}
        faqs: list[FAQRecord] = []
        for part_index in _with_subsections(sections, index):
            part = sections[part_index]
            questions, used = _question_answer_lines(part.lines)
            faqs.extend(questions)
            _take(found, part_index, used)
            answer = "\n".join(part.lines).strip()
            if part is not section and part.title and answer and not questions:
                faqs.append(FAQRecord(question=part.title, answer=answer))
                _take(found, part_index, range(len(part.lines)))
        if faqs:
            for part_index, lines in found.items():
                _take(taken, part_index, lines)
            return faqs
    return []


@dataclass
class BodyContent:
    """What a body's sections give, and the prose left once those sections are taken out."""

    steps: list[StepRecord] = field(default_factory=list)
    modifications: list[ModificationRecord] = field(default_factory=list)
    faqs: list[FAQRecord] = field(default_factory=list)
    prose: str = ""


def _remaining_prose(sections: list[Section], taken: Taken) -> str:
    """Every section without its taken lines; a section left with only blank lines goes whole
    (heading included), so a page never shows an empty "Execution" heading."""
    texts = []
    for index, section in enumerate(sections):
        lines = taken.get(index)
        if not lines:
            texts.append(section.text())
            continue
        kept = [line for number, line in enumerate(section.lines) if number not in lines]
        if any(line.strip() for line in kept):
            texts.append(section.text(kept))
    return join_sections(texts)


def read_body(
    body: str,
    *,
    steps_given: bool,
    modifications_given: bool,
    faqs_given: bool,
    given_steps: Sequence[StepRecord] = (),
) -> BodyContent:
    """Steps, modifications and FAQs the body holds where the front matter gives none.

    Whatever becomes a row leaves the prose, so the page shows each piece once. A howto part
    repeats the body's execution list as named steps: its steps win and that list goes too,
    as does any other body list that restates the steps (``given_steps`` are the front
    matter's). A body that gives nothing keeps its exact text.
    """
    before_howto, howto = split_howto(body)
    sections = split_sections(before_howto)
    taken: Taken = {}
    content = BodyContent()
    howto_prose = ""
    if not steps_given and howto:
        content.steps, howto_prose = howto_steps(howto)
    if content.steps:
        execution_steps(sections, taken)
    elif not steps_given:
        content.steps = execution_steps(sections, taken)
    if not modifications_given:
        content.modifications = body_modifications(sections, taken)
    if not faqs_given:
        content.faqs = body_faqs(sections, taken)
    restated_lists(sections, content.steps or list(given_steps), taken)
    howto_used = howto is not None and bool(content.steps) and not steps_given
    if not taken and not howto_used:
        content.prose = body
        return content
    # An unused howto part stays as written, marker and all.
    tail = howto_prose if howto_used else body[len(before_howto) :]
    content.prose = join_sections([_remaining_prose(sections, taken), tail])
    return content
