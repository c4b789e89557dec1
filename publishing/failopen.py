"""Cache access that fails open: a cache that is down, full or unwritable costs speed, never
a page.

Every read and write of the page cache and of the content version goes through ``guarded``.
When the backend raises one of ``CACHE_ERRORS`` (Redis refusing or timing out, Redis out of
memory under ``noeviction``, a cache directory that is a file or read-only), the call returns
its fallback instead, the failure is logged at most once a minute per cache alias (with how
many were not logged), and that alias is left alone for ``RETRY_INTERVAL`` seconds so that a
blackholed Redis costs one timeout per interval and process, not one per request.
"""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from redis.exceptions import RedisError

T = TypeVar("T")

logger = logging.getLogger("publishing.failopen")

# RedisError covers refused and timed-out connections and "OOM command not allowed";
# OSError covers the file-based cache (NotADirectoryError, PermissionError, disk full).
CACHE_ERRORS: tuple[type[Exception], ...] = (RedisError, OSError)
LOG_INTERVAL = 60.0
RETRY_INTERVAL = 2.0


@dataclass
class _AliasHealth:
    failing_since: float | None = None
    retry_at: float = 0.0
    logged_at: float | None = None
    unlogged: int = 0


_health: dict[str, _AliasHealth] = {}
_lock = threading.Lock()


def guarded(alias: str, fallback: T, operation: Callable[[], T]) -> T:
    """``operation()``, or ``fallback`` when the cache ``alias`` fails (or failed moments ago)."""
    now = time.monotonic()
    with _lock:
        health = _health.setdefault(alias, _AliasHealth())
        if health.failing_since is not None and now < health.retry_at:
            health.unlogged += 1
            return fallback
    try:
        result = operation()
    except CACHE_ERRORS as error:
        report_failure(alias, error)
        return fallback
    if health.failing_since is not None:
        _record_recovery(alias, health, now)
    return result


def report_failure(alias: str, error: Exception, *, what: str = "Cache") -> None:
    """Logs that ``alias`` failed, at most once per ``LOG_INTERVAL``, and holds it off."""
    now = time.monotonic()
    with _lock:
        health = _health.setdefault(alias, _AliasHealth())
        if health.failing_since is None:
            health.failing_since = now
        health.retry_at = now + RETRY_INTERVAL
        if health.logged_at is not None and now - health.logged_at < LOG_INTERVAL:
            health.unlogged += 1
            return
        unlogged, health.unlogged, health.logged_at = health.unlogged, 0, now
    logger.warning(
        "%s %r unavailable: %s: %s%s",
        what,
        alias,
        type(error).__name__,
        error,
        f" ({unlogged} more failures since the last message)" if unlogged else "",
    )


def _record_recovery(alias: str, health: _AliasHealth, now: float) -> None:
    with _lock:
        if health.failing_since is None:
            return
        down_for = now - health.failing_since
        health.failing_since, health.logged_at, health.unlogged = None, None, 0
    logger.warning("%r is back after %.0f s.", alias, down_for)


_warned_at: dict[str, float] = {}


def warn_once_a_minute(topic: str, message: str, *args) -> None:
    """Logs a warning about ``topic`` unless one was logged in the last ``LOG_INTERVAL``."""
    now = time.monotonic()
    with _lock:
        if now - _warned_at.get(topic, -LOG_INTERVAL) < LOG_INTERVAL:
            return
        _warned_at[topic] = now
    logger.warning(message, *args)


def reset() -> None:
    """Forget past failures and warnings (tests, a process that reconfigures its caches)."""
    with _lock:
        _health.clear()
        _warned_at.clear()
