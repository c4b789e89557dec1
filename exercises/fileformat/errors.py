"""The one exception the parsers raise for a file that cannot be imported."""

import yaml

# What a hostile file could still make the parser or the writer raise past their checks.
HOSTILE_INPUT_ERRORS = (
    RecursionError,
    MemoryError,
    OverflowError,
    ValueError,
    TypeError,
    LookupError,
    UnicodeError,
    yaml.YAMLError,
)


class ImportFileError(Exception):
    """A problem with one source file; ``where`` names the field or the line."""

    def __init__(self, problem: str, where: str = ""):
        super().__init__(problem)
        self.problem = problem
        self.where = where

    def __str__(self) -> str:
        return f"{self.problem} ({self.where})" if self.where else self.problem


class NotAnExercise(Exception):
    """A markdown file that is not an exercise page (a Hugo section page, a README)."""
