"""axe-core (bundled by axe-playwright-python) over the public pages, the 404 page and the
admin, at desktop and phone widths; any serious or critical violation fails."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.admin_login import sign_in_as_superuser
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
    "/es/ejercicios/?q=hundred&search_language=en",
    "/es/ejercicios/?q=hundred",
    "/exercises/?q=zzqx&difficulty=beginner",
]


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
def test_public_pages_have_no_serious_violations(sized_page, live_server, library, path):
    sized_page.goto(f"{live_server.url}{path}")
    assert serious_violations(sized_page) == []


def test_admin_login_has_no_serious_violations(sized_page, live_server, transactional_db):
    sized_page.goto(f"{live_server.url}/admin/login/")
    assert serious_violations(sized_page) == []


def test_admin_list_and_change_form_have_no_serious_violations(
    sized_page, live_server, django_user_model
):
    exercise = make_full_exercise(title="The Hundred", translation_key="hundred")
    page = sign_in_as_superuser(sized_page, live_server, django_user_model)
    for path in [
        "/admin/exercises/exercise/",
        f"/admin/exercises/exercise/{exercise.pk}/change/",
        "/admin/exercises/exercise/add/",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert serious_violations(page) == [], path
