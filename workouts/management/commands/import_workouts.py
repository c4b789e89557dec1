from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from exercises.fileformat import FileResult, ImportSummary, Outcome, escape_controls
from exercises.fileformat.discovery import discover_sources
from exercises.management.commands.import_exercises import Command as ExerciseImportCommand
from workouts.importing import RunStats, import_workout_sources

DEFAULT_MAX_BYTES = 4 * 1024 * 1024


class Command(ExerciseImportCommand):
    """Reports each result as ``import_exercises`` does (its ``_report``)."""

    help = (
        "Import workouts: catalogue JSON files (categories and workouts in English and "
        "Spanish) and folders of workout pages (premade pages joined to their catalogue "
        "entry by workout_id, programs written as timed sections of bold exercise names). "
        "Unchanged workouts are left alone, and so are workouts changed in the admin since "
        "their last import (unless --overwrite); each bad file or catalogue entry is reported "
        "on one line and the others still import. Exits with status 1 when any failed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="Files or folders.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Parse, validate and write every workout, then roll it all back and report.",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help=(
                "Replace workouts (and category names) changed in the admin since their last "
                "import with the files' content. Without it they are skipped with a warning."
            ),
        )
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=DEFAULT_MAX_BYTES,
            help=f"Refuse files larger than this (default {DEFAULT_MAX_BYTES}).",
        )

    def handle(
        self,
        *args: Any,
        paths: list[Path],
        dry_run: bool,
        overwrite: bool,
        max_bytes: int,
        verbosity: int,
        **options: Any,
    ) -> None:
        if max_bytes < 1:
            raise CommandError("--max-bytes must be a positive number of bytes.")
        sources, missing = discover_sources(paths, suffixes=(".md", ".json"))
        summary = ImportSummary()
        for path in missing:
            self._report(
                FileResult(path, Outcome.FAILED, "no such file or folder (path)"), verbosity
            )
            summary.add(FileResult(path, Outcome.FAILED))
        stats = RunStats()
        for result in import_workout_sources(
            sources=sources, dry_run=dry_run, max_bytes=max_bytes, overwrite=overwrite, stats=stats
        ):
            summary.add(result)
            self._report(result, verbosity)
        if verbosity >= 1:
            for path, warning in stats.warnings:
                line = f"{escape_controls(str(path))}: warning: {escape_controls(warning)}"
                self.stderr.write(line, style_func=self.style.WARNING)
        self.stdout.write(self._workout_summary_line(summary, stats, dry_run))
        if summary.failed:
            raise CommandError(f"{summary.failed} file(s) failed to import.", returncode=1)

    def _workout_summary_line(self, summary: ImportSummary, stats: RunStats, dry_run: bool) -> str:
        outcomes = ", ".join(f"{number} {outcome}" for outcome, number in summary.counts.items())
        prefix = "Dry run, nothing written" if dry_run else "Import finished"
        matched = f"{stats.matched} of {stats.items} items written linked to an exercise"
        line = f"{prefix}: {outcomes}, {summary.warnings} warnings; {matched}."
        return self.style.ERROR(line) if summary.failed else self.style.SUCCESS(line)
