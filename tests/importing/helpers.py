"""Helpers the import and export tests share; the fixtures that use them are in conftest.py."""

from dataclasses import dataclass
from pathlib import Path

from exercises.fileformat.discovery import SourceFile
from exercises.fileformat.parser import parse_source
from exercises.fileformat.records import ExerciseRecord

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
BAD = Path(__file__).resolve().parent / "bad"
FILES = Path(__file__).resolve().parent / "files"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def parse(path: Path, root: Path | None = None, *, media_dir=None, max_bytes=1_000_000):
    source = SourceFile(path=path, root=root or path.parent)
    record: ExerciseRecord = parse_source(source, max_bytes=max_bytes, media_dir=media_dir)
    return record


# Written by the tests rather than kept in the repository, where linters and editors choke on
# bytes that are not UTF-8 text.
UNDECODABLE_FILES = {
    "binary.md": b"---\ntitle: Binary\n---\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "not-utf8.md": "---\ntitle: Caf\xe9 Stretch\n---\nBody.\n".encode("latin-1"),
}


@dataclass
class CommandResult:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line and ": warning:" not in line]
