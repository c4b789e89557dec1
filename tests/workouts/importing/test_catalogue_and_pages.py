"""A catalogue and its pages joined into bilingual workouts; programs on their own; no DB."""

import json

from benchmarks.workout_corpus import MALFORMED, write_corpus
from exercises.fileformat.discovery import SourceFile
from exercises.fileformat.errors import NotAnExercise
from exercises.fileformat.parser import parse_source
from tests.workouts.importing.helpers import FIXTURES, parse_run, problems, records, write
from workouts.fileformat.catalogue import parse_catalogue


def test_a_catalogue_entry_and_its_two_pages_make_an_english_and_a_spanish_workout():
    found = records(parse_run(FIXTURES))

    english = found[("en", "10min-classic-core")]
    spanish = found[("es", "10min-classic-core")]
    assert english.title == "10-Minute Classic Core"
    assert spanish.title == "Centro Clásico en 10 Minutos"
    assert spanish.description.startswith("Cinco movimientos")
    assert english.translation_key == spanish.translation_key == "premade-10min-classic-core"
    assert english.catalogue_id == "10min-classic-core"
    assert (english.duration, english.difficulty, english.equipment) == (
        10,
        "intermediate",
        ["mat"],
    )
    assert ("body_focus", "core") in english.categories
    assert english.featured and english.calories == "40-55"
    assert english.follow_along.youtube_id == "Fx7kQw2LmPa"
    assert [video.title for video in english.related_videos] == ["Breathing for the hundred"]


def test_catalogue_items_fill_sections_that_take_titles_and_minutes_from_the_page():
    english = records(parse_run(FIXTURES))[("en", "10min-classic-core")]

    assert [(s.kind, s.title, s.minutes) for s in english.sections] == [
        ("warm_up", "Settle In: Warm-Up", 1),
        ("main", "Main Workout", 8),
        ("cool_down", "Cool-Down", 1),
    ]
    names = english.item_names()
    assert names[:3] == ["Knee Sways", "The Hundred", "Saw"]
    rest = english.sections[1].items[2]
    assert (rest.kind, rest.duration) == ("rest", 20)
    assert english.total_seconds() == 600
    assert "How it goes" in english.body  # a premade page's prose is kept whole


def test_spanish_difficulty_words_none_as_equipment_and_unknown_keys_are_kept():
    found = records(parse_run(FIXTURES))

    stretch = found[("es", "20min-travel-stretch")]
    assert stretch.difficulty == "beginner"
    assert stretch.equipment == []
    assert stretch.extra_front_matter == {"playlist": "calm-evening"}
    core = found[("en", "10min-classic-core")]
    assert core.extra_front_matter == {
        "categories": {"season": ["winter"]},
        "layout": "premade-single",
    }


def test_an_entry_without_a_spanish_title_or_page_has_no_spanish_workout():
    found = records(parse_run(FIXTURES))

    assert ("en", "10min-band-back") in found
    assert ("es", "10min-band-back") not in found


def test_programs_in_both_languages_and_all_three_layouts():
    run = parse_run(FIXTURES)
    found = records(run)

    assert problems(run) == []
    unwind = found[("es", "relajacion-nocturna")]
    assert unwind.kind == "program" and unwind.translation_key == "program-evening-unwind"
    assert unwind.focus == ["columna", "flexores de cadera"]
    assert unwind.total_seconds() == 12 * 60
    builder = found[("en", "ball-and-band-builder")]
    assert [s.kind for s in builder.sections] == [
        "warm_up",
        "main",
        "block",
        "block",
        "block",
        "cool_down",
    ]
    flow = found[("en", "five-move-flow")]
    assert flow.declared_status == "draft" and flow.equipment == ["mat"]
    assert flow.body == ""


def test_catalogue_categories_carry_both_names_and_unknown_groups_are_warned_about():
    run = parse_run(FIXTURES)

    core = next(c for c in run.categories if c.slug == "core")
    assert (core.group, core.name, core.name_es) == ("body_focus", "Core", "Centro")
    assert {c.group for c in run.categories} == {
        "time",
        "body_focus",
        "environment",
        "goal",
        "mood",
    }
    assert any("'season'" in warning for _, warning in run.warnings)


def test_one_bad_entry_fails_alone_and_names_where():
    catalogue = parse_catalogue(
        json.dumps(
            {
                "workouts": [
                    {"id": "fine", "title": "Fine"},
                    {
                        "id": "fine-two",
                        "title": "Two",
                        "exercises": [{"name": "Saw", "type": "jog"}],
                    },
                ]
            }
        )
    )

    assert [entry.id for entry in catalogue.entries] == ["fine"]
    label, error = catalogue.problems[0]
    assert label == "workout 'fine-two'"
    assert str(error) == (
        "unknown item type 'jog' (use warm_up, exercise, rest, cool_down) "
        "(workouts[2].exercises[1].type)"
    )


def test_exercise_pages_beside_the_workouts_are_skipped_by_the_workout_importer(tmp_path):
    write(
        tmp_path / "en/exercises/mat/saw.md", "---\ntitle: Saw\ndifficulty: beginner\n---\nBody.\n"
    )

    run = parse_run(tmp_path)

    assert run.results[0].skipped.startswith("not a workout page")


def test_the_exercise_importer_leaves_workout_pages_to_the_workout_importer(tmp_path):
    page = write(tmp_path / "es/entrenamientos/programas/x.md", "---\ntitle: X\n---\nBody.\n")

    try:
        parse_source(SourceFile(path=page, root=tmp_path), max_bytes=10_000, media_dir=None)
    except NotAnExercise as reason:
        assert "import_workouts" in str(reason)
    else:
        raise AssertionError("a workout page was read as an exercise")


def test_the_generated_corpus_parses_without_problems_and_each_malformed_file_fails_alone(tmp_path):
    write_corpus(tmp_path, malformed=True)

    clean = parse_run(tmp_path / "data", tmp_path / "content")
    bad = parse_run(tmp_path / "malformed")

    assert problems(clean) == []
    assert len(records(clean)) >= 200
    assert all(r.record.sections for r in clean.results if r.record and r.record.kind == "program")
    failed = problems(bad)
    assert len(failed) == len(MALFORMED) + 1  # the bad catalogue has two bad entries
    assert any("'Bad Id!'" in line for line in failed)
    assert any("'../../etc/passwd'" in line for line in failed)
    assert [r.record.slug for r in bad.results if r.record] == ["ok-one"]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    write(tmp_path / "workouts/big.md", "---\ntitle: Big\n---\n" + "x" * 5000)

    run = parse_run(tmp_path, max_bytes=1000)

    assert "over the limit of 1000" in run.results[0].problem
