"""The database or the media bucket is down: answer with the branded 503 and ``Retry-After``,
never a 500.

The page cache's fetch half (``publishing.caching``) comes first: a public page it holds a
copy of is served from that copy instead (stale if error). Everything else, admin included,
gets this page, which needs nothing but templates and translations. The middleware catches
what views raise; ``server_error`` (the project's ``handler500``) what a middleware raises.
"""

import sys

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views import defaults

from exercises.media.storage import MEDIA_STORAGE_OUTAGE_ERRORS
from publishing.caching import DATABASE_OUTAGE_ERRORS
from publishing.failopen import report_failure


def service_unavailable(request) -> HttpResponse:
    # No request context: its processors (user, messages) could need the database.
    body = loader.get_template("503.html").render({"retry_after": settings.RETRY_AFTER})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(settings.RETRY_AFTER)
    add_never_cache_headers(response)
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_OUTAGE_ERRORS):
            report_failure("database", exception, what="Database")
        elif isinstance(exception, MEDIA_STORAGE_OUTAGE_ERRORS):
            # An upload the bucket could not take: the admin's transaction has rolled back.
            report_failure("storage", exception, what="Media storage")
        else:
            return None
        return service_unavailable(request)


def server_error(request) -> HttpResponse:
    """Django's 500 page, or the 503 one when what failed is the database."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_OUTAGE_ERRORS):
        report_failure("database", error, what="Database")
        return service_unavailable(request)
    return defaults.server_error(request)
