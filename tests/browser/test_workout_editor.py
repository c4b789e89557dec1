"""The workout editor in Chromium: add a section, then items, reorder them by keyboard on
their drag handles, and watch the running total follow."""

import re

from playwright.sync_api import expect

from exercises.models import Status
from tests.browser.admin_login import sign_in_as_superuser
from workouts.models import Workout, WorkoutItem


def test_an_editor_builds_a_workout_and_the_total_follows_the_items(
    page, live_server, django_user_model
):
    workout = Workout.objects.create(
        title="Desk break", slug="desk-break", language="en", status=Status.DRAFT, duration=2
    )
    sign_in_as_superuser(page, live_server, django_user_model)
    page.goto(f"{live_server.url}/admin/workouts/workout/{workout.pk}/change/")
    total = page.locator("#workout-total")
    expect(total).to_have_text("0:00")

    page.get_by_role("button", name="Add another Section").click()
    page.locator("select[name='sections-0-kind']").select_option("main")
    page.locator("input[name='sections-0-title']").fill("Stretch")
    page.get_by_role("button", name="Save and continue editing").first.click()
    page.wait_for_url(re.compile(r"/change/$"))

    for number, (name, seconds) in enumerate((("Neck roll", "30"), ("Shoulder shrug", "45"))):
        page.get_by_role("button", name="Add another Item").click()
        page.locator(f"select[name='items-{number}-section']").select_option(label="1. Stretch")
        page.locator(f"input[name='items-{number}-name']").fill(name)
        page.locator(f"input[name='items-{number}-duration']").fill(seconds)
    expect(total).to_have_text("1:15")
    page.locator("input[name='items-1-duration']").fill("90")
    expect(total).to_have_text("2:00")

    # The second item moves up with its handle (the keyboard's way of dragging).
    items = page.locator("#items-group tr.form-row:not(.empty-form)")
    items.nth(1).locator(".drag-handle").press("ArrowUp")
    expect(items.nth(0).locator("input[name$='-name']")).to_have_value("Shoulder shrug")

    page.get_by_role("button", name="Save and continue editing").first.click()
    page.wait_for_url(re.compile(r"/change/$"))
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator("#workout-total")).to_have_text("2:00")
    saved = WorkoutItem.objects.filter(section__workout=workout).order_by("position")
    assert [(item.name, item.position, item.duration) for item in saved] == [
        ("Shoulder shrug", 1, 90),
        ("Neck roll", 2, 30),
    ]
