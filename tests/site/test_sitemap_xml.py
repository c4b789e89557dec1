"""The sitemap written as text (publishing.sitemaps.sitemap): byte for byte what Django's
sitemap.xml template renders from the same sections, valid against the sitemap protocol,
with a workouts section, in a fixed number of queries whatever the size (issue 19)."""

import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time
from urllib.parse import urlsplit

import pytest
from django.contrib.sites.requests import RequestSite
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils.http import http_date

from exercises.models import Status
from publishing.sitemaps import SITEMAPS
from tests.factories import make_exercise
from tests.site.test_query_counts import schedule_looked_up
from workouts.models import Workout

pytestmark = pytest.mark.django_db

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
CHANGEFREQS = {"always", "hourly", "daily", "weekly", "monthly", "yearly", "never"}


def make_workout(title: str, **fields) -> Workout:
    fields.setdefault("slug", title.lower().replace(" ", "-"))
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("language", "en")
    return Workout.objects.create(title=title, **fields)


def build_library(pairs: int, first: int = 0) -> None:
    """Exercise and workout pairs, and the cases alternates must leave out: a row without a
    translation, a second Spanish row of a key that is not its translation, drafts."""
    for number in range(first, first + pairs):
        key = f"move-{number}"
        make_exercise(title=f"Move {number:03d}", translation_key=key)
        make_exercise(title=f"Movimiento {number:03d}", language="es", translation_key=key)
        make_workout(f"Flow {number:03d}", translation_key=f"flow-{number}")
        make_workout(f"Flujo {number:03d}", language="es", translation_key=f"flow-{number}")
    if first == 0:
        make_exercise(title="Lonely Move", last_modified_on=date(2024, 3, 1))
        make_exercise(
            title="Teaser", translation_key="move-0", language="es", is_primary_translation=False
        )
        make_exercise(
            title="Secret Draft",
            translation_key="move-1",
            status=Status.DRAFT,
            is_primary_translation=False,
        )
        make_workout("Lonely Flow", published_on=date(2024, 1, 12))
        make_workout(
            "Draft Flow",
            translation_key="flow-0",
            status=Status.DRAFT,
            is_primary_translation=False,
        )


def template_rendering(page: int = 1, section: str | None = None) -> bytes:
    """What Django's own sitemap view renders for the same sections and page."""
    request = RequestFactory().get("/sitemap.xml")
    names = [section] if section else list(SITEMAPS)
    urls = [
        url
        for name in names
        for url in SITEMAPS[name]().get_urls(
            page=page, site=RequestSite(request), protocol=request.scheme
        )
    ]
    return render_to_string("sitemap.xml", {"urlset": urls}).encode()


def check_sitemap_protocol(content: bytes) -> ET.Element:
    """The sitemap protocol's rules (sitemaps.org, with Google's hreflang links): a urlset of
    at most 50,000 urls and 50 MB, each with one absolute loc of at most 2,048 characters,
    an optional W3C date lastmod and a known changefreq, and alternate links with a
    hreflang and an absolute href; nothing else in the protocol's namespace."""
    assert content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    assert len(content) <= 50 * 1024 * 1024
    root = ET.fromstring(content)
    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    urls = list(root)
    assert 0 < len(urls) <= 50_000
    for url in urls:
        assert url.tag == f"{{{SITEMAP_NS}}}url"
        children = [child.tag.split("}")[1] for child in url]
        assert children[0] == "loc" and children.count("loc") == 1
        assert set(children) <= {"loc", "lastmod", "changefreq", "priority", "link"}
        loc = url.find(f"{{{SITEMAP_NS}}}loc").text
        assert re.fullmatch(r"https?://[^\s<>&\"']+", loc) and len(loc) <= 2048
        lastmod = url.find(f"{{{SITEMAP_NS}}}lastmod")
        if lastmod is not None:
            date.fromisoformat(lastmod.text)
        changefreq = url.find(f"{{{SITEMAP_NS}}}changefreq")
        assert changefreq is None or changefreq.text in CHANGEFREQS
        for link in url.findall(f"{{{XHTML_NS}}}link"):
            assert link.get("rel") == "alternate"
            assert re.fullmatch(r"[a-z]{2}(-[A-Za-z]+)?|x-default", link.get("hreflang"))
            assert re.fullmatch(r"https?://\S+", link.get("href"))
    return root


