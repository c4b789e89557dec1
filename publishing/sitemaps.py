"""Sitemap sections of published content: a base class any content type's section
subclasses, the registry ``/sitemap.xml`` lists its sections from, and the XML writer the
sitemap views answer with.

Each row is its own URL in its own language; translations (same translation key) are
listed as hreflang alternates of each other, with the default language's as
``x-default``. Only the one row per language an editor chose as the translation takes
part, so every alternate is reciprocal; the others are listed on their own.

A content section is written as text from one ordered ``values_list()`` of the columns it
needs (no model instances, no template per URL: Django's template spent 79% of a 6.8 s
section of 45,884 URLs rendering 413,000 variables), byte for byte what Django's
``sitemap.xml`` template renders. Its hreflang alternates come from the same rows when the
page is the whole section, else from one more ordered query.
"""

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time
from html import escape
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Max
from django.db.models.functions import Coalesce, TruncDate
from django.http import Http404, HttpResponse
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.http import http_date

from publishing.models import SITEMAP_ROW_FIELDS

SLUG_PLACEHOLDER = "slug"

# A row's lastmod: when it was last changed in substance, else published, else saved (the
# date in UTC, as the saved timestamp's .date() is).
LASTMOD = Coalesce("last_modified_on", "published_on", TruncDate("updated_at", tzinfo=UTC))

# Slugs are letters, digits, hyphens and underscores; anything else is escaped.
_needs_escaping = re.compile(r"[&<>\"']").search

