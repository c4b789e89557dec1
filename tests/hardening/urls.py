"""The site's URLs plus a view that needs the database (the database-down 503 test) and
one that fails (the 500 test)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from exercises.models import Exercise
from pilates.urls import urlpatterns as site_urlpatterns


def count_exercises(request):
    Exercise.objects.count()  # Fails while the database is down.


def fails(request):
    raise RuntimeError("a bug")


urlpatterns = [
    *i18n_patterns(
        path("needs-the-database/", count_exercises),
        path("fails/", fails),
        prefix_default_language=False,
    ),
    *site_urlpatterns,
]
