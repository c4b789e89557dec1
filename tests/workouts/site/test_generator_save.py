"""Saving the generator's workout as a draft: a service, and a button on the result page
that only editors who may add workouts see; anyone else's POST is refused."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from reversion.models import Version

from tests.site.test_html_validity import html_errors, vnu  # noqa: F401  (the checker fixture)
from workouts.generator import GeneratedWorkout, generate_workout
from workouts.models import Workout, WorkoutItem
from workouts.services import workout_save_generated
from workouts.site.selectors import generator_library

pytestmark = pytest.mark.django_db

REQUEST = {"duration": 15, "equipment": ["mat"], "difficulty": "intermediate", "seed": 3}
QUERY = "?duration=15&equipment=mat&difficulty=intermediate&focus=core&seed=3"
SAVE_URLS = {"en": "/workouts/generator/save/", "es": "/es/entrenamientos/generador/guardar/"}


def plan_for(language: str, **changes) -> GeneratedWorkout:
    library = generator_library(language=language)
    request = {"focus": "all", **REQUEST, **changes}
    return generate_workout(candidates=library.candidates, **request)


@pytest.fixture
def workout_editor(django_user_model):
    user = django_user_model.objects.create_user(username="planner", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="workouts", codename__in=["add_workout", "change_workout"]
        )
    )
    return user


def test_the_service_stores_the_plan_as_a_draft_with_its_items_linked(
    workout_library, workout_editor
):
    plan = plan_for("es", focus="core")
    workout = workout_save_generated(
        plan=plan, language="es", title="Entrenamiento de 15 minutos", user=workout_editor
    )
    workout.refresh_from_db()
    assert (workout.status, workout.kind, workout.language) == ("draft", "generated", "es")
    assert workout.slug == "entrenamiento-de-15-minutos"
    assert workout.duration == 15
    sections = list(workout.sections.order_by("position"))
    assert [section.kind for section in sections] == [s.kind for s in plan.sections]
    items = list(
        WorkoutItem.objects.filter(section__workout=workout).order_by(
            "section__position", "position"
        )
    )
    assert [(item.exercise_id, item.duration) for item in items] == [
        (planned.candidate.id, planned.seconds) for planned in plan.items
    ]
    assert {item.exercise.language for item in items} == {"es"}
    assert items[0].kind == "warm_up" and items[-1].kind == "cool_down"
    assert workout.total_seconds() == plan.total_seconds
    assert set(workout.equipment.values_list("slug", flat=True)) == {"mat"}
    assert workout.focus.exists()
    assert workout.difficulty in {"beginner", "intermediate"}
    version = Version.objects.get_for_object(workout).get()
    assert version.revision.user == workout_editor
    # A second save of the same plan is another draft, with a free slug.
    again = workout_save_generated(plan=plan, language="es", title="Entrenamiento de 15 minutos")
    assert again.slug == "entrenamiento-de-15-minutos-2"


def test_the_service_refuses_an_empty_plan(workout_library):
    plan = plan_for("en", equipment=["ring"], difficulty="beginner", duration=60)
    assert plan.is_empty
    with pytest.raises(ValidationError):
        workout_save_generated(plan=plan, language="en", title="Nothing")
    assert not Workout.objects.exists()


def test_editors_who_may_add_workouts_see_the_button(client, workout_library, workout_editor):
    client.force_login(workout_editor)
    html = client.get(f"/workouts/generator/{QUERY}").content.decode()
    assert 'action="/workouts/generator/save/"' in html
    assert "Save as draft workout" in html
    assert 'name="csrfmiddlewaretoken"' in html
    for field in ('name="duration" value="15"', 'name="equipment" value="mat"'):
        assert f'<input type="hidden" {field}>' in html


@pytest.mark.parametrize("who", ["anonymous", "editor without the permission", "not staff"])
def test_nobody_else_sees_the_button_and_their_post_is_refused(
    client, workout_library, editor, django_user_model, who
):
    if who == "editor without the permission":
        client.force_login(editor)  # the exercise library's permissions only
    elif who == "not staff":
        user = django_user_model.objects.create_user(username="visitor")
        user.user_permissions.set(Permission.objects.filter(codename="add_workout"))
        client.force_login(user)
    html = client.get(f"/workouts/generator/{QUERY}").content.decode()
    assert "Save as draft workout" not in html
    assert "generator/save/" not in html
    response = client.post("/workouts/generator/save/", {**REQUEST, "focus": "core"})
    assert response.status_code == 403
    assert not Workout.objects.exists()


@pytest.mark.parametrize("language", ["en", "es"])
def test_saving_stores_the_pages_workout_and_opens_its_admin_page(
    client, workout_library, workout_editor, language
):
    client.force_login(workout_editor)
    page = client.get(f"{SAVE_URLS[language].replace('save/', '').replace('guardar/', '')}{QUERY}")
    shown = [item.exercise.pk for item in page.context["routine"].items]
    response = client.post(
        SAVE_URLS[language], dict(page.context["save_fields"]) | {"equipment": ["mat"]}
    )
    workout = Workout.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/workouts/workout/{workout.pk}/change/"
    assert workout.language == language and workout.status == "draft"
    saved = WorkoutItem.objects.filter(section__workout=workout).order_by(
        "section__position", "position"
    )
    assert [item.exercise_id for item in saved] == shown
    admin_page = client.get(response["Location"])
    assert admin_page.status_code == 200
    assert workout.title in admin_page.content.decode()


def test_the_post_needs_the_csrf_token(workout_library, workout_editor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(workout_editor)
    assert client.post("/workouts/generator/save/", REQUEST).status_code == 403
    assert not Workout.objects.exists()


def test_the_save_address_refuses_a_get(client, workout_library, workout_editor):
    client.force_login(workout_editor)
    assert client.get("/workouts/generator/save/").status_code == 405


@pytest.mark.vnu
def test_the_generator_with_the_save_form_has_no_html_errors(
    client,
    workout_library,
    workout_editor,
    vnu,  # noqa: F811
    tmp_path,
):
    client.force_login(workout_editor)
    page = client.get(f"/workouts/generator/{QUERY}")
    assert b"generator-save" in page.content
    assert html_errors(vnu, {"generator-staff": page.content}, tmp_path) == []
