"""Who sees drafts, which methods pages answer, security headers, throttling, error pages."""

import re
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.db import OperationalError, connection
from django.test import Client

from exercises.models import Status
from tests.factories import make_exercise, make_full_exercise

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.fixture
def draft():
    return make_exercise(title="Hidden Draft", status=Status.DRAFT)


@pytest.fixture
def public_urls():
    exercise = make_full_exercise(title="Roll Up", translation_key="roll")
    make_exercise(title="Rodar", slug="rodar", language="es", translation_key="roll")
    return [
        "/",
        "/exercises/",
        "/exercises/?difficulty=intermediate",
        exercise.get_absolute_url(),
        "/es/",
        "/es/ejercicios/",
        "/es/ejercicios/rodar/",
        "/exercises/feed/",
        "/sitemap.xml",
        "/robots.txt",
    ]


def test_staff_without_the_view_permission_gets_404_for_a_draft(client, draft, django_user_model):
    staff = django_user_model.objects.create_user("staff", password=PASSWORD, is_staff=True)
    client.force_login(staff)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_user_with_the_view_permission_previews_a_draft(client, draft, django_user_model):
    reviewer = django_user_model.objects.create_user("reviewer", password=PASSWORD)
    reviewer.user_permissions.add(Permission.objects.get(codename="view_exercise"))
    client.force_login(reviewer)

    response = client.get(draft.get_absolute_url())

    assert response.status_code == 200
    assert 'class="draft-banner"' in response.content.decode()


def test_head_is_answered_wherever_get_is(client, public_urls):
    for url in public_urls:
        response = client.head(url)
        assert (url, response.status_code) == (url, 200)
        assert response.content == b""


def test_every_public_page_has_a_strict_content_security_policy(client, public_urls):
    for url in [*public_urls, "/admin/login/", "/no-such-page/"]:
        policy = client.get(url).headers.get("Content-Security-Policy", "")
        directives = {
            part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()
        }
        assert directives["script-src"] == ["'self'"], url
        assert directives["style-src"] == ["'self'"], url
        assert directives["frame-src"] == ["https://www.youtube-nocookie.com"], url
        assert directives["img-src"] == ["'self'", "https://i.ytimg.com"], url
        assert directives["default-src"] == ["'self'"], url
        assert "nonce-" not in policy and "unsafe-inline" not in policy, url


def test_every_response_has_a_permissions_policy(client, public_urls):
    for url in [*public_urls, "/admin/login/"]:
        policy = client.get(url).headers["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy, url


def test_public_pages_have_no_inline_script_or_style(client, public_urls):
    for url in public_urls[:7]:
        html = client.get(url).content.decode()
        assert not re.search(r"\sstyle=", html), url
        assert "<style" not in html, url
        scripts = re.findall(r"<script([^>]*)>", html)
        assert all("src=" in attrs or "application/ld+json" in attrs for attrs in scripts), url
        assert not re.search(r"\son[a-z]+=", html), url


def test_admin_login_is_locked_after_repeated_failures(client, django_user_model, settings):
    django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert response.status_code == 200
    last_failure = client.post("/admin/login/", {"username": "editor", "password": "wrong"})

    response = client.post("/admin/login/", {"username": "editor", "password": PASSWORD})

    assert last_failure.status_code == 429
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_admin_login_still_works_after_fewer_failures(client, django_user_model, settings):
    django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/admin/login/", {"username": "editor", "password": "wrong"})

    response = client.post("/admin/login/", {"username": "editor", "password": PASSWORD})

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize(
    ("url", "heading"),
    [("/no-such-page/", "Page not found"), ("/es/no-such-page/", "Página no encontrada")],
)
def test_404_page_is_branded_in_both_languages_with_one_query(
    client, url, heading, django_assert_num_queries
):
    with django_assert_num_queries(1):  # is it an old address? (exercises.site.redirects)
        response = client.get(url)

    assert response.status_code == 404
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert "css/site.css" in html


@pytest.mark.parametrize(
    ("prefix", "heading"), [("", "Something went wrong"), ("/es", "Algo ha fallado")]
)
def test_500_page_is_branded_in_both_languages(settings, prefix, heading):
    settings.ROOT_URLCONF = "tests.hardening.urls"
    client = Client(raise_request_exception=False)

    response = client.get(f"{prefix}/fails/")

    assert response.status_code == 500
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert "Content-Security-Policy" in response.headers


@pytest.mark.parametrize(
    ("prefix", "heading"), [("", "Back in a moment"), ("/es", "Volvemos enseguida")]
)
def test_database_down_answers_the_branded_503_with_retry_after(settings, prefix, heading):
    settings.ROOT_URLCONF = "tests.hardening.urls"
    client = Client(raise_request_exception=False)
    database_down = OperationalError("could not connect to server")

    with mock.patch.object(connection, "cursor", side_effect=database_down) as cursor:
        response = client.get(f"{prefix}/needs-the-database/")

    assert cursor.called
    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.RETRY_AFTER)
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert "Traceback" not in html
    assert "Content-Security-Policy" in response.headers
