"""In Chromium: the header search box suggests workouts marked as workouts; an editor saves
the generator's workout as a draft and lands on its admin page; the exercise page with its
workouts and a search page with workouts pass axe-core. Screenshots of each land in
test-artifacts/workout-links/ to look at."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.admin_login import sign_in_as_superuser
from tests.browser.conftest import page  # noqa: F401  (the browser tests' page fixture)
from tests.browser.test_accessibility import serious_violations, sized_page  # noqa: F401
from workouts.models import Workout

pytestmark = pytest.mark.browser

SHOTS = Path("test-artifacts/workout-links")


def screenshot(tab, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_the_search_box_suggests_workouts_marked_as_workouts(page, live_server, morning_workout):  # noqa: F811
    page.goto(f"{live_server.url}/es/")
    page.locator("#site-search-q").fill("desper")
    option = page.get_by_role("option", name=re.compile("Despertar del core"))
    expect(option).to_contain_text("Entrenamiento · 9 min")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/es/entrenamientos/despertar-core/$"))


def test_an_editor_saves_the_generated_workout_as_a_draft(
    page,  # noqa: F811
    live_server,
    workout_library,
    django_user_model,
):
    sign_in_as_superuser(page, live_server, django_user_model)
    page.goto(f"{live_server.url}/workouts/generator/?duration=10&equipment=mat&seed=2")
    names = page.locator("[data-item] [data-item-name]").all_inner_texts()
    screenshot(page, "generator-as-staff")
    page.get_by_role("button", name="Save as draft workout").click()
    page.wait_for_url(re.compile(r"/admin/workouts/workout/\d+/change/$"))
    workout = Workout.objects.get()
    expect(page.locator(".messagelist")).to_contain_text("saved as the draft")
    assert workout.status == "draft" and workout.kind == "generated"
    assert len(names) == sum(section.items.count() for section in workout.sections.all())


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("exercise-en", "/exercises/the-hundred/"),
        ("exercise-es", "/es/ejercicios/el-cien/"),
        ("search-en", "/exercises/?q=morning+core"),
        ("search-es", "/es/ejercicios/?q=despertar"),
    ],
)
def test_pages_naming_workouts_have_no_serious_violations(
    sized_page,  # noqa: F811
    live_server,
    morning_workout,
    name,
    path,
):
    sized_page.goto(f"{live_server.url}{path}")
    expect(sized_page.locator(".used-in, .search-workouts")).to_be_visible()
    screenshot(sized_page, f"{name}-{sized_page.viewport_size['width']}")
    assert serious_violations(sized_page) == []
