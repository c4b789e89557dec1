"""Pictures: format allowlist, byte and pixel limits, bombs refused, big ones downscaled."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from exercises.media.images import (
    MAX_IMAGE_BYTES,
    MAX_STORED_SIDE,
    ImageRejected,
    prepare_image,
)
from exercises.models import Exercise
from tests.admin_forms import change_form_data, change_url
from tests.factories import image_bytes, make_exercise


def test_a_small_picture_is_kept_byte_for_byte():
    content = image_bytes((800, 600), "JPEG")

    prepared = prepare_image(content)

    assert (prepared.content, prepared.extension, prepared.downscaled) == (content, "jpg", False)


@pytest.mark.parametrize(("image_format", "extension"), [("PNG", "png"), ("WEBP", "webp")])
def test_a_big_picture_is_downscaled_to_the_longest_side_limit(image_format, extension):
    prepared = prepare_image(image_bytes((4000, 1000), image_format))

    with Image.open(BytesIO(prepared.content)) as stored:
        assert stored.size == (MAX_STORED_SIDE, 640)
        assert stored.format == image_format
    assert (prepared.extension, prepared.downscaled) == (extension, True)


def test_a_big_transparent_picture_saved_as_jpeg_loses_nothing_but_alpha():
    content = image_bytes((3000, 3000), "PNG", mode="RGBA")

    with Image.open(BytesIO(prepare_image(content).content)) as stored:
        assert stored.size == (MAX_STORED_SIDE, MAX_STORED_SIDE)


@pytest.mark.parametrize("image_format", ["BMP", "TIFF", "ICO"])
def test_formats_outside_the_allowlist_are_refused(image_format):
    with pytest.raises(ImageRejected, match=f"{image_format} images are not accepted"):
        prepare_image(image_bytes((16, 16), image_format))


def test_a_decompression_bomb_is_refused_before_decoding():
    # 10,000 x 10,000 one-bit pixels: a few kilobytes on disk, hundreds of MB decoded.
    bomb = image_bytes((10_000, 10_000), "PNG", mode="1")
    assert len(bomb) < 100_000

    with pytest.raises(ImageRejected, match="10000 × 10000 pixels; the limit is 40 megapixels"):
        prepare_image(bomb)


def test_a_file_over_the_byte_limit_is_refused_unread():
    with pytest.raises(ImageRejected, match="the limit is 10 MB"):
        prepare_image(b"\x89PNG" + b"\0" * MAX_IMAGE_BYTES)


def test_a_truncated_picture_is_refused_as_damaged():
    buffer = BytesIO()
    Image.effect_noise((600, 600), 80).save(buffer, "PNG")
    content = buffer.getvalue()

    with pytest.raises(ImageRejected, match="damaged or incomplete"):
        prepare_image(content[: len(content) // 2])


def test_bytes_that_are_no_picture_are_refused():
    with pytest.raises(ImageRejected, match="not an image"):
        prepare_image(b"<svg xmlns='http://www.w3.org/2000/svg'/>")


def test_a_big_animated_gif_is_refused_rather_than_losing_its_frames():
    frames = [Image.new("P", (3000, 100), colour) for colour in (1, 2)]
    buffer = BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])

    with pytest.raises(ImageRejected, match="Animated images"):
        prepare_image(buffer.getvalue())


@pytest.mark.django_db
# Django's own ImageField opens the upload first, and Pillow warns about its size there.
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_admin_upload_of_a_bomb_is_a_form_error_and_stores_nothing(admin_client):
    exercise = make_exercise(title="Roll Up")
    bomb = SimpleUploadedFile("bomb.png", image_bytes((10_000, 10_000), "PNG", mode="1"))

    response = admin_client.post(change_url(exercise), change_form_data(exercise, image=bomb))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["image"]
    assert errors == ["The image is 10000 × 10000 pixels; the limit is 40 megapixels."]
    exercise.refresh_from_db()
    assert not exercise.image


@pytest.mark.django_db
def test_admin_upload_of_a_big_picture_is_stored_downscaled(admin_client):
    exercise = make_exercise(title="Roll Up")
    upload = SimpleUploadedFile("photo.jpeg", image_bytes((5000, 2500), "JPEG"))

    response = admin_client.post(change_url(exercise), change_form_data(exercise, image=upload))

    assert response.status_code == 302
    stored = Exercise.objects.get(pk=exercise.pk).image
    assert (stored.width, stored.height) == (MAX_STORED_SIDE, 1280)
    assert stored.name.endswith(".jpg")
