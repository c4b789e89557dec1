import re
import xml.etree.ElementTree as ET

import pytest

from tests.site.helpers import canonical, hreflang_links

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "atom": "http://www.w3.org/2005/Atom",
}


def sitemap_entries(client) -> dict[str, dict]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = {}
    for url in root.findall("sm:url", NS):
        lastmod = url.find("sm:lastmod", NS)
        entries[url.find("sm:loc", NS).text] = {
            "lastmod": lastmod.text if lastmod is not None else None,
            "alternates": {
                link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
            },
        }
    return entries


def test_sitemap_lists_published_exercises_in_both_languages(client, library):
    entries = sitemap_entries(client)
    assert "http://testserver/exercises/the-hundred/" in entries
    assert "http://testserver/es/ejercicios/el-cien/" in entries
    assert "http://testserver/es/ejercicios/sirena/" in entries
    assert not any("secret-draft" in location for location in entries)
    assert "http://testserver/" in entries
    assert "http://testserver/es/ejercicios/" in entries


def test_sitemap_has_lastmod_and_hreflang_alternates(client, library):
    entries = sitemap_entries(client)
    hundred = entries["http://testserver/exercises/the-hundred/"]
    assert hundred["lastmod"] == "2024-03-01"
    expected = {
        "en": "http://testserver/exercises/the-hundred/",
        "es": "http://testserver/es/ejercicios/el-cien/",
        "x-default": "http://testserver/exercises/the-hundred/",
    }
    assert hundred["alternates"] == expected
    assert entries["http://testserver/es/ejercicios/el-cien/"]["alternates"] == expected
    assert entries["http://testserver/es/ejercicios/el-cien/"]["lastmod"] == "2024-01-12"
    assert entries["http://testserver/exercises/teaser/"]["alternates"] == {}


def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_admin(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.parametrize(
    ("path", "language", "titles"),
    [
        ("/exercises/feed/", "en", ["Band Glute Kickback", "Shoulder Bridge", "The Hundred"]),
        ("/es/ejercicios/feed/", "es", ["Sirena", "El Cien"]),
    ],
)
def test_atom_feed_per_language_newest_first(client, library, path, language, titles):
    response = client.get(path)
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    entries = root.findall("atom:entry", NS)
    assert [entry.find("atom:title", NS).text for entry in entries][:3] == titles
    links = [entry.find("atom:link", NS).get("href") for entry in entries]
    prefix = (
        "http://testserver/es/ejercicios/" if language == "es" else "http://testserver/exercises/"
    )
    assert all(link.startswith(prefix) for link in links)
    assert "Secret Draft" not in response.content.decode()


def test_pages_link_their_feed(client, db):
    assert 'type="application/atom+xml"' in client.get("/").content.decode()
    assert 'href="/es/ejercicios/feed/"' in client.get("/es/").content.decode()


def test_home_has_entry_points_with_counts_and_newest(client, library):
    response = client.get("/")
    html = response.content.decode()
    assert "<h1>" in html
    assert re.search(
        r'href="/exercises/\?difficulty=beginner">Beginner <span class="count">2</span>', html
    )
    assert re.search(r'href="/exercises/\?category=mat">Mat <span class="count">3</span>', html)
    assert re.search(r'\?equipment=resistance-band">Resistance band <span class="count">1</', html)
    assert [exercise.title for exercise in response.context["newest"]] == [
        "Band Glute Kickback",
        "Shoulder Bridge",
        "The Hundred",
        "Teaser",
    ]


def test_spanish_home_uses_the_catalogue_and_spanish_links(client, library):
    html = client.get("/es/").content.decode()
    assert '<html lang="es">' in html
    assert "Ejercicios de Pilates, paso a paso" in html
    assert "Saltar al contenido" in html
    assert 'href="/es/ejercicios/?difficulty=beginner">Principiante' in html
    assert [e.title for e in client.get("/es/").context["newest"]] == ["Sirena", "El Cien"]


def test_spanish_list_strings_are_translated(client, library):
    html = client.get("/es/ejercicios/", {"q": "zzz"}).content.decode()
    assert "Ningún ejercicio coincide con «zzz»." in html
    assert "Quitar filtros" in html
    assert "Duración máxima" in html
    assert "Ordenar por" in html


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/", "/es/"),
        ("/es/", "/"),
        ("/exercises/", "/es/ejercicios/"),
        ("/exercises/?difficulty=beginner", "/es/ejercicios/?difficulty=beginner"),
        ("/es/ejercicios/", "/exercises/"),
    ],
)
def test_language_switcher_goes_to_the_same_page_in_the_other_language(client, db, path, target):
    html = client.get(path).content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert f'href="{target}"' in switcher.replace("&amp;", "&")


def test_list_and_home_have_canonical_and_hreflang(client, db):
    html = client.get("/exercises/", {"difficulty": "beginner"}).content.decode()
    assert canonical(html) == "http://testserver/exercises/"
    assert hreflang_links(html) == {
        "en": "http://testserver/exercises/",
        "es": "http://testserver/es/ejercicios/",
        "x-default": "http://testserver/exercises/",
    }
    assert hreflang_links(client.get("/es/").content.decode())["es"] == "http://testserver/es/"


def test_404_page_still_offers_a_language_switch(client, db):
    response = client.get("/es/ejercicios/nothing/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<nav class="language-switcher"' in html
    english = r'<a href="/exercises/nothing/" hreflang="en"[^>]*><span[^>]*>English</span>'
    assert re.search(english, html)
