"""The header search box in a real browser: suggestions as you type, keyboard to choose."""

import re

import pytest
from playwright.sync_api import expect

from exercises.models import Exercise, Status
from exercises.search import index_exercises
from tests.factories import make_exercise

pytestmark = pytest.mark.browser


@pytest.fixture
def indexed(transactional_db):
    make_exercise(title="Plank", difficulty="beginner")
    make_exercise(title="Side Plank", difficulty="intermediate")
    make_exercise(title="Plank Secret", status=Status.DRAFT)
    make_exercise(title="Teaser", difficulty="advanced")
    make_exercise(title="Plancha lateral", language="es", difficulty="intermediate")
    index_exercises(Exercise.objects.values_list("pk", flat=True))


def test_typing_shows_suggestions_and_enter_opens_the_chosen_one(page, live_server, indexed):
    page.goto(f"{live_server.url}/exercises/teaser/")
    box = page.get_by_role("combobox", name="Search exercises")
    box.press_sequentially("pla", delay=30)

    options = page.get_by_role("option")
    expect(options).to_have_count(2)
    expect(options.first).to_contain_text("Plank")
    expect(options.nth(1)).to_contain_text("Side Plank")
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.locator("[data-site-search-status]")).to_have_text("2 suggestions")

    box.press("ArrowDown")
    box.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", "site-search-option-1")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/exercises/side-plank/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Side Plank")


def test_escape_closes_and_enter_without_a_choice_searches(page, live_server, indexed):
    page.goto(f"{live_server.url}/")
    box = page.get_by_role("combobox", name="Search exercises")
    box.press_sequentially("plank", delay=30)
    expect(page.get_by_role("option")).to_have_count(2)

    box.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/exercises/\?q=plank$"))
    expect(page.locator(".card__title mark").first).to_have_text("Plank")


def test_spanish_pages_suggest_spanish_exercises(page, live_server, indexed):
    page.goto(f"{live_server.url}/es/")
    box = page.get_by_role("combobox", name="Buscar ejercicios")
    box.press_sequentially("pla", delay=30)
    expect(page.get_by_role("option")).to_have_text(["Plancha lateralIntermedio"])
