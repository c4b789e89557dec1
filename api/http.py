"""HTTP around the API's views: the per-client rate limit, CORS for reading from any
origin, cache headers, and problem details for every error (also those Django answers
before a view runs: an unknown path, a method not allowed).

Entity tags, 304 and gzip come from the project's ConditionalGet and GZip middleware,
which sit outside this one.
"""

import hashlib
import math
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from api.problems import is_problem, problem_response
from publishing.failopen import guarded

API_PREFIX = "/api/v1/"
THROTTLE_CACHE = "default"
WINDOW_SECONDS = 60
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Retry-After, Content-Language",
}
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Accept-Language, If-None-Match",
    "Access-Control-Max-Age": "86400",
}


def client_address(request: HttpRequest) -> str:
    """The client's address: from X-Forwarded-For behind the proxies the login throttle is
    told about (``DJANGO_AXES_PROXY_COUNT``), else the connection's."""
    proxies = settings.AXES_IPWARE_PROXY_COUNT or 0
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
    if proxies and len(forwarded) >= proxies and forwarded[-proxies]:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def seconds_to_wait(request: HttpRequest, *, now: float) -> int:
    """0 while the client is within ``API_THROTTLE`` requests this minute, else the
    seconds until the next minute. A cache that is down lets every request through."""
    limit = settings.API_THROTTLE
    if limit <= 0:
        return 0
    window = int(now // WINDOW_SECONDS)
    client = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    key = f"api-throttle:{client}:{window}"
    cache = caches[THROTTLE_CACHE]

    def count() -> int:
        cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
        return int(cache.incr(key))

    if guarded(THROTTLE_CACHE, 0, count) <= limit:
        return 0
    return max(1, math.ceil((window + 1) * WINDOW_SECONDS - now))


class ApiHttpMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            for name, value in PREFLIGHT_HEADERS.items():
                response[name] = value
        elif wait := seconds_to_wait(request, now=time.time()):
            with translation.override(translation.get_language_from_request(request)):
                detail = _("At most %(limit)s requests a minute; try again in %(wait)s s.") % {
                    "limit": settings.API_THROTTLE,
                    "wait": wait,
                }
            response = problem_response(request, 429, detail=detail)
            response["Retry-After"] = str(wait)
        else:
            response = self.get_response(request)
        if response.status_code >= 400 and not is_problem(response):
            # Django's own 404 and 405 (and the outage's 503) in the API's error format.
            replacement = problem_response(request, response.status_code)
            for name in ("Retry-After", "Allow"):
                if response.has_header(name):
                    replacement[name] = response[name]
            response = replacement
        for name, value in CORS_HEADERS.items():
            response[name] = value
        if response.status_code in (200, 304):
            if "updated_since" in request.GET:
                # A change feed: any copy is checked with the server (its ETag) before use.
                patch_cache_control(response, public=True, no_cache=True)
            else:
                patch_cache_control(response, public=True, max_age=settings.API_MAX_AGE)
        elif response.status_code >= 400:
            patch_cache_control(response, no_store=True)
        patch_vary_headers(response, ("Accept-Encoding",))
        return response
