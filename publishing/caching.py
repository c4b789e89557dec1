"""Whole-page caching of the public site for anonymous visitors, and its HTTP headers.

Every cached page is stored under a key that includes the *content version*: a token that
changes whenever anything a public page shows changes: ``publishing.pipeline`` bumps it
after it has derived what changed content needs. Bumping the version makes every cached page
unreachable at once, in every worker process, because the version lives in a cache all
workers share (Redis when ``REDIS_URL`` is set, otherwise a small file-based cache). The
pages themselves live in the ``pages`` cache: Redis, or each worker's own memory (correct,
since a stale version is never looked up again).

A page is stored under its *canonical request* (``publishing.canonical``): the configured
site host (``SITE_HOST``), the path, the query parameters its view declares in canonical
form, the language and gzip or not. The entry holds the version it was made under: a hit
needs the current version, and an older entry is overwritten by the next render, so an edit
leaves no orphaned copies behind. An entry outlives its version on purpose: when the
database fails, the last good copy is served (stale if error) rather than an error page.

Two middlewares, like Django's own cache middleware:

- ``PageCacheUpdateMiddleware`` sits near the top (right after WhiteNoise) so it stores the
  response as sent, gzipped when the client accepts gzip, and decides the cache headers.
- ``PageCacheFetchMiddleware`` sits last so the language is known; once the view is
  resolved it makes the request canonical, answers from the cache and stamps
  ``Last-Modified`` so ``ConditionalGetMiddleware`` can answer ``304``.

Every cache access fails open (``publishing.failopen``): with the cache down, pages are
rendered uncached and edits are saved.
"""

import contextlib
import hashlib
import math
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.cache import caches
from django.db import InterfaceError, OperationalError, transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from publishing.canonical import declared_parameters, make_request_canonical
from publishing.failopen import guarded, warn_once_a_minute

T = TypeVar("T")

# Splits Cache-Control and Vary header values (Django keeps its own pattern private).
cc_delim_re = re.compile(r"\s*,\s*")

VERSION_KEY = "pilates:content-version"
SCHEDULE_KEY = "pilates:next-scheduled-change"
# How far ahead the next publish-at / unpublish-at time is looked for.
SCHEDULE_HORIZON = 86_400

# Response headers a stored page may vary on; the key covers the language and gzip.
CACHEABLE_VARY = frozenset({"cookie", "accept-language", "accept-encoding"})
UNCACHEABLE_CONTROL = frozenset({"private", "no-store", "no-cache"})
# What a database that is down or unreachable raises, in a view or while rendering.
DATABASE_OUTAGE_ERRORS = (OperationalError, InterfaceError)


def _version_cache():
    return caches[settings.PAGE_CACHE_VERSION_ALIAS]


def _page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _version_get(key: str):
    return guarded(settings.PAGE_CACHE_VERSION_ALIAS, None, lambda: _version_cache().get(key))


def _version_set(key: str, value, timeout: int | None) -> bool:
    def store() -> bool:
        _version_cache().set(key, value, timeout=timeout)
        return True

    return guarded(settings.PAGE_CACHE_VERSION_ALIAS, False, store)


def content_version() -> tuple[str, float] | None:
    """The current version token and when the content last changed (a Unix time), or None
    while the cache that holds it cannot be reached (then no page is cached or served)."""
    _version_state.read_since_bump = True
    if _version_state.bump_owed and not _store_new_version():
        return None
    value = _version_get(VERSION_KEY)
    if value is None:
        value = _new_version()
        # add(), not set(): two workers starting at once agree on the first version.
        added = guarded(
            settings.PAGE_CACHE_VERSION_ALIAS,
            None,
            lambda: _version_cache().add(VERSION_KEY, value, timeout=None),
        )
        if added is None:
            return None
        if not added:
            value = _version_get(VERSION_KEY) or value
    token, _, changed_at = value.partition(":")
    return token, float(changed_at)


