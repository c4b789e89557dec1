import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.importing.helpers import BAD, UNDECODABLE_FILES, CommandResult, write


@pytest.fixture
def bad_files(tmp_path) -> Path:
    """Every bad-input file: the ones in tests/importing/bad and the undecodable ones."""
    directory = shutil.copytree(BAD, tmp_path / "bad")
    for name, content in UNDECODABLE_FILES.items():
        write(directory / name, content)
    return directory


@pytest.fixture
def run_import():
    def run(*paths, **options) -> CommandResult:
        out, err = StringIO(), StringIO()
        try:
            call_command("import_exercises", *map(str, paths), stdout=out, stderr=err, **options)
            code = 0
        except CommandError as error:
            code = error.returncode
            err.write(f"CommandError: {error}\n")
        return CommandResult(code, out.getvalue(), err.getvalue())

    return run
