"""Markdown prose cut at its headings, and the parts a detail page places in teaching order.

Plain functions on text, no database and no models, so both the model (which renders the
parts when a body is saved) and the importer (which reads steps out of sections) use them.
A page reads: summary, setup, steps, breathing and tips, modifications, FAQ; so a body's
"Starting position" sections go before the steps and its "Breathing", "Tips" or "Common
mistakes" sections after them, whatever order the source file wrote them in.
"""

import functools
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
    SETUP = "setup"  # before the steps: setup, then body sections that describe the movement
    GUIDANCE = "guidance"  # after the steps: breathing, tips, mistakes, benefits, safety


@dataclass(frozen=True)
class HeadingFamily:
    """Headings that teach the same thing, in both languages, and where the page puts them.

    ``words`` are normalised (see ``normalise_word``); a heading belongs to the family when
    it starts with one of them or contains one as whole words (``Tips for Success``,
    ``Errores comunes a evitar``, ``Key points``).
    """

    name: str
    part: ProsePart
    words: tuple[str, ...]


# In teaching order: a page shows the setup, then the steps, then these in this order.
def _family(name: str, part: ProsePart, english: str, spanish: str) -> HeadingFamily:
    """A family from its English and Spanish words, each list separated by ``|``."""
    return HeadingFamily(name, part, tuple(f"{english}|{spanish}".split("|")))


# In teaching order: a page shows the setup, then the steps, then these in this order.
FAMILIES = (
    _family(
        "setup",
        ProsePart.SETUP,
        "setup|set up|starting position|start position|starting|position|preparation|"
        "get ready|equipment|what you need",
        "posicion inicial|posicion de inicio|posicion|preparacion|colocacion|configuracion|"
        "material|materiales|lo que necesitas",
    ),
    _family(
        "steps",
        ProsePart.SETUP,
        "steps|step|execution|movement|movements|instructions|how to|performing|procedure",
        "pasos|paso|ejecucion|movimiento|movimientos|instrucciones|como hacerlo|como realizar|"
        "realizacion|procedimiento",
    ),
    _family(
        "breathing",
        ProsePart.GUIDANCE,
        "breathing|breath|breathe",
        "respiracion|respira|respirar",
    ),
    _family(
        "tips",
        ProsePart.GUIDANCE,
        "tips|tip|key points|cues|coaching|pointers|form|technique|focus",
        "consejos|consejo|puntos clave|claves|indicaciones|recomendaciones|sugerencias|"
        "trucos|tecnica",
    ),
    _family(
        "mistakes",
        ProsePart.GUIDANCE,
        "common mistakes|mistakes|mistake|errors|error|avoid|pitfalls",
        "errores comunes|errores|fallos|evitar",
    ),
    _family(
        "benefits",
        ProsePart.GUIDANCE,
        "benefits|benefit|why it works",
        "beneficios|beneficio|ventajas",
    ),
    _family(
        "safety",
        ProsePart.GUIDANCE,
        "safety|caution|cautions|precautions|precaution|warning|warnings|contraindications",
        "seguridad|precaucion|precauciones|advertencia|advertencias|contraindicaciones|cuidado",
    ),
)
# Where a heading contains words of several families and starts with none, the more specific
# advice wins: "Hand position tips" is a tip, "Breathing in the movement" breathing.
_CONTAINS_PRIORITY = ("mistakes", "safety", "breathing", "tips", "benefits", "setup", "steps")
_FAMILY_BY_NAME = {family.name: family for family in FAMILIES}
_RANK = {family.name: rank for rank, family in enumerate(FAMILIES)}


def _has_words(key: str, words: str) -> bool:
    return re.search(rf"(?:^|\s){re.escape(words)}(?:\s|$)", key) is not None


# Remembered: a library repeats a few dozen headings thousands of times, and an import
# classifies each one several times (its steps, then its parts when the HTML is stored).
@functools.lru_cache(maxsize=4096)
def heading_family(title: str) -> HeadingFamily | None:
    """The family a heading belongs to, accents and case ignored; None for other headings."""
    key = normalise_word(re.sub(r"[^\w\s-]", " ", title))
    if not key:
        return None
    starting = [
        (len(word), family)
        for family in FAMILIES
        for word in family.words
        if key == word or key.startswith(word + " ")
    ]
    if starting:
        return max(starting, key=lambda found: found[0])[1]
    for name in _CONTAINS_PRIORITY:
        family = _FAMILY_BY_NAME[name]
        if any(_has_words(key, word) for word in family.words):
            return family
    return None


def section_part(section: Section) -> ProsePart:
    family = heading_family(section.title)
    return ProsePart.ABOUT if family is None else family.part


def prose_parts(body: str) -> dict[ProsePart, str]:
    """The body's markdown by the part of the page it belongs in, in teaching order.

    A section takes its subsections of no known kind with it, so a "Tips" heading's ``###``
    children stay under it, while a "**Breathing:**" line under "## Setup" moves on. Within
    a part, sections follow their family's order (setup before movement; breathing, tips,
    mistakes, benefits, safety); sections of no known family keep their source order.
    """
    groups: dict[ProsePart, list[tuple[int, list[str]]]] = {part: [] for part in ProsePart}
    current: list[str] = []
    groups[ProsePart.ABOUT].append((0, current))
    owner_level = 0
    for section in split_sections(body):
        if section.heading is not None:
            family = heading_family(section.title)
            part = ProsePart.ABOUT if family is None else family.part
            if owner_level == 0 or section.level <= owner_level or family is not None:
                current = []
                groups[part].append((0 if family is None else _RANK[family.name], current))
                owner_level = section.level
        current.append(section.text())
    return {
        part: join_sections(
            [text for _rank, texts in sorted(found, key=lambda group: group[0]) for text in texts]
        )
        for part, found in groups.items()
    }
