"""Reading a source file's bytes and turning them into text, refusing what is not markdown."""

import os
import stat

from exercises.fileformat.discovery import SourceFile, real_root
from exercises.fileformat.errors import ImportFileError

DEFAULT_MAX_BYTES = 1024 * 1024

_NOT_REGULAR = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
}


def _kind_of_file(mode: int) -> str:
    return _NOT_REGULAR.get(stat.S_IFMT(mode), "not a regular file")


def _check_inside_root(source: SourceFile) -> None:
    """A symlink may point anywhere; only files inside the import folder are read."""
    if not os.path.lexists(source.real_path) or source.real_path.is_symlink():
        # realpath() stops at a dangling link or a loop; stat() names the problem.
        try:
            os.stat(source.path)
        except OSError as error:
            problem = f"cannot follow the file's link: {error.strerror or error}"
            raise ImportFileError(problem, "file") from error
    if not source.real_path.is_relative_to(real_root(source.root)):
        raise ImportFileError("the file is a link that leads outside the import folder", "file")


def read_source_bytes(source: SourceFile, *, max_bytes: int) -> bytes:
    """The file's bytes, refusing what is not a regular file inside its root before opening it.

    A named pipe would block the run forever on open() and a device could be read without
    end, so the file's type is checked first, and checked again on the opened descriptor in
    case the path was swapped in between.
    """
    _check_inside_root(source)
    path = source.path
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise ImportFileError(f"{_kind_of_file(mode)}, not a markdown file", "file")
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
        with os.fdopen(descriptor, "rb") as stream:
            opened = os.fstat(stream.fileno())
            if not stat.S_ISREG(opened.st_mode):
                raise ImportFileError(
                    f"{_kind_of_file(opened.st_mode)}, not a markdown file", "file"
                )
            if opened.st_size > max_bytes:
                problem = (
                    f"file is {opened.st_size} bytes, over the limit of {max_bytes} (--max-bytes)"
                )
                raise ImportFileError(problem, "file size")
            # Read one byte more than allowed so a file that grew since stat() is still caught.
            raw = stream.read(max_bytes + 1)
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
