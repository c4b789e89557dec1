"""The page's frame at phone (390 px) and desktop (1366 px) width: a one-row header whose
search placeholder fits, also on error pages, and the exercise's equipment and muscles
before its long sections on a phone."""

from datetime import date

import pytest
from playwright.sync_api import expect

from exercises.models import FAQ, Exercise, Step
from exercises.search import index_exercises
from tests.factories import make_full_exercise

pytestmark = pytest.mark.browser

WIDTHS = [390, 1366]
# Each header link keeps its name where only a mark or a code shows.
BRAND = {"en": "Pilates Exercise Library", "es": "Biblioteca de ejercicios de Pilates"}
OTHER_LANGUAGE = {"en": ("Language", "Español"), "es": ("Idioma", "English")}

HEADER_ROWS = """() => {
  const items = [...document.querySelector(".site-header__inner").children]
    .filter((item) => item.getClientRects().length);
  const boxes = items.map((item) => item.getBoundingClientRect());
  return {
    items: items.map((item) => item.className),
    lowestTop: Math.max(...boxes.map((box) => box.top)),
    highestBottom: Math.min(...boxes.map((box) => box.bottom)),
    overflow: document.documentElement.scrollWidth - window.innerWidth,
  };
}"""

PLACEHOLDER_ROOM = """() => {
  const input = document.querySelector("#site-search-q");
  const button = input.form.querySelector("button[type=submit]");
  const style = getComputedStyle(input);
  const context = document.createElement("canvas").getContext("2d");
  context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const box = input.getBoundingClientRect();
  const textEnd = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
  return {
    placeholder: input.placeholder,
    needed: context.measureText(input.placeholder).width,
    room: input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
    buttonCoversText: button.getBoundingClientRect().left < textEnd - 0.5,
  };
}"""


@pytest.fixture
def pages(transactional_db):
    """Paths of a list, a search, a detail page, a 404 and the workout list, in both
    languages."""
    roll_up = make_full_exercise(
        title="Roll Up", translation_key="roll-up", published_on=date(2024, 1, 1)
    )
    enrollar = make_full_exercise(
        title="Enrollar", language="es", translation_key="roll-up", published_on=date(2024, 1, 1)
    )
    for exercise in (roll_up, enrollar):
        for position in range(2, 12):
            Step.objects.create(
                exercise=exercise, position=position + 1, text="Roll down one bone at a time."
            )
        for position in range(2, 8):
            FAQ.objects.create(
                exercise=exercise, position=position, question="How slow?", answer="Slower."
            )
    index_exercises(Exercise.objects.values_list("pk", flat=True))
    return {
        "en": [
            "/exercises/",
            "/exercises/?q=roll",
            roll_up.get_absolute_url(),
            "/no-such-page/",
            "/workouts/",
        ],
        "es": [
            "/es/ejercicios/",
            "/es/ejercicios/?q=enrollar",
            enrollar.get_absolute_url(),
            "/es/no-such-page/",
            "/es/entrenamientos/",
        ],
    }


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", ["en", "es"])
def test_header_is_one_row_and_its_search_placeholder_fits(
    page, live_server, pages, width, language
):
    page.set_viewport_size({"width": width, "height": 900})
    for path in pages[language]:
        page.goto(f"{live_server.url}{path}")

        rows = page.evaluate(HEADER_ROWS)
        assert len(rows["items"]) == 4, (path, rows)  # brand, navigation, search, languages
        assert rows["lowestTop"] < rows["highestBottom"], (path, rows)
        assert rows["overflow"] <= 0, (path, rows)
        room = page.evaluate(PLACEHOLDER_ROOM)
        assert room["needed"] <= room["room"], (path, room)
        assert not room["buttonCoversText"], (path, room)
        header = page.locator(".site-header")
        expect(header.get_by_role("link", name=BRAND[language], exact=True)).to_be_visible()
        switcher, other = OTHER_LANGUAGE[language]
        expect(
            header.get_by_role("navigation", name=switcher).get_by_role("link", name=other)
        ).to_be_visible()
        search = "Buscar" if language == "es" else "Search"
        expect(header.get_by_role("button", name=search, exact=True)).to_be_visible()


@pytest.mark.parametrize("language", ["en", "es"])
def test_phone_shows_equipment_and_muscles_before_the_steps_and_questions(
    page, live_server, pages, language
):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{live_server.url}{pages[language][2]}")

    def top(selector: str) -> float:
        return page.locator(selector).bounding_box()["y"]

    assert top("#equipment-heading") < top("#steps-heading")
    assert top("#muscles-heading") < top("#steps-heading")
    assert top("#steps-heading") < top("#faq-heading")


def test_desktop_keeps_equipment_and_muscles_in_the_side_column(page, live_server, pages):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}{pages['en'][2]}")

    main = page.locator(".exercise__main").bounding_box()
    aside = page.locator(".exercise__aside").bounding_box()
    assert aside["x"] >= main["x"] + main["width"]
    assert abs(aside["y"] - main["y"]) < 1
