"""The body's markdown editor: the widget on the change form, its preview endpoint (the site's
renderer, for editors only, POST with CSRF, size-limited) and the vendored toolbar package."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import translation

from exercises.admin.markdown_editor import (
    MAX_PREVIEW_LENGTH,
    MAX_PREVIEW_REQUEST_BYTES,
    TOOLBAR_SCRIPT,
    MarkdownEditor,
)
from tests.admin_forms import change_url
from tests.factories import make_full_exercise

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PREVIEW_URL = "/admin/exercises/exercise/markdown-preview/"


def test_preview_url_is_the_admins():
    assert reverse("admin:exercises_exercise_markdown_preview") == PREVIEW_URL


def test_change_form_wraps_the_body_textarea_in_the_editor_hidden_until_scripted(editor_client):
    exercise = make_full_exercise(title="Roll Up", body="## Breathing\n\nExhale.")

    page = editor_client.get(change_url(exercise)).content.decode()

    editor = re.search(r'<div class="md-editor" data-markdown-editor.*?</div>\s*</div>', page, re.S)
    assert editor is not None
    assert f'data-preview-url="{PREVIEW_URL}"' in editor.group(0)
    # The toolbar and preview wait for the script; the textarea alone is the field without it.
    assert re.search(r'<markdown-toolbar [^>]*for="id_body"[^>]*hidden>', page)
    assert re.search(r'<div class="md-editor__preview" id="id_body_preview"[^>]*hidden>', page)
    assert re.search(r'<textarea name="body"[^>]*id="id_body"[^>]*>\n## Breathing', page)
    assert '<p class="md-editor__status" role="status" data-md-status></p>' in page
    # Every button is a labelled <button type="button">, so none submits the form.
    buttons = re.findall(
        r"<button type=\"button\"[^>]*data-md-button[^>]*>.*?</button>", page, re.S
    )
    labels = [re.sub(r"<[^>]+>|\s+", " ", button).strip() for button in buttons]
    assert [label.split()[-1] for label in labels] == [
        "Heading",
        "Bold",
        "Italic",
        "Strikethrough",
        "Quote",
        "Code",
        "Link",
        "list",
        "list",
        "Preview",
    ]
    assert 'aria-keyshortcuts="Control+B Meta+B"' in page
    # Served by the project as modules, never from another host.
    assert f'<script src="/static/{TOOLBAR_SCRIPT}" type="module"></script>' in page
    assert '<script src="/static/admin-extra/markdown-editor.js" type="module"></script>' in page
    assert "/static/admin-extra/markdown-editor.css" in page


def test_only_the_body_gets_the_editor_the_description_stays_plain(editor_client):
    page = editor_client.get(reverse("admin:exercises_exercise_add")).content.decode()

    assert page.count("data-markdown-editor") == 1
    assert 'for="id_body"' in page
    assert re.search(r'<textarea name="description"[^>]*class="vLargeTextField"', page)


def test_preview_renders_markdown_with_the_sites_sanitiser(editor_client):
    text = (
        "## Breathing\n\n**Exhale** as you roll.\n\n<script>alert(1)</script>\n\n"
        '<img src="x.png" onerror="alert(2)">\n\n[bad](javascript:alert(3))'
    )

    response = editor_client.post(PREVIEW_URL, {"text": text})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    html = response.json()["html"]
    assert "<h2>Breathing</h2>" in html
    assert "<strong>Exhale</strong>" in html
    assert "<script" not in html
    assert "onerror" not in html
    assert 'href="javascript:' not in html


def test_preview_of_an_empty_text_is_empty(editor_client):
    response = editor_client.post(PREVIEW_URL, {"text": "  \n"})

    assert response.json() == {"html": ""}


def test_preview_reads_only_the_session_user_and_permissions(
    editor_client, django_assert_max_num_queries
):
    # Session, user, the user's and the groups' permissions; no exercise is read.
    with django_assert_max_num_queries(4):
        response = editor_client.post(PREVIEW_URL, {"text": "- one\n- two\n" * 200})
    assert response.status_code == 200
    assert response.json()["html"].count("<li>") == 400


def test_preview_is_post_only(editor_client):
    response = editor_client.get(PREVIEW_URL, {"text": "**x**"})

    assert response.status_code == 405


def test_preview_refuses_a_post_without_the_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post(PREVIEW_URL, {"text": "**x**"})

    assert response.status_code == 403
    assert b"CSRF" in response.content


def test_preview_accepts_the_csrf_token_in_the_header_as_the_editor_sends_it(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    client.get(reverse("admin:exercises_exercise_add"))
    token = client.cookies["csrftoken"].value

    response = client.post(PREVIEW_URL, {"text": "**x**"}, headers={"X-CSRFToken": token})

    assert response.status_code == 200
    assert response.json() == {"html": "<p><strong>x</strong></p>\n"}


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.post(PREVIEW_URL, {"text": "**x**"})

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_who_may_only_view_exercises_cannot_preview(client, django_user_model):
    viewer = django_user_model.objects.create_user(username="viewer", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_exercise"))
    client.force_login(viewer)

    response = client.post(PREVIEW_URL, {"text": "**x**"})

    assert response.status_code == 403
    assert "permission" in response.json()["error"]


def test_staff_who_may_add_exercises_can_preview_on_the_add_form(client, django_user_model):
    author = django_user_model.objects.create_user(username="author", is_staff=True)
    author.user_permissions.set(Permission.objects.filter(codename="add_exercise"))
    client.force_login(author)

    response = client.post(PREVIEW_URL, {"text": "_x_"})

    assert response.status_code == 200
    assert response.json() == {"html": "<p><em>x</em></p>\n"}


def test_preview_renders_a_text_of_the_longest_allowed_length(editor_client):
    response = editor_client.post(PREVIEW_URL, {"text": "a" * MAX_PREVIEW_LENGTH})

    assert response.status_code == 200


def test_preview_refuses_a_text_longer_than_a_body_may_be(editor_client):
    response = editor_client.post(PREVIEW_URL, {"text": "a" * (MAX_PREVIEW_LENGTH + 1)})

    assert response.status_code == 413
    assert response.json() == {"error": "The preview shows at most 30,000 characters."}


def test_preview_refuses_an_oversized_request_before_reading_it(editor_client):
    body = b"text=" + b"a" * MAX_PREVIEW_REQUEST_BYTES

    response = editor_client.generic(
        "POST", PREVIEW_URL, body, content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 413
    assert "30,000" in response.json()["error"]


def test_vendored_toolbar_is_the_pinned_mit_release_and_make_vendor_refetches_it():
    folder = ROOT / "static/vendor/markdown-toolbar-element"
    pinned = re.search(
        r"^MARKDOWN_TOOLBAR_VERSION := (\S+)$", (ROOT / "Makefile").read_text(), re.M
    )
    assert pinned is not None
    assert (folder / "VERSION").read_text().splitlines()[0] == (
        f"@github/markdown-toolbar-element {pinned.group(1)}"
    )
    assert (folder / "LICENSE").read_text().startswith("Copyright (c)")
    assert "MIT" in (folder / "VERSION").read_text()
    assert "Permission is hereby granted, free of charge" in (folder / "LICENSE").read_text()
    script = (ROOT / "static" / TOOLBAR_SCRIPT).read_text()
    assert "customElements.define('markdown-toolbar'" in script
    # Nothing in it reaches for another host at run time.
    assert not re.search(r"https?://(?!www\.w3\.org/TR/)", script)


def test_editor_is_translated_for_a_spanish_admin():
    # The admin follows LANGUAGE_CODE today; the widget is ready for an admin in Spanish.
    with translation.override("es"):
        html = MarkdownEditor(preview_url=PREVIEW_URL).render("body", "", {"id": "id_body"})

    assert '<span class="visually-hidden">Negrita</span>' in html
    assert 'title="Negrita (Ctrl+B)"' in html
    assert "el texto tiene más de 30\xa0000 caracteres." in html
