"""With the Content-Security-Policy on, the public pages work and the browser reports nothing."""

import re

import pytest
from playwright.sync_api import expect

from exercises.models import Step, VideoReference
from tests.factories import make_exercise

pytestmark = pytest.mark.browser

# Recorded from the first script the page runs, before any of ours.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def exercise(transactional_db):
    exercise = make_exercise(
        title="The Hundred",
        description="Pump the arms.",
        body="## Why\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\nSee[^1]\n\n[^1]: A note.",
    )
    Step.objects.create(exercise=exercise, position=1, text="Curl up.")
    VideoReference.objects.create(exercise=exercise, position=1, video_id="O5-ROTyo2dA")
    make_exercise(title="Teaser")
    return exercise


def test_list_and_detail_with_video_click_report_no_csp_violation(page, live_server, exercise):
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)

    response = page.goto(f"{live_server.url}/exercises/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator(".card__title")).to_have_count(2)
    list_violations = page.evaluate("window.cspViolations")

    page.goto(f"{live_server.url}{exercise.get_absolute_url()}")
    page.get_by_role("link", name=re.compile("Play video")).click()
    expect(page.locator("figure.video iframe")).to_have_count(1)
    page.wait_for_timeout(300)  # Let the frame's navigation start, where frame-src applies.
    detail_violations = page.evaluate("window.cspViolations")

    assert list_violations == []
    assert detail_violations == []
    assert [text for text in console if "Content Security Policy" in text] == []
