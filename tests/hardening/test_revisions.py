"""Editors never lose work: revisions with children, compare, restore, recover, stale saves."""

import re

import pytest
from django.contrib.auth.models import Permission
from reversion.models import Version

from exercises.models import Exercise, Muscle, Step, TaggedExercise
from tests.admin_forms import change_form_data, change_url
from tests.factories import make_exercise, make_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def exercise():
    exercise = make_exercise(title="Roll Up", body="Old body.")
    Step.objects.create(exercise=exercise, position=1, text="Lie down.")
    return exercise


def save(client, exercise, **changes):
    """Open the change page as it is now, then save it with ``changes``."""
    exercise.refresh_from_db()
    return client.post(change_url(exercise), change_form_data(exercise, **changes))


def test_each_admin_save_keeps_a_revision_with_the_steps(admin_client, exercise):
    core = make_term(Muscle, "Core")

    response = save(
        admin_client,
        exercise,
        title="Roll Up Slowly",
        muscles=[core.pk],
        **{"steps-0-text": "Sit."},
    )

    assert response.status_code == 302
    versions = Version.objects.get_for_object(exercise)
    assert versions.count() == 1
    kept = {version.content_type.model for version in versions[0].revision.version_set.all()}
    assert kept == {"exercise", "step"}
    assert versions[0].field_dict["title"] == "Roll Up Slowly"
    assert list(versions[0].field_dict["muscles"]) == [core.pk]


def test_history_lists_revisions_and_compares_two(admin_client, exercise):
    save(admin_client, exercise, title="Second Title")
    save(admin_client, exercise, title="Third Title", **{"steps-0-text": "Kneel."})
    newer, older = Version.objects.get_for_object(exercise)

    history = admin_client.get(f"/admin/exercises/exercise/{exercise.pk}/history/")
    compare = admin_client.get(
        f"/admin/exercises/exercise/{exercise.pk}/history/compare/",
        {"version_id1": older.pk, "version_id2": newer.pk},
    )

    assert history.status_code == 200
    assert history.content.decode().count("version_id1") >= 2
    assert compare.status_code == 200
    html = compare.content.decode()
    assert "Second Title" in html and "Third Title" in html
    assert "Kneel." in html


def test_an_older_revision_is_restored_with_its_steps(admin_client, exercise):
    save(admin_client, exercise, title="Good Title")
    save(admin_client, exercise, title="Bad Title", **{"steps-0-text": "Wrong step."})
    good = Version.objects.get_for_object(exercise).last()
    revision_url = f"/admin/exercises/exercise/{exercise.pk}/history/{good.pk}/"
    form_data = change_form_data(exercise)
    page = admin_client.get(revision_url)
    form_data |= {
        "title": "Good Title",
        "updated_at_token": page.context["adminform"].form.initial["updated_at_token"],
        "steps-0-text": "Lie down.",
    }

    response = admin_client.post(revision_url, form_data)

    assert response.status_code == 302
    exercise.refresh_from_db()
    assert exercise.title == "Good Title"
    assert [step.text for step in exercise.steps.all()] == ["Lie down."]


def test_a_deleted_exercise_is_recovered_with_its_steps(admin_client, exercise):
    pk = exercise.pk
    admin_client.post(f"/admin/exercises/exercise/{pk}/delete/", {"post": "yes"})
    assert not Exercise.objects.filter(pk=pk).exists()

    recover_list = admin_client.get("/admin/exercises/exercise/recover/")
    assert "Roll Up" in recover_list.content.decode()
    version = Version.objects.get_deleted(Exercise).get(object_id=str(pk))
    recover_url = f"/admin/exercises/exercise/recover/{version.pk}/"
    page = admin_client.get(recover_url)
    recovered_step = page.context["inline_admin_formsets"][0].formset.forms[0].instance
    form_data = {
        "title": "Roll Up",
        "slug": exercise.slug,
        "language": "en",
        "status": "published",
        "body": "Old body.",
        "extra_front_matter": "{}",
        "updated_at_token": page.context["adminform"].form.initial["updated_at_token"],
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "1",
        "steps-0-id": str(recovered_step.pk),
        "steps-0-exercise": str(pk),
        "steps-0-position": "1",
        "steps-0-text": "Lie down.",
    }
    for prefix in ("modifications", "faqs", "videos"):
        form_data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}

    response = admin_client.post(recover_url, form_data)

    assert response.status_code == 302
    recovered = Exercise.objects.get(pk=pk)
    assert recovered.title == "Roll Up"
    assert [step.text for step in recovered.steps.all()] == ["Lie down."]


