"""Sitemaps: the home and list pages in every language, and every published exercise
(``publishing.sitemaps.ContentSitemap``: each exercise in its own language, translations
as hreflang alternates). Every registered section is listed (``SITEMAPS``), written by
``publishing.sitemaps.sitemap`` (the XML as text, no template per URL).

``/sitemap.xml`` is a single sitemap while every section fits in one file, and becomes a
sitemap index pointing at ``/sitemap-<section>.xml?p=N`` once a section is longer than the
protocol's 50,000 URLs (``SITEMAP_SECTION_SIZE``).
"""

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import index
from django.urls import reverse

from exercises.models import Exercise
from publishing.canonical import QueryParameter, page_query_parameters, whole_number
from publishing.sitemaps import SITEMAPS as SITEMAPS
from publishing.sitemaps import ContentSitemap, fits_one_page, register_sitemap, sitemap


class StaticPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        return ["exercises:home", "exercises:list"]

    def location(self, item):
        return reverse(item)


class ExerciseSitemap(ContentSitemap):
    model = Exercise
    detail_url_name = "exercises:detail"


register_sitemap("pages", StaticPagesSitemap)
register_sitemap("exercises", ExerciseSitemap)


# Django's sitemap views read the page number from "p"; page 1 is the default.
SITEMAP_QUERY_PARAMETERS = (QueryParameter("p", whole_number(minimum=2, maximum=10**6)),)
sitemap_section = page_query_parameters(*SITEMAP_QUERY_PARAMETERS)(sitemap)


@page_query_parameters(*SITEMAP_QUERY_PARAMETERS)
def sitemap_or_index(request):
    """One sitemap while it fits the protocol's limit, else an index of paginated sections."""
    instances: dict[str, Sitemap[Any]] = {name: section() for name, section in SITEMAPS.items()}
    sections: dict[str, Sitemap[Any] | type[Sitemap[Any]]] = dict(instances)
    if all(fits_one_page(section) for section in instances.values()):
        return sitemap(request, sitemaps=sections)
    return index(request, sitemaps=sections, sitemap_url_name="sitemap-section")
