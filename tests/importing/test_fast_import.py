"""The importer writes a chunk of files per transaction and their revisions in bulk, and
knows an unchanged file without parsing it; what it keeps is what it kept file by file."""

import json

import pytest
import reversion
from django.db import DatabaseError
from PIL import Image
from reversion.models import Revision, Version

from benchmarks.real_shape_corpus import write_corpus
from exercises.fileformat import run, writer
from exercises.models import Exercise, OldAddress, Step
from tests.importing.helpers import FIXTURES, write

pytestmark = pytest.mark.django_db

SOURCE = """---
title: {title}
translationKey: {key}
keywords: ["core work", "mat"]
equipment: [mat]
muscles: [abs]
steps:
  - Lie down.
  - Roll up, más despacio.
modifications:
  - name: Easier
    description: Bend the knees.
faqs:
  - question: Why?
    answer: Because.
videos:
  - id: abcdefghijk
---
Body of {title}.
"""


def _contents(revision: Revision) -> set[tuple[str, str, str, str, str]]:
    """Each version's row and data; the HTML, search document and related-ranking mark the
    pipeline stores once the import commits (after its revision was taken) left out."""
    contents = set()
    for version in Version.objects.filter(revision=revision).select_related("content_type"):
        data = version.serialized_data
        if version.content_type.model == "exercise":
            loaded = json.loads(data)
            for name in (*Exercise.rendered_fields, "search_vector", "related_ranked"):
                loaded[0]["fields"].pop(name)
            data = json.dumps(loaded, ensure_ascii=False)
        contents.add(
            (
                version.content_type.model,
                version.object_id,
                version.format,
                data,
                version.object_repr,
            )
        )
    return contents


def test_an_imported_exercises_revision_holds_what_django_reversion_would_write(
    tmp_path, run_import
):
    write(tmp_path / "roll-up.md", SOURCE.format(title="Roll Up", key="roll-up"))
    assert run_import(tmp_path).exit_code == 0
    exercise = Exercise.objects.get()
    imported = Version.objects.get_for_object(exercise).get().revision

    with reversion.create_revision():
        reversion.add_to_revision(exercise)
    native = Revision.objects.exclude(pk=imported.pk).get()

    assert imported.comment == "Imported from roll-up.md"
    assert _contents(imported) == _contents(native)
    models = {model for model, *_ in _contents(imported)}
    assert {"exercise", "step", "modification", "faq", "videoreference"} <= models
    assert "taggedexercise" in models


def test_each_written_exercise_gets_one_revision_whatever_the_chunk_size(
    tmp_path, run_import, monkeypatch
):
    monkeypatch.setattr(run, "FILES_PER_TRANSACTION", 3)
    for number in range(7):
        write(tmp_path / f"ex-{number}.md", SOURCE.format(title=f"Move {number}", key=number))

    assert "7 created" in run_import(tmp_path).stdout

    assert Revision.objects.count() == 7
    for exercise in Exercise.objects.all():
        assert Version.objects.get_for_object(exercise).count() == 1


def test_a_file_the_database_refuses_inside_a_chunk_rolls_back_alone(
    tmp_path, run_import, monkeypatch
):
    """Refused after its exercise row was written: its savepoint goes, the files before and
    after it in the same transaction stay, with their children."""
    for title in ("Alpha", "Beta", "Gamma"):
        write(tmp_path / f"{title}.md", SOURCE.format(title=title, key=title))
    real = writer._write

    def refusing_beta(record, *args):
        rows = real(record, *args)
        if record.title == "Beta":
            raise DatabaseError("value too long")
        return rows

    monkeypatch.setattr(writer, "_write", refusing_beta)

    result = run_import(tmp_path)

    assert result.exit_code == 1
    assert "Beta.md: the database refused it: value too long" in result.stderr
    assert sorted(Exercise.objects.values_list("title", flat=True)) == ["Alpha", "Gamma"]
    assert Revision.objects.count() == 2
    assert Step.objects.count() == 4


# The import's own transaction, as in production (not inside the test's).
@pytest.mark.django_db(transaction=True)
def test_a_file_whose_rows_the_database_refuses_fails_alone_and_the_others_land(
    tmp_path, run_import, monkeypatch
):
    """The rows beside the exercises are written for the whole chunk: when the database
    refuses them, the chunk is imported again file by file, and only the file whose rows
    it refuses fails, with its one line."""
    for title in ("Alpha", "Beta", "Gamma"):
        write(tmp_path / f"{title}.md", SOURCE.format(title=title, key=title))
    real = writer.exercises_add_old_addresses

    def refusing_beta(*, wanted):
        if any(exercise.title == "Beta" for exercise, _ in wanted):
            raise DatabaseError("value too long")
        return real(wanted=wanted)

    monkeypatch.setattr(writer, "exercises_add_old_addresses", refusing_beta)

    result = run_import(tmp_path)

    assert result.exit_code == 1
    assert "Beta.md: the database refused it: value too long (database)" in result.stderr
    assert "2 created, 0 updated, 0 unchanged, 0 skipped, 1 failed" in result.stdout
    assert sorted(Exercise.objects.values_list("title", flat=True)) == ["Alpha", "Gamma"]
    assert Revision.objects.count() == 2
    assert Step.objects.count() == 4
    assert set(Step.objects.values_list("exercise__title", flat=True)) == {"Alpha", "Gamma"}


