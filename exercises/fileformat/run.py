"""An import run: every source file parsed, validated and written on its own."""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.db import DatabaseError, transaction

from exercises.fileformat.discovery import SourceFile
from exercises.fileformat.errors import HOSTILE_INPUT_ERRORS, ImportFileError, NotAnExercise
from exercises.fileformat.outcomes import Outcome
from exercises.fileformat.parser import hash_without_parsing, parse_source
from exercises.fileformat.reading import read_source_bytes
from exercises.fileformat.records import ExerciseRecord
from exercises.fileformat.writer import (
    ImportContext,
    unchanged_without_parsing,
    write_exercise,
)
from exercises.report.findings import SHARED_VIDEO_THRESHOLD
from publishing import pipeline

# Files written per transaction: one commit (and one bulk write of their children, links,
# tags, old addresses and revisions) for this many files, each exercise row still in a
# savepoint of its own.
FILES_PER_TRANSACTION = 100


@dataclass(frozen=True)
class FileResult:
    path: Path
    outcome: Outcome
    detail: str = ""  # language/slug written, why it was skipped, or what is wrong
    warnings: tuple[str, ...] = ()


@dataclass
class ImportSummary:
    counts: dict[Outcome, int] = field(default_factory=lambda: dict.fromkeys(Outcome, 0))
    warnings: int = 0

    def add(self, result: FileResult) -> None:
        self.counts[result.outcome] += 1
        self.warnings += len(result.warnings)

    @property
    def failed(self) -> int:
        return self.counts[Outcome.FAILED]


def _warn_on_shared_videos(record: ExerciseRecord, files_per_video: Counter[str]) -> None:
    """Once per run and video, when one more file than a handful carries the same id."""
    for video_id in {video.video_id for video in record.videos if video.video_id}:
        files_per_video[video_id] += 1
        if files_per_video[video_id] == SHARED_VIDEO_THRESHOLD + 1:
            record.warnings.append(
                f"video {video_id} is in {SHARED_VIDEO_THRESHOLD + 1} files of this run so far, "
                "likely a placeholder (content_report lists every exercise with it)"
            )


def import_sources(
    *,
    sources: list[SourceFile],
    dry_run: bool,
    max_bytes: int,
    media_dir: Path | None,
    overwrite: bool = False,
) -> Iterator[FileResult]:
    """One result per source file, in order; a failed file never stops the others.

    ``overwrite`` replaces exercises changed since their last import, which are otherwise
    skipped with a warning.
    """
    context = ImportContext.start(dry_run=dry_run, overwrite=overwrite)
    files_per_video: Counter[str] = Counter()
    # What is derived from the written exercises (HTML, renditions, search documents, the
    # pages' content version) is computed a few hundred files at a time and at the end.
    with pipeline.batch():
        yield from _import_each(sources, context, files_per_video, max_bytes, media_dir)


def _import_each(
    sources: list[SourceFile],
    context: ImportContext,
    files_per_video: Counter[str],
    max_bytes: int,
    media_dir: Path | None,
) -> Iterator[FileResult]:
    for start in range(0, len(sources), FILES_PER_TRANSACTION):
        chunk = sources[start : start + FILES_PER_TRANSACTION]
        yield from _import_chunk(chunk, context, files_per_video, max_bytes, media_dir)


def _import_chunk(
    chunk: list[SourceFile],
    context: ImportContext,
    files_per_video: Counter[str],
    max_bytes: int,
    media_dir: Path | None,
) -> list[FileResult]:
    """The files of ``chunk`` in one transaction, each in a savepoint of its own (a failed
    file rolls back alone), the rows beside their exercises and their revisions written
    together before it commits.

    Should the transaction itself fail (its commit, those rows, the revisions), nothing of
    it is kept and each file is imported again in a transaction of its own.
    """
    counted = files_per_video.copy()
    try:
        # No savepoint of its own inside a caller's transaction: a chunk that writes
        # nothing then costs no query at all.
        with transaction.atomic(savepoint=False):
            results = [
                _import_one(source, context, files_per_video, max_bytes, media_dir)
                for source in chunk
            ]
            late = context.write_pending()
            context.save_revisions()
    except DatabaseError as error:
        context.forget()
        files_per_video.clear()
        files_per_video.update(counted)
        if len(chunk) == 1:
            problem = f"the database refused it: {error} (database)"
            return [FileResult(chunk[0].path, Outcome.FAILED, problem)]
        return [
            result
            for source in chunk
            for result in _import_chunk([source], context, files_per_video, max_bytes, media_dir)
        ]
    # The warnings of the rows written for the whole chunk end their file's, as they did
    # when each file wrote its own.
    return [
        replace(result, warnings=result.warnings + tuple(late[source.relative_path]))
        if source.relative_path in late
        else result
        for source, result in zip(chunk, results, strict=True)
    ]


def _import_one(
    source: SourceFile,
    context: ImportContext,
    files_per_video: Counter[str],
    max_bytes: int,
    media_dir: Path | None,
) -> FileResult:
    try:
        raw = None
        if not (source.is_section_page or source.is_workout_page):
            raw = read_source_bytes(source, max_bytes=max_bytes)
            known_hash = hash_without_parsing(source, raw, media_dir=media_dir)
            if known_hash and (
                unchanged := unchanged_without_parsing(
                    source_path=source.relative_path, source_hash=known_hash, context=context
                )
            ):
                return FileResult(
                    source.path, unchanged.outcome, f"{unchanged.language}/{unchanged.slug}"
                )
        record = parse_source(source, max_bytes=max_bytes, media_dir=media_dir, raw=raw)
        _warn_on_shared_videos(record, files_per_video)
        written = write_exercise(record=record, context=context)
    except NotAnExercise as reason:
        return FileResult(source.path, Outcome.SKIPPED, str(reason))
    except ImportFileError as error:
        return FileResult(source.path, Outcome.FAILED, str(error))
    except DatabaseError as error:
        # The file's savepoint was rolled back; the message is the database's own.
        return FileResult(
            source.path, Outcome.FAILED, f"the database refused it: {error} (database)"
        )
    except OSError as error:
        return FileResult(source.path, Outcome.FAILED, f"cannot store its image: {error} (image)")
    except HOSTILE_INPUT_ERRORS as error:
        # The checks above should have named the problem; whatever slipped past them still
        # ends as this file's one line, and the files after it are imported.
        problem = f"cannot be imported: {type(error).__name__}: {error}"[:300]
        return FileResult(source.path, Outcome.FAILED, f"{problem} (file)")
    return FileResult(
        source.path,
        written.outcome,
        f"{written.language}/{written.slug}",
        tuple(record.warnings + written.warnings),
    )
