"""Bodies are rendered once, when written, and no input makes rendering blow up."""

import importlib
from io import StringIO
from unittest import mock

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from exercises.models import MAX_BODY_LENGTH, MAX_TEXT_LENGTH, Exercise, Step
from exercises.text import markdown
from exercises.text.markdown import render_markdown
from tests.factories import make_exercise

PATHOLOGICAL_BODIES = {
    "bracket run": "[" * MAX_BODY_LENGTH,
    "link openers": "[a](" * (MAX_BODY_LENGTH // 4),
    "footnote flood": "".join(f"[^{n}]\n\n[^{n}]: note {n}\n" for n in range(3_000))[
        :MAX_BODY_LENGTH
    ],
    "footnote references": "[^1]" * (MAX_BODY_LENGTH // 5) + "\n\n[^1]: x\n",
    "nested lists": "- " * 300 + "x",
    "nested ordered lists": "1. " * 300 + "x",
    "nested blockquotes": ">" * (MAX_BODY_LENGTH - 2) + " x",
    "emphasis delimiters": "*a **" * (MAX_BODY_LENGTH // 5),
    "nested html": "<div>" * (MAX_BODY_LENGTH // 5 - 1) + "x",
}


@pytest.mark.parametrize("body", PATHOLOGICAL_BODIES.values(), ids=PATHOLOGICAL_BODIES.keys())
def test_pathological_bodies_at_the_cap_render_without_error(body):
    assert len(body) <= MAX_BODY_LENGTH

    html = render_markdown(body)

    assert html.strip()


def test_deep_nesting_is_capped_instead_of_recursing():
    html = render_markdown("".join("  " * level + "- x\n" for level in range(300)))

    assert html.count("<ul>") <= markdown.MAX_NESTING


def test_rendered_body_keeps_tables_footnotes_and_definition_lists():
    html = render_markdown("| a |\n|---|\n| 1 |\n\nSee[^1]\n\n[^1]: Note.\n\nTerm\n: Meaning\n")

    assert "<td>1</td>" in html
    assert 'href="#fn1"' in html
    assert '<li id="fn1">' in html
    assert "<dt>Term</dt>" in html
    assert "style=" not in html


@pytest.mark.django_db
def test_a_public_page_shows_stored_html_without_parsing_markdown(client):
    exercise = make_exercise(body="## Benefits\n\n**Core** strength")

    with mock.patch.object(markdown._parser, "render", side_effect=AssertionError("parsed")):
        response = client.get(exercise.get_absolute_url())
        head = client.head(exercise.get_absolute_url())

    assert response.status_code == 200
    assert "<h2>Benefits</h2>" in response.content.decode()
    assert head.status_code == 200


@pytest.mark.django_db
def test_body_longer_than_the_cap_is_a_validation_error_on_the_body():
    exercise = Exercise(title="Long", slug="long", body="x" * (MAX_BODY_LENGTH + 1))

    with pytest.raises(ValidationError) as error:
        exercise.full_clean()

    assert list(error.value.message_dict) == ["body"]


@pytest.mark.django_db
def test_step_text_longer_than_the_cap_is_a_validation_error_on_the_text():
    step = Step(exercise=make_exercise(), text="x" * (MAX_TEXT_LENGTH + 1))

    with pytest.raises(ValidationError) as error:
        step.full_clean()

    assert list(error.value.message_dict) == ["text"]


@pytest.mark.django_db
def test_importer_names_the_file_and_field_of_an_oversized_body(tmp_path):
    good = tmp_path / "good.md"
    good.write_text("---\ntitle: Good\n---\nFine *body*.\n")
    huge = tmp_path / "huge.md"
    huge.write_text("---\ntitle: Huge\n---\n" + "[" * (MAX_BODY_LENGTH + 10))
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError):
        call_command("import_exercises", str(tmp_path), stdout=out, stderr=err)

    lines = [line for line in err.getvalue().splitlines() if line]
    assert len(lines) == 1
    assert "huge.md" in lines[0]
    assert "body" in lines[0]
    assert str(MAX_BODY_LENGTH) in lines[0].replace(",", "")
    assert "Traceback" not in err.getvalue()
    assert not Exercise.objects.filter(slug="huge").exists()
    assert Exercise.objects.get(slug="good").body_html == "<p>Fine <em>body</em>.</p>\n"


@pytest.mark.django_db
def test_admin_save_stores_the_rendered_body(admin_client):
    exercise = make_exercise(title="Roll", body="old")
    data = {
        "title": "Roll",
        "slug": "roll",
        "language": "en",
        "status": "published",
        "body": "**new**",
        "extra_front_matter": "{}",
        "updated_at_token": exercise.updated_at.isoformat(),
    }
    for prefix in ("steps", "modifications", "faqs", "videos"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}

    response = admin_client.post(f"/admin/exercises/exercise/{exercise.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    exercise.refresh_from_db()
    assert exercise.body_html == "<p><strong>new</strong></p>\n"


@pytest.mark.django_db
def test_migration_fills_body_html_of_existing_exercises():
    migration = importlib.import_module(
        "exercises.migrations.0003_exercise_body_html_and_length_caps"
    )
    exercise = make_exercise(body="## Title")
    Exercise.objects.filter(pk=exercise.pk).update(body_html="")

    migration.render_stored_bodies(apps, None)

    exercise.refresh_from_db()
    assert exercise.body_html == "<h2>Title</h2>\n"