# The import's own transaction, as in production (not inside the test's).
@pytest.mark.django_db(transaction=True)
def test_a_chunk_whose_revisions_fail_is_imported_again_file_by_file(
    tmp_path, run_import, monkeypatch
):
    """The chunk's transaction failing as a whole (here its revisions, once) loses nothing:
    each file is written again in a transaction of its own."""
    for number in range(3):
        write(tmp_path / f"ex-{number}.md", SOURCE.format(title=f"Move {number}", key=number))
    real = run.ImportContext.save_revisions
    calls = []

    def failing_once(context):
        calls.append(len(context.revisions))
        if len(calls) == 1:
            raise DatabaseError("disk full")
        real(context)

    monkeypatch.setattr(run.ImportContext, "save_revisions", failing_once)

    result = run_import(tmp_path)

    assert "3 created" in result.stdout, result.stderr
    assert calls == [3, 1, 1, 1]
    assert Exercise.objects.count() == 3
    assert Revision.objects.count() == 3


def _png(path, colour: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (4, 4), colour).save(path, "PNG")


def _parsing_forbidden(monkeypatch) -> None:
    def fail(*args, **kwargs):
        raise AssertionError("an unchanged file was parsed")

    monkeypatch.setattr(run, "parse_source", fail)


def test_an_unchanged_file_is_recognised_without_being_parsed(tmp_path, run_import, monkeypatch):
    write(tmp_path / "a.md", SOURCE.format(title="Alpha", key="a"))
    write(tmp_path / "b.md", SOURCE.format(title="Beta", key="b") + "image: pics/b.png\n")
    write(
        tmp_path / "c.md",
        SOURCE.format(title="Gamma", key="c").replace("---\nB", 'image: "pics/c.png"\n---\nB'),
    )
    _png(tmp_path / "pics/c.png", "teal")
    assert "3 created" in run_import(tmp_path).stdout
    _parsing_forbidden(monkeypatch)

    result = run_import(tmp_path)

    assert "0 updated, 3 unchanged" in result.stdout, result.stderr


@pytest.mark.parametrize(
    "change",
    ["the picture appears", "the picture changes"],
)
def test_a_file_whose_picture_changed_is_imported_again(tmp_path, run_import, change):
    text = SOURCE.format(title="Alpha", key="a").replace("---\nB", "image: pics/a.png\n---\nB")
    write(tmp_path / "a.md", text)
    if change == "the picture changes":
        _png(tmp_path / "pics/a.png", "teal")
    run_import(tmp_path)

    _png(tmp_path / "pics/a.png", "orange")
    result = run_import(tmp_path)

    assert "1 updated" in result.stdout, result.stderr
    assert Exercise.objects.get().image


@pytest.mark.parametrize(
    "image_lines",
    [
        "image: 123\n",  # YAML reads a number
        "image: >\n  pics/a.png\n",  # a folded block
        "'image': pics/a.png\n",  # a quoted key
        "image: pics/a.png\nimage: pics/b.png\n",  # said twice
    ],
)
def test_an_image_not_on_one_plain_line_is_left_to_the_parser(
    tmp_path, run_import, monkeypatch, image_lines
):
    text = SOURCE.format(title="Alpha", key="a").replace("---\nB", image_lines + "---\nB")
    write(tmp_path / "a.md", text)
    run_import(tmp_path)
    parsed = []
    real = run.parse_source
    monkeypatch.setattr(run, "parse_source", lambda *a, **k: parsed.append(1) or real(*a, **k))

    result = run_import(tmp_path)

    assert parsed == [1]
    assert "1 unchanged" in result.stdout or "1 failed" in result.stdout


def test_two_files_of_one_chunk_asking_for_one_old_address_warn_as_one_by_one(
    tmp_path, run_import, monkeypatch
):
    """The old addresses of a chunk are stored together, in file order: the first file
    keeps a path both name, the second is told, at the end of its warnings."""
    for title in ("Alpha", "Beta"):
        text = SOURCE.format(title=title, key=title).replace(
            "videos:", "aliases: [/shared/move/]\nvideos:"
        )
        write(tmp_path / f"{title}.md", text)

    def no_retry(context):
        raise AssertionError("the chunk was refused and imported again file by file")

    monkeypatch.setattr(writer.ImportContext, "forget", no_retry)

    result = run_import(tmp_path, verbosity=2)

    output = result.stdout + result.stderr
    assert "aliases: /shared/move/ already leads to 'Alpha', which keeps it" in output
    assert "already leads to 'Beta'" not in output
    assert OldAddress.objects.get(path="/shared/move/").exercise.title == "Alpha"


@pytest.mark.parametrize("folder", ["fixtures", "real-shape"])
def test_a_chunked_import_reports_and_keeps_what_a_file_by_file_one_does(
    tmp_path, run_import, monkeypatch, folder
):
    """Same output, line for line (warnings included), and the same rows, whether each
    file is its own transaction or a hundred share one."""
    if folder == "fixtures":
        source = FIXTURES
    else:
        write_corpus(tmp_path / "corpus", pairs=30, lifts=20, spanish_lifts=6)
        source = tmp_path / "corpus"

    def imported(per_transaction: int) -> tuple[str, str, list[tuple]]:
        monkeypatch.setattr(run, "FILES_PER_TRANSACTION", per_transaction)
        result = run_import(source, verbosity=2)
        rows = [
            (
                exercise.source_path,
                exercise.slug,
                exercise.body_html,
                [(step.title, step.text) for step in exercise.steps.all()],
                sorted(exercise.equipment.values_list("slug", flat=True)),
                sorted(exercise.muscles.values_list("slug", flat=True)),
                sorted(exercise.tags.values_list("name", flat=True)),
                sorted(exercise.old_addresses.values_list("path", "origin")),
                exercise.imported_at == exercise.updated_at,
            )
            for exercise in Exercise.objects.order_by("source_path")
        ]
        Exercise.objects.all().delete()
        return result.stdout, result.stderr, rows

    one_by_one = imported(1)
    chunked = imported(100)

    assert chunked == one_by_one
    assert len(one_by_one[2]) > 10
