"""Text as it is stored: one spelling of line endings, spaces and accents, whoever wrote it.

A browser posts a textarea with Windows line endings, a file may carry a BOM or trailing
spaces, a Mac composes "é" from "e" and an accent: none of it changes what a reader sees,
but stored as given it makes a save that changed one field look like it changed three,
and a compare view mark every line of an untouched body. Every entry point (the admin's
forms, the importer's writer, the services) stores text through these functions, and a data
migration brought the rows stored before them to the same form.

Plain functions on strings, and one on a row's text fields: no database access.
"""

import re
import unicodedata

from django.db.models import Model, TextField

# Every character Python's str.splitlines() treats as a line end that a person may type or
# paste: CR LF, CR, NEL, the Unicode line and paragraph separators, vertical tab, form feed.
_LINE_ENDS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# Byte order marks and zero-width no-break spaces carry nothing a reader sees.
_INVISIBLE = str.maketrans("", "", "\ufeff")
# Markdown keeps a line's trailing "two or more spaces" as a hard line break.
_HARD_BREAK = "  "


def normalise_text(value: str) -> str:
    """Multi-line text (a body, a description, a step): Unix line endings, no trailing
    spaces on a line (a markdown hard break is kept as exactly two), no blank lines or
    spaces at the start or end, composed accents (NFC).

    Indentation, tabs and blank lines inside the text are kept: markdown gives them meaning.
    Applying it twice gives what applying it once gave.
    """
    text = unicodedata.normalize("NFC", value.translate(_INVISIBLE))
    lines = _LINE_ENDS.sub("\n", text).split("\n")
    kept = []
    for index, line in enumerate(lines):
        stripped = line.rstrip()
        breaks = (
            stripped
            and line.endswith(_HARD_BREAK)
            and index + 1 < len(lines)
            and lines[index + 1].strip()
        )
        kept.append(stripped + _HARD_BREAK if breaks else stripped)
    return "\n".join(kept).strip("\n").rstrip()


def normalised_text_fields(model: type[Model]) -> list[str]:
    """The fields of ``model`` an editor or a file writes as multi-line text: its editable
    text fields (the derived HTML and the file kept as read are not editable)."""
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, TextField) and field.editable and not field.choices
    ]


def normalise_text_fields(instance: Model) -> None:
    """Normalise, in place, the multi-line text an unsaved or about-to-be-saved row holds."""
    for name in normalised_text_fields(type(instance)):
        value = getattr(instance, name)
        if isinstance(value, str):
            setattr(instance, name, normalise_text(value))
