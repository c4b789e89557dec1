"""What the exporter writes parses back to the same workout, and the same record gives the
same bytes; no database involved."""

from dataclasses import fields

from benchmarks.workout_corpus import write_corpus
from tests.workouts.importing.helpers import FIXTURES, parse_run, problems, write
from workouts.fileformat.writing import categories_json, record_markdown

# What a file cannot carry back (where it came from) or says explicitly once written.
NOT_COMPARED = {"source_path", "source_hash", "warnings", "declared_status", "equipment", "focus"}


def comparable(record):
    values = {f.name: getattr(record, f.name) for f in fields(record) if f.name not in NOT_COMPARED}
    values["terms"] = (sorted(record.equipment), sorted(record.focus))
    values["categories"] = sorted(record.categories)
    return values


def round_trip(tmp_path, records, categories):
    for record in records:
        write(tmp_path / record.language / f"{record.slug}.md", record_markdown(record))
    write(tmp_path / "categories.json", categories_json(categories))
    return parse_run(tmp_path)


def test_every_example_workout_parses_back_from_what_is_written(tmp_path):
    run = parse_run(FIXTURES)
    originals = [result.record for result in run.results if result.record]

    again = round_trip(tmp_path / "out", originals, run.categories)

    assert problems(again) == []
    back = {(r.record.language, r.record.slug): r.record for r in again.results if r.record}
    for original in originals:
        assert comparable(back[(original.language, original.slug)]) == comparable(original)
    assert set(again.categories) == set(run.categories)


def test_the_generated_corpus_round_trips_and_writes_the_same_bytes_twice(tmp_path):
    write_corpus(tmp_path / "in")
    run = parse_run(tmp_path / "in")
    originals = [result.record for result in run.results if result.record]

    again = round_trip(tmp_path / "out", originals, run.categories)
    rewritten = {
        (r.record.language, r.record.slug): record_markdown(r.record)
        for r in again.results
        if r.record
    }

    assert problems(again) == []
    for original in originals:
        assert rewritten[(original.language, original.slug)] == record_markdown(original)


def test_an_item_linked_to_an_exercise_names_it_and_empty_values_are_left_out():
    run = parse_run(FIXTURES)
    record = next(r.record for r in run.results if r.record and r.record.slug == "10min-band-back")
    record.sections[0].items[0].exercise = "en/shoulder-rolls"

    text = record_markdown(record)

    assert "  - kind: warm_up\n    name: Shoulder Rolls\n    exercise: en/shoulder-rolls\n" in text
    assert "reps: ''" not in text and "title: ''" not in text
