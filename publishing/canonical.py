"""Canonical requests: the query parameters a public page honours, declared by its view.

A view decorated with ``page_query_parameters(...)`` is a *public page*: the page cache
keeps it whole for anonymous visitors (``publishing.caching``). Before the view runs, the
request's query string is replaced by its canonical form: the declared parameters only, in
their declared order, each value normalised, invalid values dropped (as the list's lenient
filters drop them), repeated values collapsed. So ``?utm_source=x&difficulty=Beginner&
difficulty=beginner`` is the very same request as ``?difficulty=beginner``: one cache entry,
and no link on the page repeats the noise. Anything undeclared (``utm_*``, ``fbclid``,
``gclid``, a typo) can therefore never create a cache entry.
"""

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import QueryDict

Normaliser = Callable[[str], str | None]

SLUG_RE = re.compile(r"^[-\w]{1,100}$")
FREE_TEXT_LIMIT = 200


def free_text(value: str) -> str | None:
    """Unicode NFC, runs of whitespace as one space, at most ``FREE_TEXT_LIMIT`` characters."""
    text = " ".join(unicodedata.normalize("NFC", value).split())[:FREE_TEXT_LIMIT]
    return text or None


def slug(value: str) -> str | None:
    text = value.strip().lower()
    return text if SLUG_RE.match(text) else None


def choice(allowed: Iterable[Any]) -> Normaliser:
    known = frozenset(str(item).lower() for item in allowed)

    def normalise(value: str) -> str | None:
        text = value.strip().lower()
        return text if text in known else None

    return normalise


def whole_number(*, minimum: int, maximum: int) -> Normaliser:
    """Digits only; below ``minimum`` (a view's default, such as page 1) counts as absent."""

    def normalise(value: str) -> str | None:
        text = value.strip()
        if not text.isascii() or not text.isdigit() or len(text) > len(str(maximum)):
            return None
        number = int(text)
        return str(number) if minimum <= number <= maximum else None

    return normalise


@dataclass(frozen=True)
class QueryParameter:
    name: str
    normalise: Normaliser = free_text
    # Several values are alternatives (kept sorted, once each); otherwise the last one
    # counts, as with ``QueryDict.get``.
    many: bool = False


def page_query_parameters(*parameters: QueryParameter | str):
    """Declares a view a cacheable public page honouring exactly these query parameters
    (a bare name is free text, one value)."""
    declared = tuple(
        item if isinstance(item, QueryParameter) else QueryParameter(item) for item in parameters
    )

    def decorate(view):
        @functools.wraps(view)
        def public_page(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        public_page.page_query_parameters = declared  # type: ignore[attr-defined]
        return public_page

    return decorate


def declared_parameters(view) -> Sequence[QueryParameter] | None:
    """The parameters a view declared, or None when it is not a public page."""
    return getattr(view, "page_query_parameters", None)


def canonical_query(query: QueryDict, parameters: Sequence[QueryParameter]) -> str:
    pairs: list[tuple[str, str]] = []
    for parameter in parameters:
        values = [
            value
            for raw in query.getlist(parameter.name)
            if (value := parameter.normalise(raw)) is not None
        ]
        if not values:
            continue
        chosen = sorted(set(values)) if parameter.many else values[-1:]
        pairs.extend((parameter.name, value) for value in chosen)
    return urlencode(pairs)


def make_request_canonical(request, parameters: Sequence[QueryParameter]) -> str:
    """Replaces the request's query string by its canonical form (which is returned), so the
    view, its links and the cache key all see the same request."""
    query = canonical_query(request.GET, parameters)
    request.META["QUERY_STRING"] = query
    request.GET = QueryDict(query, encoding=request.encoding)
    return query
