from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from api.views import api
from exercises.site.sitemaps import SITEMAPS, sitemap_or_index, sitemap_section
from exercises.site.views import robots_txt

# The database-down 503 also for errors raised outside a view (pilates/outage.py).
handler500 = "pilates.outage.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap_or_index, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_section,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
]
urlpatterns += i18n_patterns(
    path("", include("exercises.urls")),
    prefix_default_language=False,
)
