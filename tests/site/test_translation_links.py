"""Links between translations that machines trust: one translation per language and key,
and every hreflang link, sitemap alternate and language switch goes both ways."""

import re
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from exercises.models import Exercise
from tests.admin_forms import change_form_data, change_url
from tests.importing.helpers import write
from tests.site.helpers import head_tags

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
BASE = "http://testserver"


def _page(title: str, key: str) -> str:
    return f'---\ntitle: "{title}"\ntranslationKey: "{key}"\n---\n\nA few words about it.\n'


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Three translated pairs; key "roll" has two Spanish files, the second one named like
    the English file; key "swan" has two English files."""
    write(tmp_path / "en/roll.md", _page("Roll", "roll"))
    write(tmp_path / "es/enrollar.md", _page("Enrollar", "roll"))
    write(tmp_path / "es/roll.md", _page("Rodar", "roll"))
    write(tmp_path / "en/swan.md", _page("Swan", "swan"))
    write(tmp_path / "en/swan-dive.md", _page("Swan Dive", "swan"))
    write(tmp_path / "es/cisne.md", _page("Cisne", "swan"))
    write(tmp_path / "en/seal.md", _page("Seal", "seal"))
    write(tmp_path / "es/foca.md", _page("Foca", "seal"))
    write(tmp_path / "en/plank.md", _page("Plank", ""))
    stdout = StringIO()
    call_command("import_exercises", str(tmp_path), stdout=stdout, stderr=StringIO())
    assert "0 failed" in stdout.getvalue()
    return tmp_path


def _alternates(client, url: str) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200, url
    links = [
        (link["hreflang"], link["href"])
        for link in head_tags(response.content.decode()).links
        if link.get("rel") == "alternate" and "hreflang" in link
    ]
    assert len(links) == len(dict(links)), f"{url} names a language twice: {links}"
    return dict(links)


def test_the_file_named_like_the_other_language_is_the_translation(corpus):
    assert Exercise.objects.get(source_path="es/roll.md").is_primary_translation
    assert not Exercise.objects.get(source_path="es/enrollar.md").is_primary_translation
    # No name pairs: the first imported keeps it (swan-dive.md sorts before swan.md).
    assert Exercise.objects.get(source_path="en/swan-dive.md").is_primary_translation
    assert not Exercise.objects.get(source_path="en/swan.md").is_primary_translation


def test_every_hreflang_link_on_every_page_is_reciprocal(client, corpus):
    checked = 0
    for exercise in Exercise.objects.published():
        url = BASE + exercise.get_absolute_url()
        alternates = _alternates(client, url)
        for code, href in alternates.items():
            if code in ("x-default", exercise.language):
                continue
            back = _alternates(client, href)
            assert back.get(exercise.language) == url, f"{url} -> {href} does not link back"
            assert back == alternates
            checked += 1
    assert checked == 6  # three pairs, both directions


def test_a_duplicate_stands_alone_and_links_to_no_translation(client, corpus):
    duplicate = Exercise.objects.get(source_path="es/enrollar.md")
    url = BASE + duplicate.get_absolute_url()

    assert set(_alternates(client, url).values()) <= {url}
    html = client.get(url).content.decode()
    assert "/exercises/roll/" not in html


def test_sitemap_alternates_are_reciprocal_with_one_url_per_language(client, corpus):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    entries = {}
    for url in root.findall("sm:url", NS):
        links = [(link.get("hreflang"), link.get("href")) for link in url.findall("xhtml:link", NS)]
        assert len(links) == len(dict(links))
        entries[url.find("sm:loc", NS).text] = dict(links)
    exercise_urls = [loc for loc in entries if "/exercises/" in loc or "/ejercicios/" in loc]
    for location in exercise_urls:
        for href in entries[location].values():
            assert entries[href] == entries[location], f"{location} and {href} disagree"
    enrollar = BASE + Exercise.objects.get(source_path="es/enrollar.md").get_absolute_url()
    assert entries[enrollar] == {}
    assert entries[f"{BASE}/exercises/roll/"]["es"] == f"{BASE}/es/ejercicios/roll/"


def test_the_language_switcher_goes_to_the_hreflang_translation(client, corpus):
    for exercise in Exercise.objects.published():
        url = BASE + exercise.get_absolute_url()
        alternates = _alternates(client, url)
        html = client.get(url).content.decode()
        nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
        assert nav is not None
        for href, code in re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav[0]):
            if code in alternates:
                assert BASE + href == alternates[code]


def test_an_editor_chooses_another_translation_in_the_admin(editor_client, client, corpus):
    enrollar = Exercise.objects.get(source_path="es/enrollar.md")
    enrollar.is_primary_translation = True
    data = change_form_data(Exercise.objects.get(pk=enrollar.pk))
    data["is_primary_translation"] = "on"

    response = editor_client.post(change_url(enrollar), data)

    assert response.status_code == 302
    assert Exercise.objects.get(pk=enrollar.pk).is_primary_translation
    assert not Exercise.objects.get(source_path="es/roll.md").is_primary_translation
    alternates = _alternates(client, f"{BASE}/exercises/roll/")
    assert alternates["es"] == BASE + enrollar.get_absolute_url()