def bump_content_version() -> None:
    """Make every cached page stale, now and again once the current transaction commits.

    The bump after commit is the one that counts: until then other processes read the old
    rows, and a page they render from them could be stored under an earlier bump's version.
    The immediate bump keeps this process honest while its transaction is open (tests run
    inside one). Inside a transaction, a second bump is skipped until something has read
    the version since the first: an import saving ten rows per file writes the version
    twice per file, not twenty times.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _store_new_version()
        return
    pending = _bump_pending_on_commit(connection)
    if pending and not _version_state.read_since_bump:
        return
    _store_new_version()
    if not pending:
        transaction.on_commit(_store_new_version)


class _VersionState:
    read_since_bump = True
    # A bump this process could not store (the cache was down): made before the version is
    # next read, so pages cached before the outage are not served once the cache is back.
    bump_owed = False


_version_state = _VersionState()


def _schedule_state(token: str) -> tuple[str, float, float | None]:
    """(token, when the pages next change, when a schedule last changed them) as Unix
    times, looked up once per content version and schedule change, not per request (every
    edit of a schedule bumps the version). Between the two times no schedule acts, so both
    stay right until the first is reached."""
    from publishing.scheduling import schedule_times, seconds_until

    now = time.time()
    stored = _version_get(SCHEDULE_KEY)
    if stored is None or len(stored) != 3 or stored[0] != token or stored[1] <= now:
        moment = datetime.fromtimestamp(now, tz=UTC)
        times = schedule_times(now=moment)
        seconds = seconds_until(times.next_change, now=moment, longest=SCHEDULE_HORIZON)
        last = times.last_change.timestamp() if times.last_change else None
        stored = (token, now + seconds, last)
        _version_set(SCHEDULE_KEY, stored, SCHEDULE_HORIZON)
    return stored


def seconds_pages_stay_right(token: str) -> int:
    """Seconds until the next scheduled publish or unpublish (at most a day): no cached
    page, and no ``max-age``, may outlive it."""
    return max(1, math.ceil(_schedule_state(token)[1] - time.time()))


def pages_last_changed_at(token: str, changed_at: float) -> float:
    """When the public pages last changed: the content's last change, or a scheduled
    publish or unpublish that took effect since (nothing was saved then, so the content
    version does not know it). ``Last-Modified`` says this, so ``If-Modified-Since`` never
    keeps a page from before a schedule acted."""
    last_scheduled = _schedule_state(token)[2]
    return changed_at if last_scheduled is None else max(changed_at, last_scheduled)


def _bump_pending_on_commit(connection) -> bool:
    # Django drops these callbacks itself when the transaction (or savepoint) rolls back.
    return any(entry[1] is _store_new_version for entry in getattr(connection, "run_on_commit", []))


def _store_new_version() -> bool:
    # A fresh random token rather than a counter: two workers bumping at the same moment
    # can never both write the same "next" value and leave one change unpublished.
    stored = _version_set(VERSION_KEY, _new_version(), None)
    _version_state.bump_owed = not stored
    _version_state.read_since_bump = False
    return stored


def _new_version() -> str:
    return f"{secrets.token_hex(8)}:{time.time():.6f}"


def kept_per_content_version(key: str, compute: Callable[[], T]) -> T:
    """``compute()``'s value, computed once per content version (and schedule change) for
    every process, then read from the pages' cache: for what is the same for every visitor
    until the content changes, like the unfiltered list's facet counts. Fails open: with the
    cache down it is computed every time. ``compute()`` must not return None."""
    version = content_version()
    if version is None:
        return compute()
    token, _ = version
    stored_key = f"pilates:kept:{token}:{hashlib.sha256(key.encode()).hexdigest()}"
    found = guarded(settings.PAGE_CACHE_ALIAS, None, lambda: _page_cache().get(stored_key))
    # The entry carries the time it is right until, as a stored page does: the cache's own
    # expiry runs on the cache server's clock, not this process's.
    if isinstance(found, tuple) and found[0] > time.time():
        return found[1]
    value = compute()
    timeout = seconds_pages_stay_right(token)
    entry = (time.time() + timeout, value)
    guarded(
        settings.PAGE_CACHE_ALIAS,
        None,
        lambda: _page_cache().set(stored_key, entry, timeout=timeout),
    )
    return value


@dataclass
class StoredPage:
    """A page cache entry: the response and the version and time it is right for."""

    token: str
    fresh_until: float
    response: HttpResponse

    def is_fresh(self, token: str) -> bool:
        return self.token == token and time.time() < self.fresh_until


def _fetch_page(key: str) -> StoredPage | None:
    entry = guarded(settings.PAGE_CACHE_ALIAS, None, lambda: _page_cache().get(key))
    return entry if isinstance(entry, StoredPage) else None


def _store_page(key: str, entry: StoredPage) -> None:
    # Kept past its freshness for stale-if-error; each render of the page overwrites it.
    guarded(
        settings.PAGE_CACHE_ALIAS,
        None,
        lambda: _page_cache().set(key, entry, timeout=settings.PAGE_CACHE_TIMEOUT),
    )


def _carries_session(request) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _accepts_gzip(request) -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def _is_public_page(request) -> bool:
    return getattr(request, "_page_query", None) is not None


def _site_host(request) -> str:
    return settings.SITE_HOST or request.get_host().lower()


def _renders_for_site_host(request) -> bool:
    """Only a page rendered for the configured host may be stored: its absolute links (the
    canonical URL, hreflang, JSON-LD) are then right for every host it is served to."""
    return not settings.SITE_HOST or request.get_host().lower() == settings.SITE_HOST


def _warn_of_another_host(request) -> None:
    # A proxy that passes its own Host (127.0.0.1:8000) instead of the visitor's would
    # otherwise leave every page uncached without a word.
    warn_once_a_minute(
        "another host",
        "Pages asked for with Host %r are served from the cache but not stored in it: "
        "PILATES_SITE_HOST is %r. Does the proxy pass the visitor's Host header?",
        request.get_host(),
        settings.SITE_HOST,
    )


def page_key(request) -> str:
    """The cache key of a public page, once the request is canonical."""
    parts = [
        get_language() or "",
        "gzip" if _accepts_gzip(request) else "identity",
        request.scheme,
        _site_host(request),
        request.path,
        request._page_query,
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"pilates:page:{digest}"


def _language_comes_from_url(request) -> bool:
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    return is_language_prefix_patterns_used(urlconf) == (True, False)


def _cache_control_forbids_storing(response) -> bool:
    directives = {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
        if part.strip()
    }
    return bool(directives & UNCACHEABLE_CONTROL)


def _varies_only_on_known_headers(response) -> bool:
    vary = {
        header.strip().lower() for header in cc_delim_re.split(response.get("Vary", "")) if header
    }
    return vary <= CACHEABLE_VARY


class PageCacheFetchMiddleware:
    """Makes requests for public pages canonical, answers anonymous GET/HEAD requests from
    the page cache, marks what may be stored, and serves the last good copy of a page when
    the database fails while rendering it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._page_query = None
        request._page_cache_key = None
        request._page_cache_token = None
        request._page_cache_changed_at = None
        request._page_cache_stale = None
        response = self.get_response(request)
        if response.status_code == 200 and _is_public_page(request):
            if not _carries_session(request):
                changed_at = request._page_cache_changed_at
                if changed_at is not None and not response.has_header("Last-Modified"):
                    # Unless the database went away after the page was made.
                    with contextlib.suppress(*DATABASE_OUTAGE_ERRORS):
                        changed_at = pages_last_changed_at(request._page_cache_token, changed_at)
                    response["Last-Modified"] = http_date(changed_at)
            else:
                # Whoever carries a session may be staff seeing drafts: keep it out of
                # every shared and private cache.
                patch_cache_control(response, private=True, no_store=True)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        parameters = declared_parameters(view_func)
        if parameters is None:
            return None
        request._page_query = make_request_canonical(request, parameters)
        if _carries_session(request) or request.method not in ("GET", "HEAD"):
            return None
        version = content_version()
        if version is None:
            return None  # the cache is down: render, uncached
        # The version dates the page (Last-Modified) even when pages are not cached.
        request._page_cache_token, request._page_cache_changed_at = version
        if not settings.PAGE_CACHE_ENABLED:
            return None
        key = page_key(request)
        entry = _fetch_page(key)
        if entry is not None and entry.is_fresh(request._page_cache_token):
            request._page_cache_hit = True
            return entry.response
        request._page_cache_stale = entry
        if request.method == "GET":
            if _renders_for_site_host(request):
                request._page_cache_key = key
            else:
                _warn_of_another_host(request)
        return None

    def process_exception(self, request, exception):
        stale = getattr(request, "_page_cache_stale", None)
        if stale is None or not isinstance(exception, DATABASE_OUTAGE_ERRORS):
            return None
        request._page_cache_hit = True
        response = stale.response
        # Shared caches in front may keep it no longer than a moment: it is known stale.
        patch_cache_control(response, max_age=0, must_revalidate=True)
        response.headers.pop("Expires", None)
        return response


