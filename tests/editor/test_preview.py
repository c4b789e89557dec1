import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from exercises.models import Exercise, Status, Step
from tests.admin_forms import change_form_data
from tests.factories import make_full_exercise

pytestmark = pytest.mark.django_db


def preview_url(exercise) -> str:
    return reverse("admin:exercises_exercise_preview", args=[exercise.pk])


def test_preview_renders_unsaved_changes_with_the_public_template_and_saves_nothing(
    editor_client,
):
    exercise = make_full_exercise(title="The Hundred", status=Status.PUBLISHED)
    data = change_form_data(
        exercise,
        title="The Hundred, Revised",
        **{"steps-1-text": "Pump the arms.", "steps-0-DELETE": "on"},
    )

    response = editor_client.post(preview_url(exercise), data)

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "exercises/exercise_detail.html"
    page = response.content.decode()
    assert "<h1>The Hundred, Revised</h1>" in page
    assert "Pump the arms." in page
    assert "Lie down." not in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "draft-banner--preview" in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    exercise.refresh_from_db()
    assert exercise.title == "The Hundred"
    assert list(exercise.steps.values_list("text", flat=True)) == ["Lie down.", "Lift the legs."]


def test_preview_of_a_new_exercise_saves_nothing(editor_client):
    exercise = make_full_exercise(title="Model")
    data = change_form_data(exercise, title="Brand New", slug="brand-new")
    for prefix in ["steps", "modifications", "faqs", "videos"]:
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for key in [
            k for k in data if k.startswith(f"{prefix}-") and k.endswith(("-id", "-exercise"))
        ]:
            del data[key]
    before = (Exercise.objects.count(), Step.objects.count())

    response = editor_client.post(reverse("admin:exercises_exercise_preview_add"), data)

    assert response.status_code == 200
    assert "<h1>Brand New</h1>" in response.content.decode()
    assert (Exercise.objects.count(), Step.objects.count()) == before


def test_preview_shows_the_form_errors_instead_of_a_page(editor_client):
    exercise = make_full_exercise(title="Saw")
    response = editor_client.post(preview_url(exercise), change_form_data(exercise, title=""))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Preview not possible" in page
    assert "Title: This field is required." in page


def test_preview_needs_view_permission(client, django_user_model):
    exercise = make_full_exercise(title="Saw")
    user = django_user_model.objects.create_user("guest", password="x", is_staff=True)
    client.force_login(user)
    assert client.post(preview_url(exercise), change_form_data(exercise)).status_code == 403

    user.user_permissions.add(Permission.objects.get(codename="view_exercise"))
    assert client.post(preview_url(exercise), change_form_data(exercise)).status_code == 200


def test_preview_is_post_only(editor_client):
    exercise = make_full_exercise(title="Saw")
    assert editor_client.get(preview_url(exercise)).status_code == 405


def test_change_form_has_a_preview_button_posting_to_the_preview(editor_client):
    exercise = make_full_exercise(title="Saw")
    page = editor_client.get(
        reverse("admin:exercises_exercise_change", args=[exercise.pk])
    ).content.decode()
    assert f'formaction="{preview_url(exercise)}"' in page
    assert 'formtarget="_blank"' in page
