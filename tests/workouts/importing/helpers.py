"""Helpers the workout import tests share."""

from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

from exercises.fileformat.discovery import discover_sources
from tests.importing.helpers import CommandResult
from workouts.fileformat.assemble import ParsedRun, parse_sources

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "workouts"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def parse_run(*paths: Path, max_bytes: int = 4_000_000) -> ParsedRun:
    sources, missing = discover_sources(list(paths), suffixes=(".md", ".json"))
    assert not missing
    return parse_sources(sources, max_bytes=max_bytes)


def records(run: ParsedRun) -> dict[tuple[str, str], object]:
    return {(p.record.language, p.record.slug): p.record for p in run.results if p.record}


def problems(run: ParsedRun) -> list[str]:
    return [f"{p.path.name} {p.label}: {p.problem}".strip() for p in run.results if p.problem]


def run_command(name: str, *arguments, **options) -> CommandResult:
    out, err = StringIO(), StringIO()
    try:
        call_command(name, *map(str, arguments), stdout=out, stderr=err, **options)
        code = 0
    except CommandError as error:
        code = error.returncode
        err.write(f"CommandError: {error}\n")
    return CommandResult(code, out.getvalue(), err.getvalue())