# What Django's sitemap.xml template puts around its {% spaceless %} list of <url>s.
URLSET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)
URLSET_TAIL = "\n</urlset>\n"

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
    with a ``<slug>`` detail URL named ``detail_url_name`` and a ``sitemap_index``), with
    its translations as alternates: one query per page, two when the section has more
    than one page.

    ``url_elements()`` writes a page's ``<url>`` elements as text; ``get_urls()`` gives the
    same URLs as Django's dictionaries (for anything built on Django's sitemap views)."""

    model: ClassVar[type[models.Model]]
    detail_url_name: ClassVar[str]
    changefreq = "weekly"

    @property
    def limit(self) -> int:  # type: ignore[override]  # a setting, read when used
        return settings.SITEMAP_SECTION_SIZE

    @cached_property
    def paginator(self):
        # Only the index asks for it (one COUNT); a page reads its rows without it.
        return Paginator(self._items(), self.limit)  # type: ignore[attr-defined]

    def published(self) -> Any:
        return self.model._default_manager.published()  # type: ignore[attr-defined]

    def items(self):
        return (
            self.published()
            .order_by("language", "slug", "pk")
            .only("language", "slug", *SITEMAP_ROW_FIELDS)
        )

    def location(self, item):
        return self._path(item.language, item.slug)

    def lastmod(self, item):
        return item.last_modified_on or item.published_on or item.updated_at.date()

    def get_latest_lastmod(self):
        # One aggregate instead of the base class's lastmod() over every row.
        return self.published().aggregate(latest=Max(LASTMOD)).get("latest")

    def fits_one_page(self) -> bool:
        """Whether the section is one page, known from reading that page (no COUNT)."""
        return len(self._page_rows(1)) <= self.limit

    def url_elements(self, page: int | str = 1, *, base: str) -> list[str]:
        """The page's ``<url>`` elements (URLs prefixed with ``base``, the scheme and
        domain) as Django's ``sitemap.xml`` template writes them; sets ``latest_lastmod``
        as ``get_urls()`` does. Raises ``EmptyPage`` past the last page."""
        number = self._page_number(page)
        read = self._page_rows(number)
        rows = read[: self.limit]
        locations = self._locations(base, rows)
        versions: defaultdict[str, dict[str, str]] = defaultdict(dict)
        if number == 1 and len(read) <= self.limit:
            # The whole section: each translation is one of these rows (written once).
            for (language, _slug, key, primary, _lastmod), url in zip(rows, locations, strict=True):
                if primary and key:
                    versions[key][language] = url
        else:
            found = self._translations(number)
            for (key, language, _slug), url in zip(
                found, self._locations(base, [row[1:] for row in found]), strict=True
            ):
                versions[key][language] = url
        default_language = settings.LANGUAGE_CODE
        links = {
            key: _alternate_links(urls, default_language)
            for key, urls in versions.items()
            if len(urls) >= 2
        }
        fixed = _optional_element("changefreq", getattr(self, "changefreq", None))
        fixed += _optional_element("priority", getattr(self, "priority", None))
        elements = [
            f"<url><loc>{url}</loc><lastmod>{lastmod.isoformat()}</lastmod>{fixed}"
            f"{links.get(key, '') if primary else ''}</url>"
            for (_language, _slug, key, primary, lastmod), url in zip(rows, locations, strict=True)
        ]
        if rows:
            self.latest_lastmod = max(row[4] for row in rows)
        return elements

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        versions = self._versions(self._page_number(page), self._page_rows(self._page_number(page)))
        for url in urls:
            if not url["item"].is_primary_translation:
                continue
            by_language = versions.get(url["item"].translation_key, {})
            if len(by_language) < 2:
                continue
            url["alternates"] = [
                {"lang_code": language, "location": base + self._path(language, slug)}
                for language, slug in sorted(by_language.items())
            ]
            if settings.LANGUAGE_CODE in by_language:
                default = self._path(settings.LANGUAGE_CODE, by_language[settings.LANGUAGE_CODE])
                url["alternates"].append({"lang_code": "x-default", "location": base + default})
        return urls

    def _page_number(self, page: int | str) -> int:
        try:
            number = int(page)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger("That page number is not an integer") from error
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        return number

    def _page_rows(self, number: int) -> list[tuple[Any, ...]]:
        """(language, slug, translation key, primary, lastmod) of the page's rows and of
        the next page's first (so a page knows whether it is the last), read once."""
        if number not in self._rows_by_page:
            start = (number - 1) * self.limit
            rows = list(self._ordered_rows()[start : start + self.limit + 1])
            if not rows and number > 1:
                raise EmptyPage("That page contains no results")
            self._rows_by_page[number] = rows
        return self._rows_by_page[number]

    @cached_property
    def _rows_by_page(self) -> dict[int, list[tuple[Any, ...]]]:
        return {}

    def _ordered_rows(self) -> Any:
        # Read from the model's sitemap_index alone, in its order; the lastmod is worked
        # out by the database (a date is cheaper to load than the timestamp).
        return (
            self.published()
            .order_by("language", "slug", "pk")
            .annotate(sitemap_lastmod=LASTMOD)
            .values_list(
                "language", "slug", "translation_key", "is_primary_translation", "sitemap_lastmod"
            )
        )

    def _versions(self, number: int, rows: list[tuple[Any, ...]]) -> dict[str, dict[str, str]]:
        """Translation key -> language -> slug of the published primary translations of
        the page's keys, given the page's rows as read (the next page's first included)."""
        if number == 1 and len(rows) <= self.limit:
            found = [(key, language, slug) for language, slug, key, primary, *_ in rows if primary]
        else:
            found = self._translations(number)
        versions: defaultdict[str, dict[str, str]] = defaultdict(dict)
        for key, language, slug in found:
            if key:
                versions[key][language] = slug
        return versions

    def _translations(self, number: int) -> list[tuple[str, str, str]]:
        """(key, language, slug) of the published primary translations of the keys of a
        page that is not the whole section (they may sit on other pages), in one query,
        unordered (ordering would sort the whole section): one row per key and language."""
        start = (number - 1) * self.limit
        page_keys = self._ordered_rows().values("translation_key")[start : start + self.limit]
        return list(
            self.published()
            .filter(is_primary_translation=True, translation_key__in=page_keys)
            .exclude(translation_key="")
            .order_by()
            .values_list("translation_key", "language", "slug")
        )

    def _locations(self, base: str, rows: Sequence[Sequence[Any]]) -> list[str]:
        """The detail pages' absolute URLs, escaped for XML, of rows starting with
        (language, slug)."""
        heads, tails = {}, {}
        for language, (head, tail) in self._path_parts.items():
            heads[language], tails[language] = escape(base + head), escape(tail)
        slugs = [row[1] for row in rows]
        if _needs_escaping("".join(slugs)):  # one scan: slugs seldom need it
            slugs = [escape(slug) for slug in slugs]
        return [
            f"{heads[row[0]]}{slug}{tails[row[0]]}" for row, slug in zip(rows, slugs, strict=True)
        ]

    @cached_property
    def _path_parts(self) -> dict[str, tuple[str, str]]:
        return detail_path_parts(self.detail_url_name)

    def _path(self, language: str, slug: str) -> str:
        head, tail = self._path_parts[language]
        return f"{head}{slug}{tail}"


