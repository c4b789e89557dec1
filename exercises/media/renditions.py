"""Resized copies of an exercise's picture, made once when the picture is saved.

Cards use a 16:9 crop around the editor's focal point; the detail page keeps the
picture's own proportions. Each size is stored as WebP and in the original's format
(JPEG or PNG) so that ``<picture>`` can offer both; the list of what was made, with
widths and heights, is kept on the exercise so pages never open an image file.
"""

import hashlib
import io
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db.models import Q
from PIL import Image, ImageOps, UnidentifiedImageError

from exercises.media.freshness import RENDITIONS_FOLDER
from exercises.media.storage import STORAGE_ERRORS
from exercises.models import Exercise

CARD_ASPECT = 16 / 9
# Widths per kind; a width the original is too small for is left out (never upscaled).
WIDTHS = {"card": [320, 640], "detail": [800, 1200]}
WEBP_QUALITY = 80
JPEG_QUALITY = 82


@dataclass(frozen=True)
class Rendition:
    kind: str
    width: int
    height: int
    format: str  # "webp", "jpeg" or "png"
    name: str  # storage name


def crop_box(
    size: tuple[int, int], aspect: float, focal: tuple[float, float]
) -> tuple[int, int, int, int]:
    """The largest ``aspect`` box inside ``size`` centred as near ``focal`` (0..1, 0..1) as
    the edges allow."""
    width, height = size
    if width / height > aspect:
        crop_width, crop_height = round(height * aspect), height
    else:
        crop_width, crop_height = width, round(width / aspect)
    left = min(max(round(focal[0] * width - crop_width / 2), 0), width - crop_width)
    top = min(max(round(focal[1] * height - crop_height / 2), 0), height - crop_height)
    return left, top, left + crop_width, top + crop_height


def _widths_for(kind: str, available: int) -> list[int]:
    widths = [width for width in WIDTHS[kind] if width <= available]
    return widths or [available]


def _encode(image: Image.Image, image_format: str) -> bytes:
    buffer = io.BytesIO()
    if image_format == "webp":
        image.save(buffer, format="WEBP", quality=WEBP_QUALITY, method=4)
    elif image_format == "png":
        image.save(buffer, format="PNG", optimize=True)
    else:
        image.convert("RGB").save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


def make_renditions(
    *, source: bytes, source_name: str, focal: tuple[float, float], storage: Storage
) -> list[Rendition]:
    """Write the card and detail renditions of ``source`` to ``storage``; names carry a
    digest of the picture and focal point, so a changed crop gets new addresses."""
    with Image.open(io.BytesIO(source)) as opened:
        original_format = "png" if opened.format == "PNG" else "jpeg"
        picture = ImageOps.exif_transpose(opened)
        picture.load()
    if picture.mode not in ("RGB", "RGBA"):
        picture = picture.convert("RGBA" if "transparency" in picture.info else "RGB")
    digest = hashlib.sha256(source + repr(focal).encode()).hexdigest()[:10]
    stem = PurePosixPath(source_name).stem[:60]
    made = []
    card = picture.crop(crop_box(picture.size, CARD_ASPECT, focal))
    for kind, base in (("card", card), ("detail", picture)):
        for width in _widths_for(kind, base.width):
            height = round(base.height * width / base.width)
            resized = base.resize((width, height), Image.Resampling.LANCZOS)
            for image_format in ("webp", original_format):
                extension = "jpg" if image_format == "jpeg" else image_format
                name = f"{RENDITIONS_FOLDER}/{stem}-{digest}-{kind}-{width}.{extension}"
                if not storage.exists(name):
                    name = storage.save(name, ContentFile(_encode(resized, image_format)))
                made.append(Rendition(kind, width, height, image_format, name))
    return made


def exercise_update_renditions(*, exercise: Exercise) -> list[Rendition]:
    """Remake ``exercise``'s renditions from its current picture and focal point and store
    their list; files of the old ones go unless another exercise (a translation) shares
    the picture. An unreadable picture leaves no renditions: pages fall back to it."""
    storage = exercise.image.storage
    old_names = {item["name"] for item in exercise.image_renditions}
    made: list[Rendition] = []
    if exercise.image:
        focal = (
            0.5 if exercise.focal_x is None else exercise.focal_x,
            0.5 if exercise.focal_y is None else exercise.focal_y,
        )
        try:
            with exercise.image.open("rb") as stored:
                source = stored.read()
            made = make_renditions(
                source=source, source_name=exercise.image.name or "", focal=focal, storage=storage
            )
        except (*STORAGE_ERRORS, UnidentifiedImageError, Image.DecompressionBombError):
            made = []
    exercise.image_renditions = [asdict(item) for item in made]
    Exercise.objects.filter(pk=exercise.pk).update(image_renditions=exercise.image_renditions)
    shared = (
        exercise.image
        and Exercise.objects.filter(image=exercise.image.name).exclude(pk=exercise.pk).exists()
    )
    if not shared:
        for name in old_names - {item.name for item in made}:
            storage.delete(name)
    return made


def exercises_refresh_renditions(*, pks: Iterable[int], picture_changed: Iterable[int]) -> int:
    """The pipeline's step: remake the renditions of the exercises among ``pks`` whose
    picture or focal point changed (``picture_changed``), that have a picture and no
    renditions, or that lost their picture but keep renditions; returns how many."""
    ids = set(pks)
    needing = Exercise.objects.filter(pk__in=ids).filter(
        Q(pk__in=set(picture_changed) & ids)
        | (~Q(image="") & Q(image_renditions=[]))
        | (Q(image="") & ~Q(image_renditions=[]))
    )
    refreshed = 0
    for exercise in needing.order_by("pk"):
        exercise_update_renditions(exercise=exercise)
        refreshed += 1
    return refreshed
