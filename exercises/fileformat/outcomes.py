"""What became of one source file in an import run."""

from enum import StrEnum


class Outcome(StrEnum):
    """In the order the summary line counts them."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    FAILED = "failed"