def _alternate_links(urls: Mapping[str, str], default_language: str) -> str:
    """A row's ``<xhtml:link>`` elements from its translations' escaped URLs by language,
    the default language's also as ``x-default``."""
    default = urls.get(default_language)
    return "".join(
        f'<xhtml:link rel="alternate" hreflang="{language}" href="{url}"/>'
        for language, url in [*sorted(urls.items()), *([("x-default", default)] if default else [])]
    )


def _optional_element(name: str, value: Any) -> str:
    return f"<{name}>{escape(str(value))}</{name}>" if value else ""


def url_element(url: Mapping[str, Any]) -> str:
    """One of Django's sitemap URL dictionaries as its template writes it."""
    lastmod = url.get("lastmod")
    return (
        f"<url><loc>{escape(url['location'])}</loc>"
        + (f"<lastmod>{date_filter(lastmod, 'Y-m-d')}</lastmod>" if lastmod else "")
        + _optional_element("changefreq", url.get("changefreq"))
        + _optional_element("priority", url.get("priority"))
        + "".join(
            f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}" '
            f'href="{escape(alternate["location"])}"/>'
            for alternate in url.get("alternates", [])
        )
        + "</url>"
    )


def _later(current: datetime | None, new: date | datetime) -> datetime:
    """The later of two lastmods as an aware datetime (dates at midnight UTC), as
    Django's sitemap view compares them for its Last-Modified header."""
    if not isinstance(new, datetime):
        new = datetime.combine(new, time.min)
    if new.tzinfo is None:
        new = new.replace(tzinfo=UTC)
    return new if current is None else max(current, new)


def fits_one_page(section: "Sitemap[Any]") -> bool:
    if isinstance(section, ContentSitemap):
        return section.fits_one_page()
    return section.paginator.num_pages <= 1


@x_robots_tag
def sitemap(
    request, sitemaps: "Mapping[str, Sitemap[Any] | type[Sitemap[Any]]]", section=None
) -> HttpResponse:
    """Django's ``sitemap`` view (same XML, headers and 404s) writing the XML as text:
    content sections through ``url_elements()``, any other through ``get_urls()``."""
    if section is not None:
        if section not in sitemaps:
            raise Http404(f"No sitemap available for section: {section!r}")
        chosen = [sitemaps[section]]
    else:
        chosen = list(sitemaps.values())
    page = request.GET.get("p", 1)
    current_site = get_current_site(request)
    elements: list[str] = []
    latest = None
    every_section_dated = True
    for entry in chosen:
        site = entry() if isinstance(entry, type) else entry
        try:
            if isinstance(site, ContentSitemap):
                base = f"{site.get_protocol(request.scheme)}://{site.get_domain(current_site)}"
                elements.extend(site.url_elements(page, base=base))
            else:
                urls = site.get_urls(page=page, site=current_site, protocol=request.scheme)
                elements.extend(url_element(url) for url in urls)
        except EmptyPage as error:
            raise Http404(f"Page {page} empty") from error
        except PageNotAnInteger as error:
            raise Http404(f"No page {page!r}") from error
        section_latest = getattr(site, "latest_lastmod", None)
        if section_latest is None:
            every_section_dated = False
        elif every_section_dated:
            latest = _later(latest, section_latest)
    headers = (
        {"Last-Modified": http_date(latest.timestamp())} if every_section_dated and latest else {}
    )
    return HttpResponse(
        URLSET_HEAD + "".join(elements) + URLSET_TAIL,
        content_type="application/xml",
        headers=headers,
    )
