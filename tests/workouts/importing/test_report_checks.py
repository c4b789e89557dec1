"""The content report's workout checks: totals against stated durations, unmatched names."""

import pytest

from publishing.registry import register_content
from tests.workouts.importing.helpers import run_command, write
from workouts.models import Workout
from workouts.report import disagrees, duration_mismatches, unmatched_item_names

pytestmark = pytest.mark.django_db


def test_a_total_within_a_tenth_or_a_minute_of_the_stated_time_agrees():
    assert not disagrees(10, 600)
    assert not disagrees(10, 660)
    assert not disagrees(5, 240)
    assert disagrees(10, 400)
    assert disagrees(30, 30 * 60 + 200)


def test_workouts_whose_items_miss_their_stated_duration_are_named(run_import, tmp_path):
    write(
        tmp_path / "workouts/short.md",
        "---\ntitle: Short\nduration: 20\n---\n### Main Workout (20 minutes)\n**Saw (2 min)**\n",
    )
    write(
        tmp_path / "workouts/right.md",
        "---\ntitle: Right\nduration: 2\n---\n### Main Workout (2 minutes)\n**Saw (2 min)**\n",
    )
    write(
        tmp_path / "workouts/untimed.md",
        "---\ntitle: Untimed\nduration: 9\n---\n### Main Workout\n- **Saw** - 4 reps\n",
    )
    run_import(tmp_path)

    found = duration_mismatches()

    assert [(m.workout[2], m.stated_minutes, m.total_seconds) for m in found] == [
        ("short", 20, 120)
    ]


def test_unmatched_names_are_listed_once_per_language_with_the_closest_titles(
    run_import, example_exercises, tmp_path
):
    for stem in ("one", "two"):
        write(
            tmp_path / f"workouts/{stem}.md",
            f"---\ntitle: {stem}\n---\n### Main Workout (2 minutes)\n"
            "- **Swan Dives Deluxe** - 4\n- **The Hundred** - 1\n*Rest 20 sec*\n",
        )
    run_import(tmp_path)

    found = unmatched_item_names()

    assert [(u.language, u.name) for u in found] == [("en", "Swan Dives Deluxe")]
    assert [row[2] for row in found[0].workouts] == ["one", "two"]
    assert found[0].closest[0] == "Swan Dive"


@pytest.fixture
def workouts_reported():
    """Workouts are reported content (workouts/signals.py registers them so, with their
    admin); a test that changed that would leave the others a different report."""
    register_content(Workout)
    yield
    register_content(Workout)


def test_the_content_report_names_both_workout_findings(
    run_import, example_exercises, workouts_reported, tmp_path
):
    write(
        tmp_path / "workouts/short.md",
        "---\ntitle: Short\nduration: 20\n---\n### Main Workout (20 minutes)\n"
        "**Swan Dives Deluxe (2 min)**\n",
    )
    run_import(tmp_path)

    result = run_command("content_report")

    assert (
        "workout-time-differs: workout en/short: States 20 minutes; its timed items add up "
        "to 2:00 (0 items without a time)." in result.stdout
    )
    assert (
        "unmatched-workout-item: “Swan Dives Deluxe” (en) links to no exercise; closest "
        "titles: Swan Dive. (workout en/short)" in result.stdout
    )


def test_workouts_are_left_out_of_the_report_until_they_are_reported_content(run_import, tmp_path):
    write(
        tmp_path / "workouts/short.md",
        "---\ntitle: Short\nduration: 20\n---\n### Main Workout (20 minutes)\n**Odd (2 min)**\n",
    )
    run_import(tmp_path)
    register_content(Workout, reported=False)  # as before the workout admin existed
    try:
        result = run_command("content_report", "--kind", "workout-time-differs")
    finally:
        register_content(Workout)

    assert "workout en/short" not in result.stdout
