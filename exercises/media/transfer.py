"""Copying the media of one storage into another under the same names (local disk to bucket).

Names are kept, so every stored reference (an exercise's picture, its renditions) stays valid
once the default storage is the bucket. A name the target already holds with the same size is
left alone, so a second run copies only what is new; one it holds with other bytes is reported
and never overwritten.
"""

import enum
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.files.storage import Storage

from exercises.media.storage import STORAGE_ERRORS


class Outcome(enum.StrEnum):
    COPIED = "copied"
    UNCHANGED = "unchanged"
    DIFFERENT = "different"
    FAILED = "failed"


@dataclass(frozen=True)
class CopyResult:
    name: str
    outcome: Outcome
    detail: str = ""


def media_names(root: Path) -> Iterator[str]:
    """Storage names of the regular files below ``root``, sorted; hidden files and links are
    left out (a link may lead anywhere on the machine)."""
    for folder, subfolders, files in os.walk(root, followlinks=False):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for file_name in sorted(files):
            path = Path(folder, file_name)
            if file_name.startswith(".") or path.is_symlink() or not path.is_file():
                continue
            yield path.relative_to(root).as_posix()


def media_copy_to_storage(
    *, root: Path, source: Storage, target: Storage, dry_run: bool = False
) -> Iterator[CopyResult]:
    """Copy every file of ``source`` (a storage over ``root``) into ``target``, one result each."""
    for name in media_names(root):
        try:
            size = source.size(name)
            if target.exists(name):
                if target.size(name) == size:
                    yield CopyResult(name, Outcome.UNCHANGED)
                else:
                    yield CopyResult(
                        name, Outcome.DIFFERENT, "the target holds other bytes under this name"
                    )
                continue
            if not dry_run:
                with source.open(name, "rb") as content:
                    saved = target.save(name, content)
                if saved != name:
                    yield CopyResult(name, Outcome.FAILED, f"the target stored it as {saved}")
                    continue
        except STORAGE_ERRORS as error:
            yield CopyResult(name, Outcome.FAILED, str(error) or type(error).__name__)
            continue
        yield CopyResult(name, Outcome.COPIED)
