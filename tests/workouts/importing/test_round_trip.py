"""export -> import into an empty database -> export gives the same bytes; the generated
corpus imports with no failure beside the example and corpus exercises."""

from pathlib import Path

import pytest

from benchmarks.real_shape_corpus import write_corpus as write_exercise_corpus
from benchmarks.workout_corpus import write_corpus
from tests.workouts.importing.helpers import FIXTURES, run_command
from workouts.models import Workout, WorkoutCategory, WorkoutItem

pytestmark = pytest.mark.django_db


def files(directory: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def empty_workouts() -> None:
    Workout.objects.all().delete()
    WorkoutCategory.objects.all().delete()


def assert_round_trip(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert run_command("export_workouts", first).exit_code == 0
    count = Workout.objects.count()
    empty_workouts()

    imported = run_command("import_workouts", first)
    assert imported.exit_code == 0, imported.stderr
    assert Workout.objects.count() == count
    assert run_command("export_workouts", second).exit_code == 0

    assert files(first) == files(second)


def test_the_example_workouts_round_trip_byte_for_byte(run_import, example_exercises, tmp_path):
    assert run_import(FIXTURES).exit_code == 0

    assert_round_trip(tmp_path)


def test_the_generated_corpus_imports_without_failure_and_round_trips(run_import, tmp_path):
    assert run_command("import_exercises", FIXTURES.parent).exit_code == 0
    write_exercise_corpus(tmp_path / "exercises", pairs=60, lifts=10, spanish_lifts=5)
    assert run_command("import_exercises", tmp_path / "exercises").exit_code == 0
    write_corpus(tmp_path / "workouts")

    result = run_import(tmp_path / "workouts")

    assert result.exit_code == 0, result.stderr
    assert "0 failed" in result.stdout
    assert Workout.objects.count() >= 200
    assert WorkoutItem.objects.filter(exercise__isnull=False).count() > 0
    assert WorkoutItem.objects.filter(exercise__isnull=True).count() > 0
    assert_round_trip(tmp_path / "export")
