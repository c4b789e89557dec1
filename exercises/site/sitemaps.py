"""Sitemaps: the home and list pages in every language, and every published exercise.

Each exercise is its own URL in its own language; translations (same translation key) are
listed as hreflang alternates of each other, with the English one as ``x-default``. Only the
one exercise per language an editor chose as the translation takes part, so every alternate
is reciprocal; the others are listed on their own.

``/sitemap.xml`` is a single sitemap while every section fits in one file, and becomes a
sitemap index pointing at ``/sitemap-<section>.xml?p=N`` once a section is longer than the
protocol's 50,000 URLs (``SITEMAP_SECTION_SIZE``).
"""

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import index, sitemap
from django.core.paginator import Paginator
from django.db.models import Max
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property

from exercises.models import Exercise
from publishing.canonical import QueryParameter, page_query_parameters, whole_number

SLUG_PLACEHOLDER = "slug"


class StaticPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        return ["exercises:home", "exercises:list"]

    def location(self, item):
        return reverse(item)


def detail_path_parts() -> dict[str, tuple[str, str]]:
    """Each language's detail URL split around the slug, so rows need no ``reverse()``."""
    parts = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            path = reverse("exercises:detail", kwargs={"slug": SLUG_PLACEHOLDER})
        head, _placeholder, tail = path.rpartition(SLUG_PLACEHOLDER)
        parts[language] = (head, tail)
    return parts


class ExerciseSitemap(Sitemap):
    changefreq = "weekly"

    @property
    def limit(self) -> int:  # type: ignore[override]  # a setting, read when used
        return settings.SITEMAP_SECTION_SIZE

    @cached_property
    def paginator(self):
        # Cached so choosing between a sitemap and an index costs one COUNT, not two.
        return Paginator(self._items(), self.limit)  # type: ignore[attr-defined]

    def items(self):
        return (
            Exercise.objects.published()
            .order_by("language", "slug", "pk")
            .only(
                "language",
                "slug",
                "translation_key",
                "is_primary_translation",
                "last_modified_on",
                "published_on",
                "updated_at",
            )
        )

    def location(self, exercise):
        return self._path(exercise.language, exercise.slug)

    def lastmod(self, exercise):
        return exercise.last_modified_on or exercise.published_on or exercise.updated_at.date()

    def get_latest_lastmod(self):
        # One aggregate instead of the base class's lastmod() over every exercise.
        return (
            Exercise.objects.published()
            .aggregate(
                latest=Max(Coalesce("last_modified_on", "published_on", TruncDate("updated_at")))
            )
            .get("latest")
        )

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        # Translations may sit on another page of the section: look them up by key.
        keys = {url["item"].translation_key for url in urls if url["item"].translation_key}
        versions: defaultdict[str, dict[str, str]] = defaultdict(dict)
        for key, language, slug in (
            Exercise.objects.published()
            .filter(translation_key__in=keys, is_primary_translation=True)
            .order_by("language", "pk")
            .values_list("translation_key", "language", "slug")
        ):
            versions[key].setdefault(language, slug)
        for url in urls:
            if not url["item"].is_primary_translation:
                continue
            by_language = versions.get(url["item"].translation_key, {})
            if len(by_language) < 2:
                continue
            url["alternates"] = [
                {"lang_code": language, "location": base + self._path(language, slug)}
                for language, slug in by_language.items()
            ]
            if settings.LANGUAGE_CODE in by_language:
                default = self._path(settings.LANGUAGE_CODE, by_language[settings.LANGUAGE_CODE])
                url["alternates"].append({"lang_code": "x-default", "location": base + default})
        return urls

    @cached_property
    def _path_parts(self) -> dict[str, tuple[str, str]]:
        return detail_path_parts()

    def _path(self, language: str, slug: str) -> str:
        head, tail = self._path_parts[language]
        return f"{head}{slug}{tail}"


SITEMAPS = {"pages": StaticPagesSitemap, "exercises": ExerciseSitemap}


# Django's sitemap views read the page number from "p"; page 1 is the default.
SITEMAP_QUERY_PARAMETERS = (QueryParameter("p", whole_number(minimum=2, maximum=10**6)),)
sitemap_section = page_query_parameters(*SITEMAP_QUERY_PARAMETERS)(sitemap)


@page_query_parameters(*SITEMAP_QUERY_PARAMETERS)
def sitemap_or_index(request):
    """One sitemap while it fits the protocol's limit, else an index of paginated sections."""
    instances: dict[str, Sitemap[Any]] = {name: section() for name, section in SITEMAPS.items()}
    sections: dict[str, Sitemap[Any] | type[Sitemap[Any]]] = dict(instances)
    if all(section.paginator.num_pages <= 1 for section in instances.values()):
        return sitemap(request, sitemaps=sections)
    return index(request, sitemaps=sections, sitemap_url_name="sitemap-section")
