from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper

from exercises.fileformat import (
    DEFAULT_MAX_BYTES,
    FileResult,
    ImportSummary,
    Outcome,
    discover_sources,
    escape_controls,
    import_sources,
)
from exercises.services import analyze_exercise_tables


class ProgressBar:
    """A one-line bar redrawn in place; only used when stderr is a terminal."""

    width = 30

    def __init__(self, stream: OutputWrapper, total: int):
        self.stream, self.total, self.done = stream, total, 0

    def clear(self) -> None:
        self.stream.write("\r\033[K", ending="")

    def advance(self) -> None:
        self.done += 1
        filled = self.width * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total}", ending="")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Import exercise markdown files (Hugo front matter, or video + howto) from files or "
        "folders. Unchanged files are left alone, and so are exercises changed in the admin "
        "since their last import (unless --overwrite); each bad file is reported on one line "
        "and the others still import. Exits with status 1 when any file failed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="Files or folders.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Parse and validate every file and report, but write nothing.",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help=(
                "Replace exercises changed in the admin since their last import with the "
                "files' content (each replacement is kept as a revision). Without it they are "
                "skipped with a warning."
            ),
        )
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=DEFAULT_MAX_BYTES,
            help=f"Refuse files larger than this (default {DEFAULT_MAX_BYTES}).",
        )
        parser.add_argument(
            "--media-dir",
            type=Path,
            help="Folder that image paths are relative to (default: beside each file).",
        )

    def handle(
        self,
        *args: Any,
        paths: list[Path],
        dry_run: bool,
        overwrite: bool,
        max_bytes: int,
        media_dir: Path | None,
        verbosity: int,
        **options: Any,
    ) -> None:
        if max_bytes < 1:
            raise CommandError("--max-bytes must be a positive number of bytes.")
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"--media-dir {media_dir} is not a folder.")
        sources, missing = discover_sources(paths)
        summary = ImportSummary()
        progress = ProgressBar(self.stderr, len(sources)) if self.stderr.isatty() else None
        for path in missing:
            self._report(
                FileResult(path, Outcome.FAILED, "no such file or folder (path)"), verbosity
            )
            summary.add(FileResult(path, Outcome.FAILED))
        results = import_sources(
            sources=sources,
            dry_run=dry_run,
            max_bytes=max_bytes,
            media_dir=media_dir,
            overwrite=overwrite,
        )
        for result in results:
            summary.add(result)
            if progress:
                progress.clear()
            self._report(result, verbosity)
            if progress:
                progress.advance()
        if progress:
            progress.clear()
        self.stdout.write(self._summary_line(summary, dry_run))
        if not dry_run:
            analyze_exercise_tables(
                written=summary.counts[Outcome.CREATED] + summary.counts[Outcome.UPDATED]
            )
        if summary.failed:
            raise CommandError(f"{summary.failed} file(s) failed to import.", returncode=1)

    def _report(self, result: FileResult, verbosity: int) -> None:
        # File names and values are the files' own: a newline or a terminal escape in them
        # must not forge or recolour a line of the report.
        path, detail = escape_controls(str(result.path)), escape_controls(result.detail)
        if result.outcome == Outcome.FAILED:
            self.stderr.write(f"{path}: {detail}", style_func=self.style.ERROR)
        elif verbosity >= 2:
            self.stdout.write(f"{result.outcome:<9} {path} ({detail})")
        if verbosity >= 1:
            for warning in result.warnings:
                line = f"{path}: warning: {escape_controls(warning)}"
                self.stderr.write(line, style_func=self.style.WARNING)

    def _summary_line(self, summary: ImportSummary, dry_run: bool) -> str:
        counts = ", ".join(f"{number} {outcome}" for outcome, number in summary.counts.items())
        prefix = "Dry run, nothing written" if dry_run else "Import finished"
        line = f"{prefix}: {counts}, {summary.warnings} warnings."
        return self.style.ERROR(line) if summary.failed else self.style.SUCCESS(line)
