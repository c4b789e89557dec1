"""Sitemaps: the home and list pages in every language, and every published exercise.

Each exercise is its own URL in its own language; translations (same translation key) are
listed as hreflang alternates of each other, with the English one as ``x-default``. Only the
one exercise per language an editor chose as the translation takes part, so every alternate
is reciprocal; the others are listed on their own.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from exercises.models import Exercise


class StaticPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        return ["exercises:home", "exercises:list"]

    def location(self, item):
        return reverse(item)


class ExerciseSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Exercise.objects.published().order_by("language", "slug", "pk")

    def lastmod(self, exercise):
        return exercise.last_modified_on or exercise.published_on or exercise.updated_at.date()

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        by_key = defaultdict(list)
        for url in urls:
            if url["item"].translation_key and url["item"].is_primary_translation:
                by_key[url["item"].translation_key].append(url["item"])
        for url in urls:
            if not url["item"].is_primary_translation:
                continue
            versions = by_key.get(url["item"].translation_key, [])
            if len(versions) < 2:
                continue
            url["alternates"] = [
                {"lang_code": other.language, "location": base + other.get_absolute_url()}
                for other in versions
            ]
            default = next(
                (other for other in versions if other.language == settings.LANGUAGE_CODE), None
            )
            if default:
                url["alternates"].append(
                    {"lang_code": "x-default", "location": base + default.get_absolute_url()}
                )
        return urls


SITEMAPS = {"pages": StaticPagesSitemap, "exercises": ExerciseSitemap}
