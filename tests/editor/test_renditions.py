import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from exercises.media.renditions import crop_box, exercise_update_renditions
from exercises.models import Category, Exercise
from exercises.templatetags.exercise_pictures import initials, placeholder
from tests.admin_forms import change_form_data
from tests.factories import image_bytes, make_exercise, make_full_exercise, make_term

pytestmark = pytest.mark.django_db


def picture_bytes(size=(1600, 1200), image_format="JPEG") -> bytes:
    return image_bytes(size, image_format, colour="#7a9")


def exercise_with_picture(**fields) -> Exercise:
    exercise = make_exercise(**fields)
    exercise.image.save("pose.jpg", ContentFile(picture_bytes()), save=True)
    return exercise


def test_crop_box_keeps_the_focal_point_in_view_and_stays_inside():
    assert crop_box((1600, 1200), 16 / 9, (0.5, 0.5)) == (0, 150, 1600, 1050)
    assert crop_box((1600, 1200), 16 / 9, (0.5, 0.0)) == (0, 0, 1600, 900)
    assert crop_box((1600, 1200), 16 / 9, (0.5, 1.0)) == (0, 300, 1600, 1200)
    assert crop_box((1000, 200), 16 / 9, (0.9, 0.5)) == (644, 0, 1000, 200)


def test_renditions_have_the_card_and_detail_sizes_in_webp_and_jpeg():
    exercise = exercise_with_picture(title="Teaser")
    made = exercise_update_renditions(exercise=exercise)

    found = {(r.kind, r.width, r.height, r.format) for r in made}
    assert found == {
        ("card", 320, 180, "webp"),
        ("card", 320, 180, "jpeg"),
        ("card", 640, 360, "webp"),
        ("card", 640, 360, "jpeg"),
        ("detail", 800, 600, "webp"),
        ("detail", 800, 600, "jpeg"),
        ("detail", 1200, 900, "webp"),
        ("detail", 1200, 900, "jpeg"),
    }
    for rendition in made:
        with default_storage.open(rendition.name) as stored, Image.open(stored) as image:
            assert image.size == (rendition.width, rendition.height)
            assert image.format == rendition.format.upper()
    exercise.refresh_from_db()
    assert len(exercise.image_renditions) == 8


def test_a_small_picture_is_never_upscaled():
    exercise = make_exercise(title="Tiny")
    exercise.image.save("tiny.png", ContentFile(picture_bytes((200, 150), "PNG")), save=True)
    made = exercise_update_renditions(exercise=exercise)
    assert {(r.kind, r.width, r.format) for r in made} == {
        ("card", 200, "webp"),
        ("card", 200, "png"),
        ("detail", 200, "webp"),
        ("detail", 200, "png"),
    }


def test_moving_the_focal_point_remakes_the_crop_and_removes_the_old_files():
    exercise = exercise_with_picture(title="Saw")
    old = exercise_update_renditions(exercise=exercise)
    exercise.focal_y = 0.0
    new = exercise_update_renditions(exercise=exercise)
    assert {r.name for r in old}.isdisjoint({r.name for r in new})
    assert not any(default_storage.exists(r.name) for r in old)
    assert all(default_storage.exists(r.name) for r in new)


def test_card_srcset_points_at_the_renditions(client):
    exercise = exercise_with_picture(title="Swan Dive")
    made = exercise_update_renditions(exercise=exercise)
    page = client.get("/exercises/").content.decode()
    for rendition in made:
        if rendition.kind == "card":
            assert f"{default_storage.url(rendition.name)} {rendition.width}w" in page
    assert 'type="image/webp"' in page
    assert 'width="640" height="360"' in page
    assert 'loading="lazy"' in page


def test_detail_hero_is_not_lazy_and_has_its_size(client):
    exercise = exercise_with_picture(title="Swan Dive")
    exercise_update_renditions(exercise=exercise)
    page = client.get(exercise.get_absolute_url()).content.decode()
    hero = page[page.index('class="exercise__image"') :]
    hero = hero[: hero.index("</figure>")]
    assert 'fetchpriority="high"' in hero
    assert "loading=" not in hero
    assert 'width="1200" height="900"' in hero


def test_admin_upload_makes_renditions(editor_client):
    exercise = make_full_exercise(title="Teaser")
    data = change_form_data(exercise)
    data["image"] = ContentFile(picture_bytes(), name="teaser.jpg")
    response = editor_client.post(
        reverse("admin:exercises_exercise_change", args=[exercise.pk]), data
    )
    assert response.status_code == 302
    exercise.refresh_from_db()
    assert len(exercise.image_renditions) == 8


def test_make_renditions_command_fills_in_missing_ones():
    exercise = exercise_with_picture(title="Teaser")
    call_command("make_renditions", verbosity=0)
    exercise.refresh_from_db()
    assert len(exercise.image_renditions) == 8


def test_cards_without_pictures_get_distinct_placeholders():
    mat = make_term(Category, "Mat")
    band = make_term(Category, "Band")
    hundred = placeholder(make_exercise(title="The Hundred", category=mat))
    teaser = placeholder(make_exercise(title="Teaser", category=mat))
    kickback = placeholder(make_exercise(title="Glute Kickback", category=band))
    assert hundred["background"] == teaser["background"] != kickback["background"]
    assert (hundred["circle_x"], hundred["initials"]) != (teaser["circle_x"], teaser["initials"])
    assert initials("The Hundred") == "TH"
    assert initials("  ") == "?"


def test_a_card_without_a_picture_shows_its_video_thumbnail_or_placeholder(client):
    make_full_exercise(title="With Video")
    make_exercise(title="Nothing At All")
    page = client.get("/exercises/").content.decode()
    assert "https://i.ytimg.com/vi/O5-ROTyo2dA/hqdefault.jpg" in page
    assert ">NA</text>" in page


def test_importing_a_file_with_a_picture_makes_its_renditions(settings):
    fixtures = settings.BASE_DIR / "fixtures"
    call_command("import_exercises", str(fixtures), verbosity=0)
    exercise = Exercise.objects.get(slug="teaser", language="en")
    assert exercise.image
    assert {item["kind"] for item in exercise.image_renditions} == {"card", "detail"}
