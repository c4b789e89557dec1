from pathlib import Path

import pytest

from tests.importing.helpers import CommandResult
from tests.workouts.importing.helpers import run_command

EXERCISE_FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"


@pytest.fixture
def run_import():
    def run(*paths, **options) -> CommandResult:
        return run_command("import_workouts", *paths, **options)

    return run


@pytest.fixture
def run_export():
    def run(directory, **options) -> CommandResult:
        return run_command("export_workouts", directory, **options)

    return run


@pytest.fixture
def example_exercises(db):
    result = run_command("import_exercises", EXERCISE_FIXTURES)
    assert result.exit_code == 0, result.stderr
