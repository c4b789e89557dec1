from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from workouts.exporting import export_workouts


class Command(BaseCommand):
    help = (
        "Write the workout categories as DIR/categories.json and every workout as "
        "DIR/<language>/<slug>.md with front matter holding every field, sections and items "
        "included (the import format). The same database always gives the same bytes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, metavar="DIR", help="Folder to write into.")

    def handle(self, *args: Any, directory: Path, verbosity: int, **options: Any) -> None:
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"{directory} exists and is not a folder.")
        written = refused = 0
        for workout, outcome in export_workouts(directory=directory):
            if isinstance(outcome, Path):
                written += workout is not None
                if verbosity >= 2:
                    self.stdout.write(f"wrote {outcome}")
            else:
                refused += 1
                self.stderr.write(
                    f"workout {workout.pk if workout else ''}: not exported, {outcome}"
                )
        self.stdout.write(self.style.SUCCESS(f"Exported {written} workouts to {directory}."))
        if refused:
            raise CommandError(f"{refused} workout(s) could not be exported.", returncode=1)
