"""Markdown prose cut at its headings, and the parts a detail page places in teaching order.

Plain functions on text, no database and no models, so both the model (which renders the
parts when a body is saved) and the importer (which reads steps out of sections) use them.
A page reads: summary, setup, steps, breathing and tips, modifications, FAQ; so a body's
"Starting position" sections go before the steps and its "Breathing", "Tips" or "Common
mistakes" sections after them, whatever order the source file wrote them in.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_BOLD_LINE_HEADING = re.compile(r"^ {0,3}(?:\*\*|__)([^*_]+?)(?:\*\*|__)[ \t]*:?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)")
BOLD_LEVEL = 7  # a ``**Label:**`` line ranks below every ``#`` heading


def strip_accents(text: str) -> str:
    """``tirón`` -> ``tiron``: accents dropped, every other character kept as it is."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalise_word(text: str) -> str:
    """Lower case, no accents, single spaces: how enum values and headings are compared."""
    plain = strip_accents(text)
    return " ".join(plain.casefold().replace("_", " ").replace("-", " ").split())


@dataclass
class Section:
    title: str
    level: int
    lines: list[str] = field(default_factory=list)
    heading: str | None = None  # the heading line as written; None for the text before any

    @property
    def key(self) -> str:
        return normalise_word(re.sub(r"[^\w\s-]", " ", self.title))

    def text(self, lines: list[str] | None = None) -> str:
        """The section as written (or with only ``lines`` under its heading)."""
        kept = self.lines if lines is None else lines
        return "\n".join(kept if self.heading is None else [self.heading, *kept])


def _clean_heading(text: str) -> str:
    text = text.strip().strip("*_").strip()
    return text.rstrip(":：").strip().strip("*_").strip()


def split_sections(text: str) -> list[Section]:
    """The text cut at each heading; the first section (level 0) is what comes before any.

    Joining every section's ``text()`` with newlines gives the text back unchanged.
    """
    sections = [Section(title="", level=0)]
    in_fence = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            if heading := _ATX_HEADING.match(line):
                sections.append(Section(_clean_heading(heading[2]), len(heading[1]), [], line))
                continue
            if heading := _BOLD_LINE_HEADING.match(line):
                sections.append(Section(_clean_heading(heading[1]), BOLD_LEVEL, [], line))
                continue
        sections[-1].lines.append(line)
    return sections


def join_sections(parts: list[str]) -> str:
    """Sections' texts back into one body, without the blank runs that removed ones leave."""
    text = "\n".join(parts)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n" if text.strip() else ""


class ProsePart(StrEnum):
    ABOUT = "about"  # before the first heading, and sections of no known kind
    SETUP = "setup"  # before the steps
    GUIDANCE = "guidance"  # after the steps: breathing, tips, mistakes, cautions


# Heading words (normalised) that mark a section's place on the page, in both languages.
_SETUP_WORDS = {
    "setup",
    "set up",
    "starting position",
    "start position",
    "preparation",
    "position",
    "posicion inicial",
    "posicion de inicio",
    "preparacion",
    "colocacion",
}
_GUIDANCE_WORDS = {
    "breathing",
    "breath",
    "tips",
    "tip",
    "key points",
    "cues",
    "form tips",
    "common mistakes",
    "mistakes",
    "caution",
    "cautions",
    "safety",
    "precautions",
    "respiracion",
    "consejos",
    "puntos clave",
    "errores comunes",
    "errores",
    "precaucion",
    "precauciones",
    "seguridad",
}


def section_part(section: Section) -> ProsePart:
    if section.key in _SETUP_WORDS:
        return ProsePart.SETUP
    if section.key in _GUIDANCE_WORDS:
        return ProsePart.GUIDANCE
    return ProsePart.ABOUT


def prose_parts(body: str) -> dict[ProsePart, str]:
    """The body's markdown by the part of the page it belongs in, in source order.

    A section takes its subsections of no known kind with it, so a "Tips" heading's ``###``
    children stay under it, while a "**Breathing:**" line under "## Setup" moves on.
    """
    parts: dict[ProsePart, list[str]] = {part: [] for part in ProsePart}
    current = ProsePart.ABOUT
    owner_level = 0
    for section in split_sections(body):
        if section.heading is not None:
            part = section_part(section)
            if owner_level == 0 or section.level <= owner_level or part is not ProsePart.ABOUT:
                current, owner_level = part, section.level
        parts[current].append(section.text())
    return {part: join_sections(texts) for part, texts in parts.items()}
