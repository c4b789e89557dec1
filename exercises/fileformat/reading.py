"""Reading a source file's bytes and turning them into text, refusing what is not markdown."""

from pathlib import Path

from exercises.fileformat.errors import ImportFileError

DEFAULT_MAX_BYTES = 1024 * 1024


def read_source_bytes(path: Path, *, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ImportFileError(
                f"file is {size} bytes, over the limit of {max_bytes} (--max-bytes)", "file size"
            )
        with path.open("rb") as source:
            # Read one byte more than allowed so a file that grew since stat() is still caught.
            raw = source.read(max_bytes + 1)
    except OSError as error:
        raise ImportFileError(f"cannot read the file: {error.strerror or error}", "file") from error
    if len(raw) > max_bytes:
        problem = f"file is over the limit of {max_bytes} bytes (--max-bytes)"
        raise ImportFileError(problem, "file size")
    return raw


def _line_of(raw: bytes, offset: int) -> str:
    newlines = raw.count(b"\n", 0, offset)
    return f"line {newlines + 1}"


def decode_source(raw: bytes) -> str:
    """UTF-8 text with Unix line endings; a BOM and Windows or old Mac line endings are fine."""
    if not raw.strip():
        raise ImportFileError("file is empty", "line 1")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError("file is UTF-16 text; save it as UTF-8", "line 1")
    nul = raw.find(b"\x00")
    if nul != -1:
        problem = "file is binary (it contains NUL bytes), not markdown"
        raise ImportFileError(problem, _line_of(raw, nul))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError("file is not UTF-8 text", _line_of(raw, error.start)) from error
    return text.replace("\r\n", "\n").replace("\r", "\n")
