"""Which files an import covers: the named files, and every ``*.md`` under named folders."""

import os
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

_SECTION_PAGE = re.compile(r"^_index(?:\.[a-z]{2})?\.md$", re.IGNORECASE)
# The site keeps its workout pages beside its exercises; `import_workouts` reads those.
WORKOUT_SECTIONS = frozenset({"workouts", "entrenamientos"})


def real_path(path: Path) -> Path:
    """``path`` with its links followed; a link loop is left for reading to report."""
    return Path(os.path.realpath(path))


@lru_cache(maxsize=64)
def real_root(root: Path) -> Path:
    """The import folder's real path, worked out once for all the files under it."""
    return real_path(root)


@dataclass(frozen=True)
class SourceFile:
    path: Path  # as the user named it, for messages
    root: Path  # the folder the import started from; source paths are relative to it

    @cached_property
    def real_path(self) -> Path:
        return real_path(self.path)

    @cached_property
    def relative_path(self) -> str:
        """Stable across machines: the same collection gives the same paths anywhere."""
        try:
            return self.real_path.relative_to(real_root(self.root)).as_posix()
        except ValueError:
            return self.path.name

    @property
    def is_section_page(self) -> bool:
        """Hugo's ``_index.md`` lists a section; it is not an exercise."""
        return bool(_SECTION_PAGE.match(self.path.name))

    @property
    def is_workout_page(self) -> bool:
        """Under a workouts folder of the import: a workout, not an exercise."""
        folders = {part.lower() for part in Path(self.relative_path).parent.parts}
        return bool(WORKOUT_SECTIONS & folders)


def _files_under(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    found: list[Path] = []
    for directory, subdirectories, files in os.walk(folder):
        subdirectories[:] = sorted(name for name in subdirectories if not name.startswith("."))
        found.extend(
            Path(directory, name)
            for name in sorted(files)
            if name.lower().endswith(suffixes) and not name.startswith(".")
        )
    return found


def discover_sources(
    paths: list[Path], suffixes: tuple[str, ...] = (".md",)
) -> tuple[list[SourceFile], list[Path]]:
    """The files to import, each once and in a stable order, and the paths that do not exist.

    Under a folder only files ending in ``suffixes`` are taken; a file named is always taken.
    """
    sources: list[SourceFile] = []
    missing: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = [SourceFile(path=file, root=path) for file in _files_under(path, suffixes)]
        elif os.path.lexists(path):
            # Pipes, devices and dangling links too: reading refuses them with a reason.
            found = [SourceFile(path=path, root=path.parent)]
        else:
            missing.append(path)
            continue
        for source in found:
            resolved = source.real_path  # kept: reading and the source path need it again
            if resolved not in seen:
                seen.add(resolved)
                sources.append(source)
    return sources, missing