def alternates(root: ET.Element) -> dict[str, dict[str, str]]:
    return {
        url.find(f"{{{SITEMAP_NS}}}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{{{XHTML_NS}}}link")
        }
        for url in root
    }


def test_the_sitemap_is_what_djangos_template_renders_and_valid(client):
    build_library(3)

    content = client.get("/sitemap.xml").content

    assert content == template_rendering()
    check_sitemap_protocol(content)


def test_each_page_of_a_split_section_is_what_djangos_template_renders(client, settings):
    settings.SITEMAP_SECTION_SIZE = 4
    build_library(5)  # 12 published exercises and 11 workouts: three pages each

    for section, pages in (("exercises", 3), ("workouts", 3)):
        for page in range(1, pages + 1):
            response = client.get(f"/sitemap-{section}.xml" + (f"?p={page}" if page > 1 else ""))
            assert response.status_code == 200
            assert response.content == template_rendering(page, section), (section, page)
            check_sitemap_protocol(response.content)
        assert client.get(f"/sitemap-{section}.xml?p={pages + 1}").status_code == 404


def test_the_sitemap_lists_published_workouts_in_both_languages_with_alternates(client):
    build_library(2)

    urls = alternates(check_sitemap_protocol(client.get("/sitemap.xml").content))

    pair = {
        "en": "http://testserver/workouts/flow-001/",
        "es": "http://testserver/es/entrenamientos/flujo-001/",
        "x-default": "http://testserver/workouts/flow-001/",
    }
    assert urls["http://testserver/workouts/flow-001/"] == pair
    assert urls["http://testserver/es/entrenamientos/flujo-001/"] == pair
    assert urls["http://testserver/workouts/lonely-flow/"] == {}
    assert not any("draft" in location for location in urls)
    for location in urls:  # every listed workout's page is there
        if "/workouts/" in location or "/entrenamientos/" in location:
            assert client.get(urlsplit(location).path).status_code == 200


def test_the_sitemap_keeps_djangos_headers(client):
    build_library(1)

    single = client.get("/sitemap.xml")
    section = client.get("/sitemap-workouts.xml")

    for response in (single, section):
        assert response["Content-Type"] == "application/xml"
        assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"
    latest = SITEMAPS["workouts"]().get_latest_lastmod()
    midnight = datetime.combine(latest, time.min, tzinfo=UTC)
    assert section["Last-Modified"] == http_date(midnight.timestamp())


@pytest.mark.parametrize("pairs", [2, 20])
def test_the_single_file_sitemap_reads_each_content_section_once(
    client, django_assert_max_num_queries, pairs
):
    build_library(pairs)
    schedule_looked_up()

    with django_assert_max_num_queries(2):  # exercises, workouts
        content = client.get("/sitemap.xml").content

    # Home and list in two languages; exercises (with Lonely Move, Teaser); workouts.
    assert content.count(b"<url>") == 4 + (2 * pairs + 2) + (2 * pairs + 1)


@pytest.mark.parametrize("pairs", [3, 30])
def test_a_page_of_a_split_section_costs_two_queries_at_any_size(
    client, settings, django_assert_max_num_queries, pairs
):
    settings.SITEMAP_SECTION_SIZE = pairs
    build_library(pairs)  # English on page 1, Spanish on page 2: alternates cross pages
    schedule_looked_up()

    with django_assert_max_num_queries(2):  # the page's rows, its translations
        urls = alternates(check_sitemap_protocol(client.get("/sitemap-workouts.xml?p=2").content))

    assert len(urls) == pairs
    assert urls["http://testserver/es/entrenamientos/flujo-000/"]["en"] == (
        "http://testserver/workouts/flow-000/"
    )
