"""The body's markdown editor in Chromium: toolbar and shortcuts change the text, the preview
shows the server's sanitised rendering, the toolbar works from the keyboard, axe finds nothing
serious, and without JavaScript the plain textarea still saves. Screenshots at 1366 and 390 px
go to /tmp/editor-shots/."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from exercises.models import Exercise
from tests.admin_forms import change_url as admin_change_path
from tests.browser.admin_login import sign_in_as_superuser
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_content_security_policy import RECORD_VIOLATIONS
from tests.factories import make_full_exercise

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/editor-shots")
BODY = (
    "## Starting position\n\nLie on the mat with the knees bent.\n\nRoll up slowly.\n\n"
    "- Keep the neck long."
)


@pytest.fixture
def exercise(transactional_db):
    return make_full_exercise(title="Roll Up", body=BODY)


def open_editor(page, live_server, django_user_model, exercise):
    sign_in_as_superuser(page, live_server, django_user_model)
    page.goto(live_server.url + admin_change_path(exercise))
    toolbar = page.get_by_role("toolbar", name="Formatting: Body")
    expect(toolbar).to_be_visible()
    return page.locator("#id_body"), toolbar


def select_text(textarea, word: str) -> None:
    textarea.evaluate(
        """(field, word) => {
            const start = field.value.indexOf(word);
            field.focus();
            field.setSelectionRange(start, start + word.length);
        }""",
        word,
    )


def preview_of(page):
    return page.get_by_role("region", name="Preview: Body")


def test_bold_button_wraps_the_selection_in_double_asterisks(
    page, live_server, django_user_model, exercise
):
    textarea, toolbar = open_editor(page, live_server, django_user_model, exercise)
    select_text(textarea, "slowly")

    toolbar.get_by_role("button", name="Bold").click()

    expect(textarea).to_have_value(BODY.replace("slowly", "**slowly**"))
    expect(preview_of(page).locator("strong")).to_have_text("slowly")


@pytest.mark.parametrize("modifier", ["Control", "Meta"])
def test_ctrl_or_cmd_b_makes_the_selection_bold_and_ctrl_k_makes_a_link(
    page, live_server, django_user_model, exercise, modifier
):
    textarea, _toolbar = open_editor(page, live_server, django_user_model, exercise)
    select_text(textarea, "slowly")
    page.keyboard.press(f"{modifier}+b")
    expect(textarea).to_have_value(BODY.replace("slowly", "**slowly**"))

    select_text(textarea, "mat")
    page.keyboard.press(f"{modifier}+k")

    expect(textarea).to_have_value(
        BODY.replace("slowly", "**slowly**").replace("mat", "[mat](url)")
    )
    # The link button selects the placeholder address, ready to be typed over.
    assert textarea.evaluate("f => f.value.slice(f.selectionStart, f.selectionEnd)") == "url"


def test_toolbar_is_one_tab_stop_whose_buttons_arrow_keys_reach_and_enter_applies(
    page, live_server, django_user_model, exercise
):
    textarea, toolbar = open_editor(page, live_server, django_user_model, exercise)
    select_text(textarea, "Roll up slowly.")
    page.keyboard.press("Shift+Tab")  # the shortcuts hint between them is not a stop
    expect(toolbar.get_by_role("button", name="Heading")).to_be_focused()
    page.keyboard.press("Tab")
    expect(textarea).to_be_focused()
    page.keyboard.press("Shift+Tab")

    page.keyboard.press("ArrowLeft")
    expect(toolbar.get_by_role("button", name="Preview")).to_be_focused()
    page.keyboard.press("Home")
    expect(toolbar.get_by_role("button", name="Heading")).to_be_focused()
    for _ in range(7):
        page.keyboard.press("ArrowRight")
    expect(toolbar.get_by_role("button", name="Bulleted list")).to_be_focused()
    page.keyboard.press("Enter")

    expect(textarea).to_have_value(BODY.replace("Roll up slowly.", "- Roll up slowly."))
    expect(textarea).to_be_focused()


def test_preview_shows_sanitised_html_and_no_script_in_the_body_runs(
    page, live_server, django_user_model, exercise
):
    violations = []
    page.on("console", lambda message: violations.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)
    textarea, _toolbar = open_editor(page, live_server, django_user_model, exercise)
    preview = preview_of(page)
    expect(preview.locator("h2")).to_have_text("Starting position", timeout=15_000)

    textarea.fill(
        "## Breathing\n\n**Exhale** as you roll.\n\n"
        "<script>window.pwned = 'script'</script>\n\n"
        '<img src="/static/favicon.svg" alt="" onerror="window.pwned = \'handler\'" '
        "onload=\"window.pwned = 'handler'\">\n\n"
        "[click](javascript:window.pwned='link')"
    )

    expect(preview.locator("h2")).to_have_text("Breathing")
    expect(preview.locator("strong")).to_have_text("Exhale")
    expect(preview.locator("img")).to_have_count(1)
    assert preview.locator("script").count() == 0
    assert preview.locator("[onerror], [onload], a[href^='javascript']").count() == 0
    page.wait_for_timeout(200)  # time for an image handler to have fired, were it kept
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("window.cspViolations") == []
    assert [text for text in violations if "Content Security Policy" in text] == []
    # Updating the preview says nothing while it works; the status region is there to speak.
    expect(page.get_by_role("status")).to_have_text("")


def test_preview_problem_is_announced_in_the_status_region_and_the_text_is_kept(
    page, live_server, django_user_model, exercise
):
    textarea, toolbar = open_editor(page, live_server, django_user_model, exercise)
    expect(preview_of(page).locator("h2")).to_have_text("Starting position", timeout=15_000)
    page.route("**/markdown-preview/", lambda route: route.abort())

    textarea.fill("Changed while the server is gone.")

    expect(page.get_by_role("status")).to_have_text(
        "Preview unavailable: the server did not answer. Your text is kept and saving still works."
    )
    page.unroute("**/markdown-preview/")
    textarea.press("End")
    textarea.type(" Back.")
    expect(preview_of(page)).to_contain_text("Changed while the server is gone. Back.")
    expect(page.get_by_role("status")).to_have_text("The preview shows the text as the page will.")


def test_preview_toggle_hides_the_preview_and_the_choice_is_remembered(
    page, live_server, django_user_model, exercise
):
    textarea, toolbar = open_editor(page, live_server, django_user_model, exercise)
    toggle = toolbar.get_by_role("button", name="Preview")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(preview_of(page)).to_be_visible()

    textarea.focus()
    page.keyboard.press("Control+Shift+P")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(preview_of(page)).to_be_hidden()

    page.reload()
    expect(toolbar.get_by_role("button", name="Preview")).to_have_attribute("aria-pressed", "false")
    expect(preview_of(page)).to_be_hidden()
    toolbar.get_by_role("button", name="Preview").click()
    expect(preview_of(page).locator("h2")).to_have_text("Starting position", timeout=15_000)


def test_editor_has_no_serious_axe_violations_and_fits_1366_and_390_px(
    page, live_server, django_user_model, exercise
):
    open_editor(page, live_server, django_user_model, exercise)
    SHOTS.mkdir(exist_ok=True)
    for width, height in [(1366, 900), (390, 844)]:
        page.set_viewport_size({"width": width, "height": height})
        page.reload()
        expect(preview_of(page).locator("h2")).to_have_text("Starting position", timeout=15_000)
        page.locator(".field-body").scroll_into_view_if_needed()
        page.locator(".field-body").screenshot(path=str(SHOTS / f"markdown-editor-{width}.png"))
        assert serious_violations(page) == [], width
        # Lists look as on the page, not as the admin's aligned forms style them.
        item = preview_of(page).locator("li")
        assert item.evaluate("e => getComputedStyle(e).listStyleType") == "disc"
        assert item.evaluate("e => e.parentElement.getBoundingClientRect().left") < (
            preview_of(page).evaluate("e => e.getBoundingClientRect().left + 30")
        )
        # Nothing in the field is wider than the page.
        overflow = page.evaluate(
            "() => [...document.querySelectorAll('.md-editor, .md-editor *')]"
            ".filter(e => e.getBoundingClientRect().right > innerWidth + 1).length"
        )
        assert overflow == 0, width


def test_beside_a_translations_source_text_the_preview_goes_under_the_textarea(
    page, live_server, django_user_model, exercise
):
    spanish = make_full_exercise(
        title="Enrollarse",
        slug="enrollarse",
        language="es",
        translation_of=exercise,
        body="## Posición inicial\n\nTumbada en la esterilla.",
    )
    sign_in_as_superuser(page, live_server, django_user_model)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + admin_change_path(spanish))
    preview = preview_of(page)
    expect(preview.locator("h2")).to_have_text("Posición inicial")
    expect(page.locator(".field-body .beside-source__text")).to_contain_text("Roll up slowly.")

    textarea_box = page.locator("#id_body").bounding_box()
    assert preview.bounding_box()["y"] >= textarea_box["y"] + textarea_box["height"]
    SHOTS.mkdir(exist_ok=True)
    page.locator(".field-body").screenshot(path=str(SHOTS / "markdown-editor-translation.png"))


def test_without_javascript_the_plain_textarea_saves(browser, live_server, django_user_model):
    exercise = make_full_exercise(title="Roll Up", body=BODY)
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1366, "height": 900}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in_as_superuser(page, live_server, django_user_model)
        page.goto(live_server.url + admin_change_path(exercise))
        expect(page.locator("markdown-toolbar")).to_be_hidden()
        expect(page.locator(".md-editor__preview")).to_be_hidden()
        textarea = page.get_by_label("Body")
        expect(textarea).to_be_visible()

        textarea.fill("## Breathing\n\nExhale **slowly**.")
        page.locator("input[name=_continue]").first.click()

        expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    finally:
        context.close()
    exercise = Exercise.objects.get(pk=exercise.pk)
    # Browsers post a textarea's lines with CRLF; the form's normalising is another matter.
    assert exercise.body.replace("\r\n", "\n") == "## Breathing\n\nExhale **slowly**."
    assert "<strong>slowly</strong>" in exercise.body_html + exercise.guidance_html
