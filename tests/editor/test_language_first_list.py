"""The exercise list, language first: a tab per language, term filters of that language."""

import re

import pytest
from django.urls import reverse

from exercises.models import Equipment, Muscle
from tests.factories import make_exercise, make_term

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:exercises_exercise_changelist")


@pytest.fixture
def both_languages():
    band, ring, unused = (make_term(Equipment, name) for name in ("Band", "Ring", "Roller"))
    band.translated_names = {"es": "Banda"}
    band.save()
    glutes, core = make_term(Muscle, "Glutes"), make_term(Muscle, "Core")
    for number in range(3):
        english = make_exercise(title=f"Kickback {number}", language="en")
        english.equipment.add(band)
        english.muscles.add(glutes)
    spanish = make_exercise(title="Patada", slug="patada", language="es")
    spanish.equipment.add(band)
    spanish.muscles.add(glutes)
    ring_only = make_exercise(title="Ring Squeeze", language="en")
    ring_only.equipment.add(ring)
    ring_only.muscles.add(core)
    return {"band": band, "ring": ring, "unused": unused}


def filter_links(html: str, title: str) -> list[str]:
    """The term names a sidebar filter lists (between its "All" and its "-": none)."""
    block = re.search(rf'data-filter-title="{title}".*?</details>', html, re.S).group(0)
    return re.findall(r'<a href="[^"]*">([^<]+)</a>', block)


def test_tabs_name_each_language_with_its_count_and_mark_the_chosen_one(
    editor_client, both_languages
):
    html = editor_client.get(CHANGELIST, {"language__exact": "es"}).content.decode()

    tabs = re.search(r'<nav class="language-tabs".*?</nav>', html, re.S).group(0)
    assert re.findall(r">([^<>]+) <span class=\"language-tabs__count\">\((\d+)\)", tabs) == [
        ("All languages", "5"),
        ("English", "4"),
        ("Spanish", "1"),
    ]
    assert re.search(r'href="\?language__exact=es" aria-current="page" lang="es"', tabs)
    assert "Patada" in html and "Kickback 0" not in html


def test_tabs_keep_the_other_filters_and_start_at_the_first_page(editor_client, both_languages):
    html = editor_client.get(
        CHANGELIST, {"status__exact": "published", "p": "2", "q": "kick"}
    ).content.decode()

    assert 'href="?status__exact=published&amp;q=kick&amp;language__exact=es"' in html


def test_term_filters_list_only_terms_the_chosen_language_uses_by_their_name_in_it(
    editor_client, both_languages
):
    spanish = editor_client.get(CHANGELIST, {"language__exact": "es"}).content.decode()
    assert filter_links(spanish, "equipment")[1:-1] == ["Banda"]
    assert filter_links(spanish, "muscles")[1:-1] == ["Glúteos"]

    everything = editor_client.get(CHANGELIST).content.decode()
    assert filter_links(everything, "equipment")[1:-1] == ["Band", "Ring"]  # not the unused one
