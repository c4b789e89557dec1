import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def card_titles(page) -> list[str]:
    return page.locator(".card__title").all_inner_texts()


def test_filtering_by_two_facets_updates_count_cards_and_url(page, live_server, library):
    page.goto(f"{live_server.url}/exercises/")
    expect(page.locator("#results-count")).to_have_text("4 exercises")

    page.get_by_label(re.compile(r"^Beginner")).check()
    page.wait_for_url(re.compile(r"difficulty=beginner"))
    expect(page.locator("#results-count")).to_have_text("2 exercises")

    page.get_by_label(re.compile(r"^Glutes")).check()
    page.wait_for_url(re.compile(r"muscle=glutes"))
    expect(page.locator("#results-count")).to_have_text("1 exercise")
    assert card_titles(page) == ["Shoulder Bridge"]
    assert "difficulty=beginner" in page.url
    assert page.get_by_label(re.compile(r"^Beginner")).is_checked()


def test_filter_form_works_without_javascript(browser, live_server, library):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/exercises/")
        page.get_by_label(re.compile(r"^Band")).check()
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url(re.compile(r"equipment=band"))
        assert card_titles(page) == ["Band Kickback"]
    finally:
        context.close()


def test_clicking_a_video_thumbnail_loads_the_nocookie_player(page, live_server, library):
    page.goto(f"{live_server.url}{library['The Hundred'].get_absolute_url()}")
    expect(page.locator("iframe")).to_have_count(0)
    page.get_by_role("link", name=re.compile("Play video")).click()
    frame = page.locator("figure.video iframe")
    expect(frame).to_have_count(1)
    assert frame.get_attribute("src").startswith(
        "https://www.youtube-nocookie.com/embed/O5-ROTyo2dA"
    )
    assert page.url.endswith("/exercises/the-hundred/")


def test_language_switcher_lands_on_the_translation(page, live_server, library):
    page.goto(f"{live_server.url}{library['The Hundred'].get_absolute_url()}")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()
    page.wait_for_url(re.compile(r"/es/ejercicios/el-cien/$"))
    expect(page.locator("h1")).to_have_text("El Cien")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_role("navigation", name="Idioma").get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/exercises/the-hundred/$"))


def test_tab_reaches_the_skip_link_first(page, live_server, library):
    page.goto(f"{live_server.url}/exercises/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    expect(page.locator(".skip-link")).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_phone_layout_has_no_horizontal_scroll(browser, live_server, library):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        for path in ["/", "/exercises/", "/exercises/the-hundred/"]:
            page.goto(f"{live_server.url}{path}")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    finally:
        context.close()
