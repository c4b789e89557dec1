"""The language switch of a search page, in a real browser: the other language's list shows
the translations of what was found, says so, and leads back."""

import re

import pytest
from playwright.sync_api import expect

from exercises.models import Exercise
from exercises.search import index_exercises
from tests.factories import make_exercise

pytestmark = pytest.mark.browser


@pytest.fixture
def planks(transactional_db):
    for english, spanish, key in [("Plank", "Plancha", "plank"), ("Teaser", "Teaser", "teaser")]:
        make_exercise(title=english, translation_key=key)
        make_exercise(title=spanish, language="es", translation_key=key)
    make_exercise(title="Side Plank")
    index_exercises(Exercise.objects.values_list("pk", flat=True))


@pytest.mark.parametrize("width", [390, 1366])
def test_switching_language_on_a_search_lists_the_translations_of_the_matches(
    page, live_server, planks, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/exercises/?q=plank")
    expect(page.locator("#results-count")).to_have_text("2 exercises")

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()

    page.wait_for_url(re.compile(r"/es/ejercicios/\?q=plank&search_language=en$"))
    expect(page.locator("#results-count")).to_have_text("1 ejercicio")
    expect(page.locator(".card__title")).to_have_text(["Plancha"])
    note = page.get_by_role("note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("versiones en español de los ejercicios en inglés")
    expect(note).to_contain_text("1 ejercicio en inglés que coincide aún no tiene traducción")

    page.get_by_role("navigation", name="Idioma").get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/exercises/\?q=plank$"))
    expect(page.locator("#results-count")).to_have_text("2 exercises")
