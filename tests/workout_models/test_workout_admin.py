"""The workout editor: sections and items on one form, renumbered on save; the running
total; preview; translate; stale-save protection; history; the changelist."""

from datetime import timedelta

import pytest
from django.urls import reverse
from reversion.models import Version

from exercises.models import Status
from tests.factories import make_exercise
from tests.workout_models.admin_data import change_url, workout_form_data
from tests.workout_models.test_workout_model import add_items, make_workout
from workouts.models import ItemKind, SectionKind, Workout, WorkoutItem, WorkoutSection
from workouts.services import workout_translate

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/workouts/workout/"


@pytest.fixture
def boss(admin_client):
    return admin_client


def test_the_change_form_shows_sections_items_and_the_items_total(boss):
    workout = make_workout(duration=5)
    add_items(workout, 30, 45)

    page = boss.get(change_url(workout))

    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="workout-total" data-seconds="75"' in html
    assert ">1:15</output>" in html
    assert 'name="items-0-duration"' in html and 'name="sections-0-kind"' in html
    assert "admin-extra/workout-total.js" in html and "admin-extra/sortable-inlines.js" in html


def test_saving_moves_items_between_sections_and_renumbers_them(boss):
    workout = make_workout()
    main = add_items(workout, 30, 45, 60)
    cool = WorkoutSection.objects.create(workout=workout, kind=SectionKind.COOL_DOWN, position=5)
    first, second, third = main.items.order_by("position")
    data = workout_form_data(workout)
    # The editor drags the third item first and sends the second to the cool-down.
    data |= {"items-2-position": "0", "items-1-section": str(cool.pk), "sections-1-position": "9"}

    response = boss.post(change_url(workout), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert [(i.pk, i.position) for i in main.items.order_by("position")] == [
        (third.pk, 1),
        (first.pk, 2),
    ]
    assert [(i.pk, i.position) for i in cool.items.all()] == [(second.pk, 1)]
    cool.refresh_from_db()
    assert cool.position == 2


def test_an_item_is_added_with_its_section_and_instructions_one_a_line(boss):
    workout = make_workout()
    section = add_items(workout, 30)
    exercise = make_exercise(title="The Hundred")
    data = workout_form_data(workout)
    data |= {
        "items-TOTAL_FORMS": "2",
        "items-1-section": str(section.pk),
        "items-1-position": "2",
        "items-1-kind": ItemKind.EXERCISE,
        "items-1-exercise": str(exercise.pk),
        "items-1-name": "Hundred",
        "items-1-duration": "60",
        "items-1-reps": "100 pumps",
        "items-1-instructions": "Curl up\n\n  Pump the arms  \n",
    }

    assert boss.post(change_url(workout), data).status_code == 302

    item = section.items.get(position=2)
    assert (item.exercise, item.duration, item.instructions) == (
        exercise,
        60,
        ["Curl up", "Pump the arms"],
    )
    assert workout.total_seconds() == 90


def test_an_item_with_neither_exercise_nor_name_is_refused_on_the_form(boss):
    workout = make_workout()
    section = add_items(workout, 30)
    data = workout_form_data(workout)
    data |= {
        "items-TOTAL_FORMS": "2",
        "items-1-section": str(section.pk),
        "items-1-position": "2",
        "items-1-kind": ItemKind.EXERCISE,
        "items-1-duration": "20",
    }

    page = boss.post(change_url(workout), data)

    assert page.status_code == 200
    assert "Link an exercise or give the movement a name." in page.content.decode()
    assert section.items.count() == 1


def test_a_save_based_on_a_stale_page_is_refused(boss):
    workout = make_workout()
    data = workout_form_data(workout, title="Mine")
    Workout.objects.filter(pk=workout.pk).update(updated_at=workout.updated_at + timedelta(1))

    page = boss.post(change_url(workout), data)

    assert page.status_code == 200
    assert "This workout was changed at" in page.content.decode()
    workout.refresh_from_db()
    assert workout.title == "Core in five"


def test_preview_renders_the_unsaved_form_and_saves_nothing(boss):
    workout = make_workout()
    add_items(workout, 30, 45)
    data = workout_form_data(workout, title="Unsaved title", body="Breathe **in**")
    data["items-0-duration"] = "90"

    page = boss.post(reverse("admin:workouts_workout_preview", args=[workout.pk]), data)

    assert page.status_code == 200
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    html = page.content.decode()
    assert "Unsaved title" in html and "<strong>in</strong>" in html and "2:15" in html
    workout.refresh_from_db()
    assert workout.title == "Core in five"
    assert workout.total_seconds() == 75


def test_a_preview_of_an_invalid_form_lists_its_problems(boss):
    workout = make_workout()
    data = workout_form_data(workout, title="")

    page = boss.post(reverse("admin:workouts_workout_preview", args=[workout.pk]), data)

    assert page.status_code == 400
    assert "Preview not possible" in page.content.decode()


def test_translate_copies_the_structure_and_links_the_other_language_s_exercises(boss):
    hundred = make_exercise(title="The Hundred", translation_key="hundred")
    cien = make_exercise(title="El Cien", slug="el-cien", language="es", translation_key="hundred")
    lonely = make_exercise(title="Lonely")
    workout = make_workout(body="Breathe", duration=10)
    section = add_items(workout, 30)
    WorkoutItem.objects.create(section=section, position=2, exercise=hundred, name="Hundred")
    WorkoutItem.objects.create(section=section, position=3, exercise=lonely, duration=20)

    response = boss.post(reverse("admin:workouts_workout_translate", args=[workout.pk, "es"]))

    spanish = Workout.objects.get(language="es")
    assert response.status_code == 302 and response["Location"] == change_url(spanish)
    workout.refresh_from_db()
    assert (spanish.translation_key, spanish.translation_of) == (workout.translation_key, workout)
    assert (spanish.status, spanish.slug, spanish.duration) == (Status.DRAFT, workout.slug, 10)
    items = list(WorkoutItem.objects.filter(section__workout=spanish).order_by("position"))
    assert [(i.name, i.exercise, i.duration) for i in items] == [
        ("Move 1", None, 30),
        ("Hundred", cien, None),
        ("Lonely", None, 20),  # no Spanish version: named, for an editor to link by hand
    ]
    assert spanish.total_seconds() == 50
    spanish.refresh_from_db()
    assert spanish.body_html  # the pipeline stored its HTML
    assert Version.objects.get_for_object(spanish).exists()


def test_translating_twice_returns_the_existing_translation():
    workout = make_workout()
    first, created = workout_translate(workout=workout, language="es")
    again, created_again = workout_translate(workout=workout, language="es")
    assert (created, created_again, again) == (True, False, first)


def test_each_admin_save_keeps_a_revision_and_a_deleted_workout_can_be_recovered(boss):
    workout = make_workout()
    add_items(workout, 30)
    assert boss.post(change_url(workout), workout_form_data(workout, title="v2")).status_code == 302
    assert Version.objects.get_for_object(workout).count() == 1
    assert boss.get(reverse("admin:workouts_workout_history", args=[workout.pk])).status_code == 200

    boss.post(reverse("admin:workouts_workout_delete", args=[workout.pk]), {"post": "yes"})

    assert not Workout.objects.exists()
    deleted = Version.objects.get_deleted(Workout)
    assert deleted.count() == 1
    recover = reverse("admin:workouts_workout_recover", args=[deleted.first().pk])
    assert boss.get(recover).status_code == 200


def test_the_changelist_filters_searches_and_shows_the_items_total(boss):
    workout = make_workout(title="Swan dive flow")
    add_items(workout, 30, 45)
    make_workout(slug="other", title="Other", language="es", status=Status.DRAFT)

    page = boss.get(CHANGELIST, {"q": "swan"})
    assert page.status_code == 200
    assert list(page.context["cl"].result_list) == [workout]
    assert "1:15" in page.content.decode()
    page = boss.get(CHANGELIST, {"language__exact": "es", "status__exact": "draft"})
    assert [w.slug for w in page.context["cl"].result_list] == ["other"]


@pytest.mark.parametrize("count", [3, 30])
def test_the_changelist_costs_the_same_queries_at_any_size(
    boss, count, django_assert_max_num_queries
):
    for number in range(count):
        add_items(make_workout(slug=f"w{number}"), 30)
    with django_assert_max_num_queries(12):
        assert boss.get(CHANGELIST).status_code == 200


@pytest.mark.parametrize("count", [2, 20])
def test_the_change_form_costs_the_same_queries_at_any_size(
    boss, count, django_assert_max_num_queries
):
    workout = make_workout()
    add_items(workout, *([30] * count))
    with django_assert_max_num_queries(40):
        assert boss.get(change_url(workout)).status_code == 200


def test_exercise_autocomplete_finds_titles_in_either_language(boss):
    make_exercise(title="The Hundred")
    make_exercise(title="El Cien", slug="el-cien", language="es")
    url = "/admin/autocomplete/"
    params = {"app_label": "workouts", "model_name": "workoutitem", "field_name": "exercise"}

    for term, title in (("hundred", "The Hundred"), ("cien", "El Cien")):
        found = boss.get(url, {**params, "term": term}).json()["results"]
        assert [result["text"] for result in found] == [title]


def test_publish_action_publishes_and_dates_the_selected_workouts(boss):
    workout = make_workout(status=Status.DRAFT)
    boss.post(CHANGELIST, {"action": "publish", "_selected_action": [workout.pk]})
    workout.refresh_from_db()
    assert workout.status == Status.PUBLISHED and workout.published_on is not None


def test_the_content_report_names_an_untranslated_workout_and_links_its_editor(boss):
    workout = make_workout(translation_key="alone")

    page = boss.get(reverse("admin:exercises_exercise_content_report"))

    html = page.content.decode()
    assert page.status_code == 200
    assert f'href="{change_url(workout)}"' in html
    assert ">Core in five</a>" in html