class PageCacheUpdateMiddleware:
    """Sets the public cache headers and stores cacheable responses as sent."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "_page_cache_hit", False):
            # LocaleMiddleware patched Vary again on the way out.
            if _language_comes_from_url(request):
                _drop_vary(response, "Accept-Language")
            return response
        if (
            response.status_code not in (200, 304)
            or not _is_public_page(request)
            or _carries_session(request)
            or response.cookies
            or _cache_control_forbids_storing(response)
        ):
            return response
        if _language_comes_from_url(request):
            _drop_vary(response, "Accept-Language")
        patch_vary_headers(response, ("Cookie",))
        token = getattr(request, "_page_cache_token", None)
        try:
            lifetime = seconds_pages_stay_right(token) if token else settings.PAGE_CACHE_TIMEOUT
        except DATABASE_OUTAGE_ERRORS:
            # The database went away after the page was made: send it, briefly, unstored.
            lifetime, token = settings.PAGE_CACHE_MAX_AGE, None
        max_age = min(settings.PAGE_CACHE_MAX_AGE, lifetime)
        if lifetime > settings.PAGE_CACHE_MAX_AGE + settings.PAGE_CACHE_STALE_WHILE_REVALIDATE:
            patch_cache_control(
                response,
                public=True,
                max_age=max_age,
                stale_while_revalidate=settings.PAGE_CACHE_STALE_WHILE_REVALIDATE,
            )
        else:
            # A scheduled change is near: nobody may serve this page after it.
            patch_cache_control(response, public=True, max_age=max_age)
        key = getattr(request, "_page_cache_key", None)
        if (
            key
            and token
            and response.status_code == 200
            and not response.streaming
            and _varies_only_on_known_headers(response)
        ):
            fresh_for = min(settings.PAGE_CACHE_TIMEOUT, lifetime)
            _store_page(key, StoredPage(token, time.time() + fresh_for, response))
        return response


def _drop_vary(response, header: str) -> None:
    kept = [
        value
        for value in cc_delim_re.split(response.get("Vary", ""))
        if value and value.lower() != header.lower()
    ]
    if kept:
        response["Vary"] = ", ".join(kept)
    elif response.has_header("Vary"):
        del response["Vary"]
