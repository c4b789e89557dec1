"""Old addresses answer 301 to the exercise's current URL (see ``exercises.models.OldAddress``).

The middleware sits just before the page cache's fetch half, so it sees what the site
answered, cached or not, and acts only on a 404: a page the site serves, from the cache
or not, costs it nothing, and a 404 costs one query on the unique index of the paths.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control

from exercises.models import Exercise
from pilates.outage import service_unavailable
from publishing.addresses import InvalidAddress, normalise_path
from publishing.caching import DATABASE_OUTAGE_ERRORS
from publishing.failopen import report_failure


def exercise_at_old_address(path: str) -> Exercise | None:
    """The published exercise an old address leads to; one indexed query, none for a path
    that cannot be an old address."""
    try:
        normalised = normalise_path(path)
    except InvalidAddress:
        return None
    return (
        Exercise.objects.published()
        .filter(old_addresses__path=normalised)
        .only("slug", "language")
        .order_by()
        .first()
    )


class OldAddressRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        try:
            exercise = exercise_at_old_address(request.path_info)
        except DATABASE_OUTAGE_ERRORS as error:
            # Not a 404: that would tell search engines an address that may lead somewhere
            # is gone. The branded 503 asks them to come back.
            report_failure("database", error, what="Database")
            return service_unavailable(request)
        if exercise is None:
            return response
        target = exercise.get_absolute_url()
        if target == request.path:
            return response
        query = request.GET.urlencode()  # re-encoded: nothing raw reaches the header
        redirect = HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
        # Short-lived for caches: a later rename moves the target.
        patch_cache_control(redirect, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
        return redirect
