"""axe-core over the workout pages (list, detail, generator) at desktop and phone widths,
the player running too: any serious or critical violation fails."""

import pytest

from tests.browser.test_accessibility import serious_violations, sized_page  # noqa: F401

pytestmark = pytest.mark.browser

GENERATOR_PAGES = [
    "/workouts/generator/",
    "/es/entrenamientos/generador/?duration=10&equipment=mat&focus=core",
    "/workouts/generator/?duration=60&difficulty=beginner",
]


@pytest.mark.parametrize("path", GENERATOR_PAGES)
def test_generator_pages_have_no_serious_violations(
    sized_page,  # noqa: F811
    live_server,
    workout_library,
    path,
):
    sized_page.goto(f"{live_server.url}{path}")
    assert serious_violations(sized_page) == []


def test_the_running_player_has_no_serious_violations(
    sized_page,  # noqa: F811
    live_server,
    workout_library,
):
    sized_page.goto(f"{live_server.url}/workouts/generator/?duration=5&equipment=mat")
    sized_page.get_by_role("button", name="Start the workout").click()
    sized_page.get_by_role("button", name="Pause").click()
    assert serious_violations(sized_page) == []


@pytest.mark.parametrize("path", ["/workouts/morning-core/", "/es/entrenamientos/despertar-core/"])
def test_workout_pages_have_no_serious_violations(
    sized_page,  # noqa: F811
    live_server,
    morning_workout,
    path,
):
    sized_page.goto(f"{live_server.url}{path}")
    assert serious_violations(sized_page) == []
    sized_page.locator(".player__start").click()
    assert serious_violations(sized_page) == []


@pytest.mark.parametrize(
    "path",
    [
        "/workouts/",
        "/workouts/?duration=up-to-10&equipment=mat",
        "/es/entrenamientos/",
        "/es/entrenamientos/?difficulty=advanced&duration=up-to-10",
    ],
)
def test_workout_list_pages_have_no_serious_violations(
    sized_page,  # noqa: F811
    live_server,
    workout_shelf,
    path,
):
    sized_page.goto(f"{live_server.url}{path}")
    assert serious_violations(sized_page) == []
