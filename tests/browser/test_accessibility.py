"""axe-core (bundled by axe-playwright-python) over the public pages, the 404 page and the
admin, at desktop and phone widths; any serious or critical violation fails."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_public_site import library  # noqa: F401  (fixture)
from tests.factories import make_full_exercise

pytestmark = pytest.mark.browser

AXE = Axe()
FAILING_IMPACTS = {"serious", "critical"}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
PUBLIC_PAGES = [
    "/",
    "/exercises/",
    "/exercises/?difficulty=beginner&muscle=core",
    "/exercises/the-hundred/",
    "/es/",
    "/es/ejercicios/",
    "/exercises/no-such-exercise/",
]
PASSWORD = "s3cret-pass!"


def serious_violations(page) -> list[str]:
    results = AXE.run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in FAILING_IMPACTS
    ]


@pytest.fixture(params=list(VIEWPORTS))
def sized_page(request, browser, live_server):
    context = browser.new_context(viewport=VIEWPORTS[request.param], locale="en-US")
    context.set_default_timeout(10_000)
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
        ),
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_no_serious_violations(sized_page, live_server, library, path):  # noqa: F811
    sized_page.goto(f"{live_server.url}{path}")
    assert serious_violations(sized_page) == []


def test_admin_login_has_no_serious_violations(sized_page, live_server, transactional_db):
    sized_page.goto(f"{live_server.url}/admin/login/")
    assert serious_violations(sized_page) == []


def test_admin_list_and_change_form_have_no_serious_violations(
    sized_page, live_server, django_user_model
):
    django_user_model.objects.create_superuser("boss", "boss@example.com", PASSWORD)
    exercise = make_full_exercise(title="The Hundred", translation_key="hundred")
    page = sized_page
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("boss")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    for path in [
        "/admin/exercises/exercise/",
        f"/admin/exercises/exercise/{exercise.pk}/change/",
        "/admin/exercises/exercise/add/",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert serious_violations(page) == [], path
