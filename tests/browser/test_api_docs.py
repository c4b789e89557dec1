"""The API's docs page works in a browser under the site's Content-Security-Policy, with
every asset from this site."""

import pytest

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.policyViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.policyViolations.push(event.violatedDirective + " " + event.blockedURI.slice(0, 60));
});
"""


def test_api_docs_render_the_schema_without_policy_violations(page, live_server):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.add_init_script(RECORD_VIOLATIONS)

    page.goto(f"{live_server.url}/api/v1/docs/")

    page.get_by_text("Pilates exercise library API").first.wait_for()
    page.locator(".opblock-summary-path", has_text="/api/v1/exercises/{language}/{slug}/").click()
    # The parameters' form: its selects draw their arrows as data: images.
    page.locator(".parameters select").first.wait_for()
    page.wait_for_timeout(1500)
    assert page.evaluate("window.policyViolations") == []
    assert all(url.startswith((live_server.url, "data:")) for url in requested), requested
