"""The shipped example content, end to end: imported by the real command, served by the site."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from exercises.models import Exercise, Status
from tests.site.helpers import json_ld_of_type
from workouts.models import Workout, WorkoutItem

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported_fixtures():
    stdout, stderr = StringIO(), StringIO()
    call_command("import_exercises", str(FIXTURES), stdout=stdout, stderr=stderr)
    assert "0 failed" in stdout.getvalue(), stderr.getvalue()
    return stdout.getvalue()


def test_example_content_covers_both_shapes_languages_and_translation_pairs(imported_fixtures):
    exercises = Exercise.objects.all()

    assert exercises.count() >= 12
    assert set(exercises.values_list("language", flat=True)) == {"en", "es"}
    english_keys = set(exercises.filter(language="en").values_list("translation_key", flat=True))
    spanish_keys = set(exercises.filter(language="es").values_list("translation_key", flat=True))
    assert len((english_keys & spanish_keys) - {""}) >= 2
    assert exercises.filter(videos__isnull=False, translation_key="").exists()
    assert exercises.filter(status=Status.DRAFT).exists()


def test_first_seed_page_has_five_howto_steps_and_three_faq_questions(client, imported_fixtures):
    response = client.get("/exercises/leg-kicks-back/")

    assert response.status_code == 200
    html = response.content.decode()
    (howto,) = json_ld_of_type(html, "HowTo")
    assert len(howto["step"]) == 5
    assert howto["step"][0]["text"].startswith("Lie on side in straight line")
    (faq_page,) = json_ld_of_type(html, "FAQPage")
    assert len(faq_page["mainEntity"]) == 3
    assert 'hreflang="es"' in html


def test_second_seed_page_has_four_named_steps_and_one_video(client, imported_fixtures):
    response = client.get("/exercises/band-glute-kickback/")

    assert response.status_code == 200
    html = response.content.decode()
    (howto,) = json_ld_of_type(html, "HowTo")
    assert [step["name"] for step in howto["step"]] == [
        "Set Up",
        "Brace Your Core",
        "Kick Back",
        "Squeeze at the Top",
    ]
    # The file gives no upload date, and a VideoObject without one is rejected: none.
    assert json_ld_of_type(html, "VideoObject") == []
    assert "O5-ROTyo2dA" in html
    assert "<h1" in html and "Band Glute Kickback" in html


# Where a page lived on the source site (its folder and file name), and the aliases its front
# matter gives, rooted or relative to its folder.
OLD_ADDRESSES = {
    "/mat/the-hundred/": "/exercises/the-hundred/",
    "/es/mat/el-cien/": "/es/ejercicios/el-cien/",
    "/classical-mat/hundred/": "/exercises/the-hundred/",
    "/mat/hundreds/": "/exercises/the-hundred/",
    "/es/mat-clasico/cien/": "/es/ejercicios/el-cien/",
    "/es/cien/": "/es/ejercicios/el-cien/",
    "/Classical-Mat/Hundred": "/exercises/the-hundred/",
}


def test_old_addresses_of_the_example_content_answer_301(client, imported_fixtures):
    answers = {old: client.get(old) for old in OLD_ADDRESSES}

    assert {old: r.status_code for old, r in answers.items()} == dict.fromkeys(OLD_ADDRESSES, 301)
    assert {old: r["Location"] for old, r in answers.items()} == OLD_ADDRESSES
    assert {client.get(new).status_code for new in OLD_ADDRESSES.values()} == {200}


def test_example_workouts_import_beside_the_exercises_with_their_items_linked(imported_fixtures):
    stdout, stderr = StringIO(), StringIO()
    call_command("import_workouts", str(FIXTURES / "workouts"), stdout=stdout, stderr=stderr)

    assert "0 failed" in stdout.getvalue(), stderr.getvalue()
    assert set(Workout.objects.values_list("language", flat=True)) == {"en", "es"}
    assert set(Workout.objects.values_list("kind", flat=True)) == {"premade", "program"}
    linked = WorkoutItem.objects.filter(exercise__isnull=False)
    assert linked.filter(exercise__slug="the-hundred").exists()
    assert linked.filter(exercise__language="es").exists()