def test_a_save_based_on_a_stale_page_is_refused_and_says_what_changed(
    admin_client, exercise, django_user_model
):
    stale_page = change_form_data(exercise, title="My Title")
    other = django_user_model.objects.create_superuser("alice", password="x")
    admin_client.force_login(other)
    save(admin_client, exercise, title="Alice's Title")
    admin_client.force_login(django_user_model.objects.get(username="admin"))

    response = admin_client.post(change_url(exercise), stale_page)

    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "alice saved this exercise" in errors
    assert "differs from yours in: title." in errors.lower()
    assert "not saved" in errors
    exercise.refresh_from_db()
    assert exercise.title == "Alice's Title"


def test_a_save_based_on_the_current_page_goes_through(admin_client, exercise):
    save(admin_client, exercise, title="First")

    response = save(admin_client, exercise, title="Second")

    assert response.status_code == 302
    exercise.refresh_from_db()
    assert exercise.title == "Second"


def test_a_bulk_status_change_also_makes_an_open_page_stale(admin_client, exercise):
    stale_page = change_form_data(exercise, title="Mine")
    admin_client.post(
        "/admin/exercises/exercise/",
        {"action": "unpublish", "_selected_action": [exercise.pk]},
    )

    response = admin_client.post(change_url(exercise), stale_page)

    assert response.status_code == 200
    assert re.search(r"changed at .* after you opened", response.content.decode())
    exercise.refresh_from_db()
    assert exercise.title == "Roll Up"


def test_staff_without_permission_cannot_open_the_compare_view_either(
    admin_client, client, exercise, django_user_model
):
    save(admin_client, exercise, title="Second Title")
    save(admin_client, exercise, title="Third Title")
    newer, older = Version.objects.get_for_object(exercise)
    staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    client.force_login(staff)
    versions = {"version_id1": older.pk, "version_id2": newer.pk}

    history = client.get(f"/admin/exercises/exercise/{exercise.pk}/history/")
    compare = client.get(f"/admin/exercises/exercise/{exercise.pk}/history/compare/", versions)

    assert history.status_code == 403
    assert compare.status_code == 403
    assert "Third Title" not in compare.content.decode()
    staff.user_permissions.add(Permission.objects.get(codename="view_exercise"))
    allowed = client.get(f"/admin/exercises/exercise/{exercise.pk}/history/compare/", versions)
    assert allowed.status_code == 200
    assert "Third Title" in allowed.content.decode()


def test_a_deleted_exercise_is_recovered_with_its_tags(admin_client, exercise):
    exercise.tags.add("core", "rolling")
    save(admin_client, exercise, title="Roll Up")
    pk = exercise.pk
    admin_client.post(f"/admin/exercises/exercise/{pk}/delete/", {"post": "yes"})
    assert not TaggedExercise.objects.filter(content_object_id=pk).exists()

    version = Version.objects.get_deleted(Exercise).get(object_id=str(pk))
    recover_url = f"/admin/exercises/exercise/recover/{version.pk}/"
    page = admin_client.get(recover_url)
    # The recover form shows the tags the revision kept, and posts them back as a browser does.
    shown_tags = page.context["adminform"].form["tags"].value()
    assert sorted(tag.name for tag in shown_tags) == ["core", "rolling"]
    form_data = change_form_data(exercise) | {
        "tags": "core, rolling",
        "updated_at_token": page.context["adminform"].form.initial["updated_at_token"],
        "steps-0-id": str(page.context["inline_admin_formsets"][0].formset.forms[0].instance.pk),
    }

    response = admin_client.post(recover_url, form_data)

    assert response.status_code == 302
    recovered = Exercise.objects.get(pk=pk)
    assert sorted(recovered.tags.names()) == ["core", "rolling"]
    assert [step.text for step in recovered.steps.all()] == ["Lie down."]


def test_a_revision_keeps_the_tags_of_the_exercise(admin_client, exercise):
    save(admin_client, exercise, tags="core, rolling")

    version = Version.objects.get_for_object(exercise).first()

    kept = {v.content_type.model for v in version.revision.version_set.all()}
    assert "taggedexercise" in kept
