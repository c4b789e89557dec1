"""The Spanish catalogue says Spanish things, completely, and the compiled file matches it.

The .po is read with a small parser (the format is simple and this avoids a dependency);
the committed .mo is loaded with the standard library's gettext, as Django loads it.
"""

import ast
import gettext
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "es" / "LC_MESSAGES"
# Shorter translations ("Sí", "Aro") occur inside unrelated English words by chance.
MIN_GLUED_LENGTH = 12


@dataclass
class Entry:
    line: int
    msgctxt: str = ""
    msgid: str = ""
    msgid_plural: str = ""
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        """The id the compiled catalogue files this entry under (context, then EOT)."""
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt else self.msgid

    @property
    def translations(self) -> list[str]:
        return [self.msgstr[number] for number in sorted(self.msgstr)]


def parse_po(text: str) -> list[Entry]:
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None
    pending_flags: set[str] = set()
    pending_context = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#,"):
            pending_flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("msgctxt "):
            pending_context = ast.literal_eval(line[8:])
        elif line.startswith("msgid "):
            current = Entry(line=number, msgctxt=pending_context, flags=pending_flags)
            pending_flags, pending_context = set(), ""
            entries.append(current)
            current.msgid = ast.literal_eval(line[6:])
            target = ("msgid", 0)
        elif current is None:
            continue
        elif line.startswith("msgid_plural "):
            current.msgid_plural = ast.literal_eval(line[13:])
            target = ("msgid_plural", 0)
        elif line.startswith("msgstr"):
            name, _, value = line.partition(" ")
            index = int(name[7:-1]) if name.startswith("msgstr[") else 0
            current.msgstr[index] = ast.literal_eval(value)
            target = ("msgstr", index)
        elif line.startswith('"') and target is not None:
            piece = ast.literal_eval(line)
            kind, index = target
            if kind == "msgstr":
                current.msgstr[index] += piece
            else:
                setattr(current, kind, getattr(current, kind) + piece)
    return entries


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    parsed = parse_po((CATALOGUE / "django.po").read_text(encoding="utf-8"))
    return [entry for entry in parsed if entry.msgid]  # the header has an empty msgid


def test_the_parser_reads_multi_line_and_plural_entries():
    text = (
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n\n#, fuzzy\nmsgid "one "\n"two"\n'
        'msgstr "uno dos"\n\nmsgctxt "URL path"\nmsgid "a/"\nmsgstr "b/"\n\n'
        'msgid "%(n)d item"\nmsgid_plural "%(n)d items"\n'
        'msgstr[0] "%(n)d cosa"\nmsgstr[1] "%(n)d "\n"cosas"\n'
    )
    header, single, in_context, plural = parse_po(text)
    assert header.msgstr == {0: "Language: es\n"}
    assert (single.msgid, single.translations, single.flags) == ("one two", ["uno dos"], {"fuzzy"})
    assert in_context.key == "URL path\x04a/"
    assert plural.msgid_plural == "%(n)d items"
    assert plural.translations == ["%(n)d cosa", "%(n)d cosas"]


def test_no_msgid_has_spanish_text_glued_onto_it(entries):
    translations = {
        text for entry in entries for text in entry.translations if len(text) >= MIN_GLUED_LENGTH
    }
    glued = [
        f"line {entry.line}: {entry.msgid!r} contains {text!r}"
        for entry in entries
        for source in (entry.msgid, entry.msgid_plural)
        for text in translations
        if text != source and text in source
    ]
    assert glued == []


def test_no_entry_is_fuzzy_or_untranslated(entries):
    problems = [
        f"line {entry.line}: {entry.msgid!r}"
        for entry in entries
        if "fuzzy" in entry.flags or not all(entry.translations) or not entry.translations
    ]
    assert problems == []


def test_the_compiled_catalogue_holds_exactly_the_po_entries(entries):
    with (CATALOGUE / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    messages = {key: value for key, value in catalogue._catalog.items() if key != ""}
    expected: dict[object, str] = {}
    for entry in entries:
        if entry.msgid_plural:
            for index, text in entry.msgstr.items():
                expected[(entry.key, index)] = text
        else:
            expected[entry.key] = entry.msgstr[0]
    assert messages == expected


def test_every_plural_has_each_form_spanish_counts(entries):
    # Plural-Forms gives Spanish three forms (one, millions, other); a missing one makes
    # ngettext answer in English for those counts ("5 minutes" on a Spanish page).
    with (CATALOGUE / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    forms = {catalogue.plural(count) for count in (1, 2, 5, 1_000_000)}
    problems = [
        f"line {entry.line}: {entry.msgid!r} has forms {sorted(entry.msgstr)}"
        for entry in entries
        if entry.msgid_plural and not forms <= set(entry.msgstr)
    ]
    assert problems == []
