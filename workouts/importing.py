"""An import run: every catalogue entry and page parsed, joined and written on its own."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError

from exercises.fileformat.discovery import SourceFile
from exercises.fileformat.errors import HOSTILE_INPUT_ERRORS, ImportFileError
from exercises.fileformat.outcomes import Outcome
from exercises.fileformat.run import FileResult
from publishing import pipeline
from workouts.fileformat.assemble import Parsed, parse_sources
from workouts.services import WorkoutImportContext, import_workout, import_workout_categories


@dataclass
class RunStats:
    """Items written in a run, how many link to an exercise, and catalogue-wide warnings."""

    items: int = 0
    matched: int = 0
    warnings: list[tuple[Path, str]] = field(default_factory=list)


def _labelled(path: Path, label: str) -> Path:
    """A catalogue entry's line names the file and the entry."""
    return Path(f"{path} {label}") if label else path


def _result(parsed: Parsed, context: WorkoutImportContext) -> FileResult:
    path = _labelled(parsed.path, parsed.label)
    if parsed.skipped:
        return FileResult(path, Outcome.SKIPPED, parsed.skipped)
    if parsed.record is None:
        return FileResult(path, Outcome.FAILED, parsed.problem)
    record = parsed.record
    try:
        written = import_workout(record=record, context=context)
    except ImportFileError as error:
        return FileResult(path, Outcome.FAILED, str(error))
    except DatabaseError as error:
        # The workout's transaction was rolled back; the message is the database's own.
        return FileResult(path, Outcome.FAILED, f"the database refused it: {error} (database)")
    except HOSTILE_INPUT_ERRORS as error:
        problem = f"cannot be imported: {type(error).__name__}: {error}"[:300]
        return FileResult(path, Outcome.FAILED, f"{problem} (file)")
    return FileResult(
        path,
        written.outcome,
        f"{written.language}/{written.slug}",
        tuple(record.warnings + written.warnings),
    )


def import_workout_sources(
    *,
    sources: list[SourceFile],
    dry_run: bool,
    max_bytes: int,
    overwrite: bool = False,
    stats: RunStats | None = None,
) -> Iterator[FileResult]:
    """One result per workout (or bad file, or bad catalogue entry); a failure never stops
    the others. ``stats`` gets the counts and the catalogues' own warnings."""
    run = parse_sources(sources, max_bytes=max_bytes)
    context = WorkoutImportContext.start(dry_run=dry_run, overwrite=overwrite)
    with pipeline.batch():
        if run.categories:
            try:
                import_workout_categories(categories=run.categories, context=context)
            except ImportFileError as error:
                yield FileResult(Path("categories"), Outcome.FAILED, str(error))
        if stats is not None:
            stats.warnings.extend(run.warnings)
        for parsed in run.results:
            yield _result(parsed, context)
    if stats is not None:
        stats.items, stats.matched = context.items, context.matched_items
