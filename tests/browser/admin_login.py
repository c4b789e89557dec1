"""Signing in to the admin through its login form, as an editor does."""

import re

PASSWORD = "s3cret-pass!"


def sign_in_as_superuser(page, live_server, django_user_model, username="boss"):
    django_user_model.objects.create_superuser(username, f"{username}@example.com", PASSWORD)
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page
