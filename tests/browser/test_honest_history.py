"""Saving an untouched change form in Chromium records no change and no difference."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from reversion.models import Version

from tests.admin_forms import change_url
from tests.browser.admin_login import sign_in_as_superuser
from tests.factories import make_full_exercise

pytestmark = pytest.mark.browser


def test_saving_the_form_unchanged_in_a_browser_adds_no_difference(
    page, live_server, django_user_model
):
    exercise = make_full_exercise(
        title="Swan",
        description="Lift the chest.\nLengthen.",
        body="## Setup\n\nLie face down.  \nHands under the shoulders.\n\n## Tips\n\nLong neck.",
    )
    page = sign_in_as_superuser(page, live_server, django_user_model)
    for _ in range(2):  # the first save makes the revision the second is compared with
        page.goto(live_server.url + change_url(exercise))
        page.locator("input[name=_continue]").first.click()
        page.wait_for_selector(".messagelist .success")

    entries = LogEntry.objects.filter(object_id=str(exercise.pk)).order_by("pk")
    assert [entry.get_change_message() for entry in entries] == ["No fields changed."] * 2
    newest, previous = Version.objects.get_for_object(exercise)[:2]
    page.goto(
        f"{live_server.url}{change_url(exercise)}../history/compare/"
        f"?version_id1={previous.pk}&version_id2={newest.pk}"
    )
    assert page.locator("#content-main h3").count() == 0
    assert re.search("There are no differences", page.content())
