from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from exercises.fileformat import export_exercises


class Command(BaseCommand):
    help = (
        "Write every exercise as DIR/<language>/<slug>.md with front matter holding every "
        "field (the import format). The same database always gives the same bytes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, metavar="DIR", help="Folder to write into.")

    def handle(self, *args: Any, directory: Path, verbosity: int, **options: Any) -> None:
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"{directory} exists and is not a folder.")
        written = refused = 0
        for exercise, outcome in export_exercises(directory=directory):
            if isinstance(outcome, Path):
                written += 1
                if verbosity >= 2:
                    self.stdout.write(f"wrote {outcome}")
            else:
                refused += 1
                self.stderr.write(f"exercise {exercise.pk}: not exported, {outcome}")
        self.stdout.write(self.style.SUCCESS(f"Exported {written} exercises to {directory}."))
        if refused:
            raise CommandError(f"{refused} exercise(s) could not be exported.", returncode=1)
