"""Opaque list cursors and sync positions: plain parsing, no database access.

A cursor names the sort it was made for, the sort key of the last exercise of the page
(the next page starts after it: keyset paging, so a page is never shifted by exercises
added or removed before it), and the change-log position the first page was read at (the
value a mirror passes as ``updated_since`` once it has the whole list).
"""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

# Sort keys per sort order: (field, descending). Nullable keys sort their nulls last.
SORT_KEYS: dict[str, tuple[tuple[str, bool], ...]] = {
    "title": (("title", False), ("pk", False)),
    "newest": (("published_on", True), ("created_at", True), ("pk", True)),
    "duration": (("duration", False), ("title", False), ("pk", False)),
    "relevance": (("search_rank", True), ("title", False), ("pk", False)),
}
NULLABLE_KEYS = frozenset({"published_on", "duration", "search_rank"})
DATE_KEYS = frozenset({"published_on"})
DATETIME_KEYS = frozenset({"created_at"})
# A time given as ``updated_since`` is read with this much to spare: a change logged in the
# second before may come again (applying it twice changes nothing), none is missed.
CLOCK_MARGIN = timedelta(seconds=1)


class BadCursor(ValueError):
    """A cursor or position this API did not make (or made for another sort)."""


@dataclass(frozen=True)
class Cursor:
    sort: str
    after: tuple[Any, ...]
    position: int


def encode_cursor(cursor: Cursor) -> str:
    values = [
        value.isoformat() if isinstance(value, date | datetime) else value for value in cursor.after
    ]
    raw = json.dumps([cursor.sort, values, cursor.position], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(text: str, *, sort: str) -> Cursor:
    """The cursor ``text`` stands for; ``BadCursor`` unless it was made for ``sort``."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        made_for, values, position = json.loads(raw)
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError) as error:
        raise BadCursor("not a cursor of this API") from error
    keys = SORT_KEYS.get(sort, ())
    if made_for != sort or not isinstance(values, list) or len(values) != len(keys):
        raise BadCursor("made for another sort order")
    if not isinstance(position, int) or isinstance(position, bool) or position < 0:
        raise BadCursor("not a cursor of this API")
    after = tuple(
        _key_value(name, value) for (name, _descending), value in zip(keys, values, strict=True)
    )
    return Cursor(sort, after, position)


def _key_value(name: str, value: Any) -> Any:
    if value is None:
        if name in NULLABLE_KEYS:
            return None
        raise BadCursor("not a cursor of this API")
    parsed: Any
    if name in DATE_KEYS:
        parsed = parse_date(value) if isinstance(value, str) else None
    elif name in DATETIME_KEYS:
        parsed = parse_datetime(value) if isinstance(value, str) else None
    elif name == "pk" or name == "duration":
        parsed = value if isinstance(value, int) and not isinstance(value, bool) else None
    elif name == "search_rank":
        number = isinstance(value, int | float) and not isinstance(value, bool)
        parsed = float(value) if number else None
    else:
        parsed = value if isinstance(value, str) else None
    if parsed is None:
        raise BadCursor("not a cursor of this API")
    return parsed


@dataclass(frozen=True)
class SyncStart:
    """Where a sync starts: after a change-log position, or at a moment."""

    position: int | None = None
    moment: datetime | None = None


def parse_updated_since(text: str) -> SyncStart:
    """``updated_since`` is a position this API returned (digits) or an ISO 8601 moment
    (without an offset: UTC); ``BadCursor`` for anything else."""
    text = text.strip()
    if text.isdigit():
        return SyncStart(position=int(text))
    try:
        moment = parse_datetime(text)
        day = parse_date(text) if moment is None and len(text) == 10 else None
    except ValueError as error:
        raise BadCursor("neither a position nor an ISO 8601 time") from error
    if moment is None:
        if day is None:
            raise BadCursor("neither a position nor an ISO 8601 time")
        moment = datetime(day.year, day.month, day.day)
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    if moment - datetime.min.replace(tzinfo=UTC) < CLOCK_MARGIN:
        return SyncStart(position=0)
    return SyncStart(moment=moment - CLOCK_MARGIN)
