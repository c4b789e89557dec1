"""Sitemap sections of published content: a base class any content type's section
subclasses, and the registry ``/sitemap.xml`` lists its sections from.

Each row is its own URL in its own language; translations (same translation key) are
listed as hreflang alternates of each other, with the default language's as
``x-default``. Only the one row per language an editor chose as the translation takes
part, so every alternate is reciprocal; the others are listed on their own.
"""

from collections import defaultdict
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Max
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property

SLUG_PLACEHOLDER = "slug"

# Section name -> sitemap class, in the order the sitemap lists them. Content types add
# theirs with ``register_sitemap`` when their sitemap module is imported.
SITEMAPS: "dict[str, type[Sitemap[Any]]]" = {}


def register_sitemap(section: str, sitemap: "type[Sitemap[Any]]") -> None:
    SITEMAPS[section] = sitemap


def detail_path_parts(url_name: str) -> dict[str, tuple[str, str]]:
    """Each language's detail URL split around the slug, so rows need no ``reverse()``."""
    parts = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            path = reverse(url_name, kwargs={"slug": SLUG_PLACEHOLDER})
        head, _placeholder, tail = path.rpartition(SLUG_PLACEHOLDER)
        parts[language] = (head, tail)
    return parts


class ContentSitemap(Sitemap):
    """Every published row of ``model`` (made of the publishable and translatable mixins,
    with a ``<slug>`` detail URL named ``detail_url_name``), with its translations as
    alternates, in a fixed number of queries per page."""

    model: ClassVar[type[models.Model]]
    detail_url_name: ClassVar[str]
    changefreq = "weekly"

    @property
    def limit(self) -> int:  # type: ignore[override]  # a setting, read when used
        return settings.SITEMAP_SECTION_SIZE

    @cached_property
    def paginator(self):
        # Cached so choosing between a sitemap and an index costs one COUNT, not two.
        return Paginator(self._items(), self.limit)  # type: ignore[attr-defined]

    def published(self) -> Any:
        return self.model._default_manager.published()  # type: ignore[attr-defined]

    def items(self):
        return (
            self.published()
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

    def location(self, item):
        return self._path(item.language, item.slug)

    def lastmod(self, item):
        return item.last_modified_on or item.published_on or item.updated_at.date()

    def get_latest_lastmod(self):
        # One aggregate instead of the base class's lastmod() over every row.
        return (
            self.published()
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
            self.published()
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
        return detail_path_parts(self.detail_url_name)

    def _path(self, language: str, slug: str) -> str:
        head, tail = self._path_parts[language]
        return f"{head}{slug}{tail}"
