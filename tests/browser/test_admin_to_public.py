import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_editor_adds_a_published_exercise_with_two_steps_and_it_appears_publicly(
    page, live_server, django_user_model
):
    django_user_model.objects.create_superuser("boss", "boss@example.com", "s3cret-pass!")
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("boss")
    page.get_by_label("Password").fill("s3cret-pass!")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/$"))

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
