"""The site's URLs plus a view that needs the database, for the database-down 500 test."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from exercises.models import Exercise
from pilates.urls import urlpatterns as site_urlpatterns


def count_exercises(request):
    Exercise.objects.count()  # Fails while the database is down.


urlpatterns = [
    *i18n_patterns(path("needs-the-database/", count_exercises), prefix_default_language=False),
    *site_urlpatterns,
]
