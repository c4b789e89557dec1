"""The field table is the one place the file format is spelled out."""

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from django.apps import apps

from exercises.fileformat.exporting import exercise_markdown
from exercises.fileformat.fields import FIELDS, FieldKind
from tests.factories import make_exercise
from tests.importing.helpers import parse, write

EXERCISES = Path(__file__).resolve().parents[2] / "exercises"
TABLE_MODULE = "fileformat/fields.py"
# The same letters in another vocabulary, where they are not front-matter keys.
HOMONYMS = {
    "a": {"fileformat/titles.py", "text/markdown.py"},  # a title's stop word; the HTML tag
    "q": {"site/filters.py", "site/selectors.py", "site/views.py"},  # the search query parameter
    "faq": {"fileformat/sections.py"},  # a body heading that starts the FAQ section
    "uploadDate": {"site/structured_data.py"},  # the schema.org VideoObject property
}


def _source_modules() -> list[Path]:
    return [path for path in EXERCISES.rglob("*.py") if "migrations" not in path.parts]


def _model_names() -> set[str]:
    """Field, relation and choice names of the app's models.

    A key spelled like one of these (``title``, ``steps``, ``draft``) is also written where
    that model field or choice is meant, in admin and selectors, so grep cannot tell the two
    uses apart; the other spellings must be the table's alone.
    """
    names: set[str] = set()
    for model in apps.get_app_config("exercises").get_models():
        for model_field in model._meta.get_fields():
            names.add(model_field.name)
            names.update(str(value) for value, _ in getattr(model_field, "choices", None) or [])
    return names


def _spellings() -> set[str]:
    spellings = {spelling for field in FIELDS for spelling in field.spellings}
    for field in FIELDS:
        spellings.update(key for keys in field.item_keys.values() for key in keys)
    return spellings


def test_each_key_spelling_is_written_in_the_field_table_only():
    model_names = _model_names()
    sources = {path: path.read_text(encoding="utf-8") for path in _source_modules()}
    spread = {}
    for spelling in sorted(_spellings() - model_names):
        # A quoted literal, but not a translatable string such as _("video").
        quoted = re.compile(rf"""(?<!_\()["']{re.escape(spelling)}["']""")
        modules = {
            path.relative_to(EXERCISES).as_posix()
            for path, text in sources.items()
            if quoted.search(text)
        }
        if modules - HOMONYMS.get(spelling, set()) != {TABLE_MODULE}:
            spread[spelling] = sorted(modules)
    assert spread == {}


def test_the_grep_sees_the_keys_that_differ_from_model_names():
    # Guards the test above against an exemption list that swallows everything.
    checked = _spellings() - _model_names()
    assert {"translationKey", "lastmod", "keywords", "faq", "date", "lang", "q", "a"} <= checked


@pytest.mark.parametrize("field", FIELDS, ids=lambda field: field.key)
def test_every_field_is_read_from_its_key(field, tmp_path):
    """Each key of the table reaches its record attribute when a file gives it."""
    values = {
        FieldKind.COLUMN: "2024-05-06" if "on" in field.attribute.split("_") else "Something",
        FieldKind.TERM: "Mat",
        FieldKind.TERMS: ["Core"],
    }
    items = {
        "steps": ["Lie down."],
        "modifications": [{"level": "easier", "description": "Bend the knees."}],
        "faqs": [{"q": "Why?", "a": "Because."}],
        "videos": ["dQw4w9WgXcQ"],
    }
    special = {
        "language": "es",
        "status": "draft",
        "difficulty": "advanced",
        "duration": 60,
        "source_url": "/old/roll-up/",
        "aliases": ["/older/roll-up/"],
    }
    value = special.get(field.attribute, items.get(field.attribute, values.get(field.kind)))
    front_matter = yaml.safe_dump({"title": "Roll Up", field.key: value})
    record = parse(write(tmp_path / "roll-up.md", f"---\n{front_matter}---\nBody.\n"))

    read = getattr(record, field.attribute)
    assert read not in ("", None, [])
    assert field.key not in record.extra_front_matter


@pytest.mark.django_db
def test_a_video_starting_at_zero_keeps_its_start_through_import_and_export(tmp_path):
    text = "---\ntitle: Swan\nvideos:\n- id: dQw4w9WgXcQ\n  start: 0\n---\nBody.\n"
    record = parse(write(tmp_path / "swan.md", text))
    assert record.videos[0].start == 0

    exercise = make_exercise(published_on=date(2024, 1, 2))
    exercise.videos.create(position=1, provider="youtube", video_id="dQw4w9WgXcQ", start=0)
    exported = yaml.safe_load(exercise_markdown(exercise).split("---\n")[1])
    assert exported["videos"] == [{"id": "dQw4w9WgXcQ", "provider": "youtube", "start": 0}]
    assert exported["date"] == date(2024, 1, 2)


@pytest.mark.django_db
def test_extra_front_matter_never_repeats_a_key_of_the_table():
    """An editor's extra ``draft: true`` must not turn a published exercise into a draft."""
    exercise = make_exercise(extra_front_matter={"draft": True, "lang": "es", "weight": 2})

    exported = yaml.safe_load(exercise_markdown(exercise).split("---\n")[1])

    assert exported["status"] == "published"
    assert "draft" not in exported and "lang" not in exported
    assert exported["weight"] == 2
