"""Every public page, error pages included, carries the site's header (navigation, search,
languages) and footer; the home page's lead says what the library holds."""

import re
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from exercises.models import Category, Equipment
from tests.factories import make_exercise, make_term

pytestmark = pytest.mark.django_db


def header(html: str) -> str:
    return re.search(r'<header class="site-header">.*?</header>', html, re.S).group(0)


def assert_full_header_and_footer(html: str, *, home: str, exercises: str) -> None:
    top = header(html)
    nav = re.search(r'<nav class="site-nav".*?</nav>', top, re.S).group(0)
    assert f'href="{home}"' in nav
    assert f'href="{exercises}"' in nav
    search = re.search(r'<form class="site-search".*?</form>', top, re.S).group(0)
    assert f'action="{exercises}"' in search
    assert 'name="q"' in search
    assert '<nav class="language-switcher"' in top
    assert '<footer class="site-footer">' in html


@pytest.mark.parametrize(
    ("url", "home", "exercises"),
    [("/no-such-page/", "/", "/exercises/"), ("/es/ejercicios/nada/", "/es/", "/es/ejercicios/")],
)
def test_404_page_carries_navigation_search_and_footer(client, url, home, exercises):
    response = client.get(url)

    assert response.status_code == 404
    assert_full_header_and_footer(response.content.decode(), home=home, exercises=exercises)


@pytest.mark.parametrize(
    ("prefix", "home", "exercises"), [("", "/", "/exercises/"), ("/es", "/es/", "/es/ejercicios/")]
)
def test_500_page_carries_navigation_and_search(settings, prefix, home, exercises):
    settings.ROOT_URLCONF = "tests.hardening.urls"
    client = Client(raise_request_exception=False)

    response = client.get(f"{prefix}/fails/")

    assert response.status_code == 500
    assert_full_header_and_footer(response.content.decode(), home=home, exercises=exercises)


@pytest.mark.parametrize(
    ("prefix", "home", "exercises"), [("", "/", "/exercises/"), ("/es", "/es/", "/es/ejercicios/")]
)
def test_database_down_page_carries_navigation_and_search(settings, prefix, home, exercises):
    settings.ROOT_URLCONF = "tests.hardening.urls"
    client = Client(raise_request_exception=False)
    database_down = OperationalError("could not connect to server")

    with mock.patch.object(connection, "cursor", side_effect=database_down):
        response = client.get(f"{prefix}/needs-the-database/")

    assert response.status_code == 503
    assert_full_header_and_footer(response.content.decode(), home=home, exercises=exercises)


@pytest.mark.parametrize("url", ["/exercises/", "/no-such-page/"])
def test_site_and_error_pages_render_the_same_header_and_footer(client, url):
    used = [template.name for template in client.get(url).templates]

    assert "includes/site_header.html" in used
    assert "includes/site_footer.html" in used


def lead(client, url: str = "/") -> str:
    html = client.get(url).content.decode()
    text = re.search(r'<p class="lead">(.*?)</p>', html, re.S).group(1)
    return re.sub(r"\s+", " ", text)


def test_home_lead_names_the_categories_the_library_holds_with_counts(client, library):
    text = lead(client)

    assert text.startswith("A library of 4 Pilates exercises for ")
    assert '<a href="/exercises/?category=mat">Mat</a> (3)' in text
    assert '<a href="/exercises/?category=band">Band</a> (1)' in text
    assert re.search(r"\(3\) and <a", text)
    assert "ball" not in text.lower()
    assert "ring" not in text.lower()


def test_home_lead_is_in_the_page_language_with_its_term_names(client, library):
    mat = Category.objects.get(slug="mat")
    mat.translated_names = {"es": "Suelo"}
    mat.save()

    text = lead(client, "/es/")

    assert text.startswith("Una biblioteca con 2 ejercicios de Pilates para ")
    assert '<a href="/es/ejercicios/?category=mat">Suelo</a> (1)' in text


def test_home_lead_names_equipment_when_no_exercise_has_a_category(client):
    for title in ("Roll Up", "Saw"):
        make_exercise(title=title).equipment.add(make_term(Equipment, "Magic circle"))

    text = lead(client)

    assert '<a href="/exercises/?equipment=magic-circle">Magic circle</a> (2)' in text


def test_home_lead_names_the_most_used_categories_and_counts_the_rest(client):
    for number, name in enumerate(["Mat", "Band", "Ball", "Ring", "Chair", "Barrel"]):
        category = make_term(Category, name)
        for copy in range(6 - number):
            make_exercise(title=f"{name} {copy}", category=category)

    text = lead(client)

    assert ">Mat</a> (6), " in text
    assert ">Ring</a> (3) and 2 more:" in text
    assert "Chair" not in text
    assert "Barrel" not in text


def test_home_lead_of_an_empty_library_promises_no_number(client):
    text = lead(client)

    assert "0" not in text
    assert "the first ones are on their way" in text
