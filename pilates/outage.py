"""The database is down: answer with the branded 503 and ``Retry-After``, never a 500.

The page cache's fetch half (``publishing.caching``) comes first: a public page it holds a
copy of is served from that copy instead (stale if error). Everything else, admin included,
gets this page, which needs nothing but templates and translations.
"""

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

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
        if not isinstance(exception, DATABASE_OUTAGE_ERRORS):
            return None
        report_failure("database", exception, what="Database")
        return service_unavailable(request)
