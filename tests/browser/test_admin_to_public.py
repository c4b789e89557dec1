import re

import pytest
from playwright.sync_api import expect

from tests.browser.admin_login import sign_in_as_superuser

pytestmark = pytest.mark.browser


def test_editor_adds_a_published_exercise_with_two_steps_and_it_appears_publicly(
    page, live_server, django_user_model
):
    sign_in_as_superuser(page, live_server, django_user_model)

    page.goto(f"{live_server.url}/admin/exercises/exercise/add/")
    page.locator("#id_title").press_sequentially("Swimming")
    expect(page.locator("#id_slug")).to_have_value("swimming")
    page.locator("#id_status").select_option("published")
    page.locator("#id_description").fill("Flutter arms and legs while lying face down.")

    add_step = page.get_by_role("button", name="Add another Step")
    add_step.click()
    page.locator("#id_steps-0-position").fill("1")
    page.locator("#id_steps-0-text").fill("Lie face down and reach long.")
    add_step.click()
    page.locator("#id_steps-1-position").fill("2")
    page.locator("#id_steps-1-title").fill("Flutter")
    page.locator("#id_steps-1-text").fill("Flutter the arms and legs.")
    page.locator("input[name=_save]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.goto(f"{live_server.url}/exercises/")
    page.get_by_role("link", name="Swimming").click()
    page.wait_for_url(re.compile(r"/exercises/swimming/$"))
    expect(page.locator(".steps > li")).to_have_count(2)
    expect(page.locator(".steps__title")).to_have_text("Flutter")
