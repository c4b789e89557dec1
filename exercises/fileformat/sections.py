"""Steps, modifications and FAQs written as body sections rather than front matter.

Real files mark sections with ``##``/``###``/``####`` headings or with a line that is only
``**Label:**``; lists are numbered or bulleted, and items may start with a bold label. After
a ``<!-- howto -->`` line, each heading names a step and the paragraphs below it are its text.
The body itself is never changed: these functions only read it.
"""

import re
from dataclasses import dataclass, field

from exercises.fileformat.converters import modification_level, normalise_word
from exercises.fileformat.records import FAQRecord, ModificationRecord, StepRecord
from exercises.models import ModificationLevel

_HOWTO_MARKER = re.compile(r"^\s*<!--\s*howto\s*-->\s*$", re.IGNORECASE)
_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_BOLD_LINE_HEADING = re.compile(r"^ {0,3}(?:\*\*|__)([^*_]+?)(?:\*\*|__)[ \t]*:?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)")
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
_BOLD_LEVEL = 7  # a ``**Label:**`` line ranks below every ``#`` heading

_STEP_SECTION_WORDS = {"execution", "ejecucion", "instructions", "instrucciones", "steps", "pasos"}
_STEP_SECTION_NAMES = {"how to", "how to do it", "how to perform", "como hacerlo", "step by step"}
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


@dataclass
class Section:
    title: str
    level: int
    lines: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return normalise_word(re.sub(r"[^\w\s-]", " ", self.title))


def _clean_heading(text: str) -> str:
    text = text.strip().strip("*_").strip()
    return text.rstrip(":：").strip().strip("*_").strip()


def split_sections(text: str) -> list[Section]:
    """The text cut at each heading; the first section (level 0) is what comes before any."""
    sections = [Section(title="", level=0)]
    in_fence = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            if heading := _ATX_HEADING.match(line):
                sections.append(Section(_clean_heading(heading[2]), len(heading[1])))
                continue
            if heading := _BOLD_LINE_HEADING.match(line):
                sections.append(Section(_clean_heading(heading[1]), _BOLD_LEVEL))
                continue
        sections[-1].lines.append(line)
    return sections


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


def list_items(lines: list[str]) -> list[ListItem]:
    """Top-level list items (and ``**Label:** text`` lines), continuation lines joined in."""
    items: list[tuple[list[str], bool]] = []
    current: list[str] | None = None
    after_blank = False
    for line in lines:
        if not line.strip():
            after_blank = True
            continue
        item = _LIST_ITEM.match(line)
        top_level = item is not None and len(item["indent"].expandtabs(4)) < 2
        if top_level or (not line.startswith((" ", "\t")) and _LABELLED.match(line)):
            text = item["text"] if item is not None and top_level else line
            current = [text.strip()]
            items.append((current, bool(item is not None and top_level and not item["bullet"])))
        elif current is not None and (line.startswith((" ", "\t")) or not after_blank):
            nested = _LIST_ITEM.match(line)
            current.append((nested["text"] if nested else line).strip())
        else:
            current = None
        after_blank = False
    return [ListItem(" ".join(parts), numbered) for parts, numbered in items]


def split_label(text: str) -> tuple[str, str]:
    """``**Label:** rest`` or ``**Label**: rest`` -> (label, rest); else ("", text)."""
    match = _LABELLED.match(text)
    if not match:
        return "", text
    label = match["inside"] or match["outside"]
    rest = match["rest"] if match["inside"] else match["rest2"]
    return label.strip(), (rest or "").strip()


def _is_step_section(section: Section) -> bool:
    key = section.key
    words = set(key.split())
    return key in _STEP_SECTION_NAMES or (len(words) <= 4 and bool(words & _STEP_SECTION_WORDS))


def _is_modification_section(section: Section) -> bool:
    words = set(section.key.split())
    return len(words) <= 4 and bool(words & _MODIFICATION_SECTION_WORDS)


def _is_faq_section(section: Section) -> bool:
    return section.key in _FAQ_SECTION_NAMES


def _with_subsections(sections: list[Section], index: int) -> list[Section]:
    parent = sections[index]
    group = [parent]
    for section in sections[index + 1 :]:
        if section.level <= parent.level:
            break
        group.append(section)
    return group


def howto_steps(howto: str) -> list[StepRecord]:
    """Named steps: each heading after the howto marker and the paragraphs under it."""
    steps = []
    for section in split_sections(howto)[1:]:
        text = "\n".join(section.lines).strip()
        if section.title or text:
            steps.append(StepRecord(title=section.title, text=text or section.title))
    return steps


def execution_steps(sections: list[Section]) -> list[StepRecord]:
    """The numbered (else bulleted) list of the first Execution/Steps/Pasos section."""
    for section in sections:
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
            return steps
    return []


def _labelled_level(label: str) -> tuple[str | None, str]:
    """(level, name) for labels such as "Easier", "Más fácil - Bent knees", "Single band"."""
    if level := modification_level(label):
        return level, ""
    parts = re.split(r"\s[-–—]\s|\s?\(", label, maxsplit=1)
    if len(parts) == 2 and (level := modification_level(parts[0])):
        return level, parts[1].rstrip(")").strip()
    return None, label


def body_modifications(sections: list[Section]) -> list[ModificationRecord]:
    modifications: list[ModificationRecord] = []
    for index, section in enumerate(sections):
        if not _is_modification_section(section):
            continue
        for part in _with_subsections(sections, index):
            part_level = modification_level(part.title) if part is not section else None
            items = list_items(part.lines)
            if not items and part_level and (text := "\n".join(part.lines).strip()):
                modifications.append(ModificationRecord(level=part_level, description=text))
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
        if modifications:
            break
    return modifications


def _question_answer_lines(lines: list[str]) -> list[FAQRecord]:
    faqs: list[FAQRecord] = []
    question: str | None = None
    answer: list[str] = []

    def flush() -> None:
        if question and answer:
            faqs.append(FAQRecord(question=question, answer=" ".join(answer)))

    for line in lines:
        if match := _QUESTION.match(line):
            flush()
            question, answer = match["text"].strip().strip("*_").strip(), []
        elif question is not None and (match := _ANSWER.match(line)):
            answer.append(match["text"].strip())
        elif question is not None and answer and line.strip():
            answer.append(line.strip())
    flush()
    return faqs


def body_faqs(sections: list[Section]) -> list[FAQRecord]:
    for index, section in enumerate(sections):
        if not _is_faq_section(section):
            continue
        group = _with_subsections(sections, index)
        faqs = _question_answer_lines([line for part in group for line in part.lines])
        for part in group[1:]:
            answer = "\n".join(part.lines).strip()
            if part.title and answer and not _QUESTION.match(answer):
                faqs.append(FAQRecord(question=part.title, answer=answer))
        if faqs:
            return faqs
    return []
