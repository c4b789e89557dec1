"""``/healthz`` and ``/readyz`` for load balancers and orchestrators.

``/healthz`` says the process answers and touches nothing: a load balancer that restarts
what fails it must not restart every app server because the database is down. ``/readyz``
says whether this server can serve: the database, every configured cache and the media
storage are reached (200), or which of them is not (503); JSON either way, never cached.

The middleware comes first, before host validation and the HTTPS redirect: probes come by
address over plain HTTP, with a ``Host`` that is no site name. The answers hold nothing but
component names and error class names (details go to the log).
"""

import json
import logging
import os
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import Error as DatabaseError
from django.db import connections
from django.http import HttpResponse

from exercises.media.storage import STORAGE_ERRORS
from publishing.failopen import CACHE_ERRORS

logger = logging.getLogger("pilates.health")

HEALTH_PATHS = frozenset({"/healthz", "/healthz/"})
READY_PATHS = frozenset({"/readyz", "/readyz/"})
PROBE_KEY = "pilates:readiness-probe"
PROBE_FILE = ".readiness-probe"


def check_database() -> None:
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")


def check_caches() -> None:
    value = secrets.token_hex(8)
    for alias in settings.CACHES:
        cache = caches[alias]
        cache.set(PROBE_KEY, value, timeout=30)
        if cache.get(PROBE_KEY) != value:
            raise OSError(f"cache {alias!r} did not keep what was stored")


def check_storage() -> None:
    if isinstance(default_storage, FileSystemStorage):
        # A local directory: uploads need it to be one, and writable (it is made on demand).
        os.makedirs(default_storage.location, exist_ok=True)
        if not os.access(default_storage.location, os.W_OK | os.X_OK):
            raise PermissionError(f"{default_storage.location} is not writable")
    default_storage.exists(PROBE_FILE)


CHECKS: dict[str, tuple[Callable[[], None], Callable[[], tuple[type[Exception], ...]]]] = {
    "database": (check_database, lambda: (DatabaseError,)),
    "cache": (check_caches, lambda: CACHE_ERRORS),
    "storage": (check_storage, lambda: STORAGE_ERRORS),
}


def readiness() -> dict[str, str]:
    """Each component's state: ``"ok"`` or the class name of what it raised."""
    states = {}
    for name, (check, errors) in CHECKS.items():
        try:
            check()
        except errors() as error:
            logger.warning("Not ready: %s: %s: %s", name, type(error).__name__, error)
            states[name] = type(error).__name__
        else:
            states[name] = "ok"
    return states


def _json(payload: dict, status: int) -> HttpResponse:
    response = HttpResponse(json.dumps(payload), status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in HEALTH_PATHS and request.method in ("GET", "HEAD"):
            return _json({"status": "ok"}, 200)
        if request.path_info in READY_PATHS and request.method in ("GET", "HEAD"):
            checks = readiness()
            ready = all(state == "ok" for state in checks.values())
            return _json(
                {"status": "ok" if ready else "unavailable", "checks": checks},
                200 if ready else 503,
            )
        return self.get_response(request)
