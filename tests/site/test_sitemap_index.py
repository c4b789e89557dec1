"""The sitemap becomes an index of sections once a section outgrows the protocol's limit."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from exercises import models
from exercises.site import sitemaps
from publishing import sitemaps as content_sitemaps
from tests.factories import make_exercise
from tests.site.test_query_counts import schedule_looked_up

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def build_pairs(count: int, first: int = 0):
    for number in range(first, first + count):
        make_exercise(title=f"Move {number:03d}", translation_key=f"move-{number}")
        make_exercise(
            title=f"Movimiento {number:03d}", language="es", translation_key=f"move-{number}"
        )


def fetch_urls(client, location: str) -> dict[str, dict[str, str]]:
    parts = urlsplit(location)
    response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.find("sm:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
        }
        for url in root.findall("sm:url", NS)
    }


def test_small_sitemaps_stay_a_single_file(client, settings):
    settings.SITEMAP_SECTION_SIZE = 10
    build_pairs(5)

    root = ET.fromstring(client.get("/sitemap.xml").content)

    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"


def test_past_the_limit_the_sitemap_is_an_index_of_sections_covering_every_exercise(
    client, settings
):
    settings.SITEMAP_SECTION_SIZE = 3
    build_pairs(5)  # ten exercises: four pages of at most three

    root = ET.fromstring(client.get("/sitemap.xml").content)

    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    sections = [node.text for node in root.findall("sm:sitemap/sm:loc", NS)]
    assert sections == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-exercises.xml",
        "http://testserver/sitemap-exercises.xml?p=2",
        "http://testserver/sitemap-exercises.xml?p=3",
        "http://testserver/sitemap-exercises.xml?p=4",
        "http://testserver/sitemap-workouts.xml",
    ]
    exercise_urls = {}
    for section in sections[1:-1]:
        urls = fetch_urls(client, section)
        assert len(urls) <= 3
        assert not exercise_urls.keys() & urls.keys()
        exercise_urls.update(urls)
    assert len(exercise_urls) == 10
    # English is on the first pages and Spanish on the last: alternates cross pages.
    assert exercise_urls["http://testserver/exercises/move-004/"] == {
        "en": "http://testserver/exercises/move-004/",
        "es": "http://testserver/es/ejercicios/movimiento-004/",
        "x-default": "http://testserver/exercises/move-004/",
    }
    assert client.get("/sitemap-exercises.xml?p=5").status_code == 404


def test_a_section_page_costs_the_same_queries_and_reverses_at_any_size(
    client, settings, monkeypatch, django_assert_max_num_queries
):
    settings.SITEMAP_SECTION_SIZE = 1000
    reverse_calls = []
    original_reverse = sitemaps.reverse

    def counting_reverse(*args, **kwargs):
        reverse_calls.append(args)
        return original_reverse(*args, **kwargs)

    monkeypatch.setattr(sitemaps, "reverse", counting_reverse)
    monkeypatch.setattr(content_sitemaps, "reverse", counting_reverse)  # the detail paths
    monkeypatch.setattr(models, "reverse", counting_reverse)  # get_absolute_url()
    build_pairs(3)
    schedule_looked_up()  # once per content version, not per page
    with django_assert_max_num_queries(3):
        small = len(fetch_urls(client, "/sitemap-exercises.xml"))
    calls_small = len(reverse_calls)
    build_pairs(30, first=3)
    reverse_calls.clear()
    schedule_looked_up()  # once per content version, not per page
    with django_assert_max_num_queries(3):
        large = len(fetch_urls(client, "/sitemap-exercises.xml"))

    assert (small, large) == (6, 66)
    assert len(reverse_calls) == calls_small == len(settings.LANGUAGES)
