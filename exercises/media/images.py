"""Pictures in: the formats, sizes and dimensions the site accepts, stored downscaled.

One plain function, ``prepare_image()``, takes the uploaded or imported bytes and returns what
to store, or raises ``ImageRejected`` with a sentence naming the problem. No database, no
storage: the admin form and the importer decide where the result goes.
"""

import struct
import warnings
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from PIL import Image, ImageOps

MAX_IMAGE_BYTES = 10 * 1024 * 1024
# Decoded size is what costs memory: 40 megapixels is about 160 MB as RGBA, already a lot.
MAX_IMAGE_PIXELS = 40_000_000
# The longest side stored; bigger pictures are scaled down, keeping their proportions.
MAX_STORED_SIDE = 2560
FORMAT_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
_SAVE_OPTIONS: dict[str, dict[str, Any]] = {
    "JPEG": {"quality": 85, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 85},
    "GIF": {},
}
# What Pillow raises on truncated, corrupt or hostile files.
_UNREADABLE = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    struct.error,
    Image.DecompressionBombError,
)


class ImageRejected(Exception):
    """The picture cannot be accepted; ``str(error)`` says why, for the editor."""


@dataclass(frozen=True)
class PreparedImage:
    content: bytes
    extension: str
    width: int
    height: int
    downscaled: bool


def prepare_image(content: bytes) -> PreparedImage:
    """Check ``content`` and return the bytes to store, downscaled to ``MAX_STORED_SIDE``.

    Dimensions are read from the header and checked before any pixel is decoded, so a
    decompression bomb (a small file that decodes to gigabytes) is refused cheaply.
    """
    if len(content) > MAX_IMAGE_BYTES:
        raise ImageRejected(
            _("The image is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": _megabytes(len(content)), "limit": _megabytes(MAX_IMAGE_BYTES)}
        )
    try:
        with warnings.catch_warnings():
            # Our own pixel limit below is stricter than Pillow's warning threshold.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(BytesIO(content))
        image_format = image.format or ""
        width, height = image.size
    except _UNREADABLE as error:
        raise ImageRejected(_("The file is not an image that can be read.")) from error
    if image_format not in FORMAT_EXTENSIONS:
        raise ImageRejected(
            _("%(format)s images are not accepted; use JPEG, PNG, WebP or GIF.")
            % {"format": image_format or _("Unknown")}
        )
    if width * height > MAX_IMAGE_PIXELS:
        raise ImageRejected(
            _("The image is %(width)d × %(height)d pixels; the limit is %(limit)d megapixels.")
            % {"width": width, "height": height, "limit": MAX_IMAGE_PIXELS // 1_000_000}
        )
    extension = FORMAT_EXTENSIONS[image_format]
    try:
        image.load()
        if max(width, height) <= MAX_STORED_SIDE:
            return PreparedImage(content, extension, width, height, downscaled=False)
        if getattr(image, "n_frames", 1) > 1:
            raise ImageRejected(
                _("Animated images may be at most %(side)d pixels on their longest side.")
                % {"side": MAX_STORED_SIDE}
            )
        return _downscaled(image, image_format, extension)
    except _UNREADABLE as error:
        raise ImageRejected(_("The image is damaged or incomplete.")) from error


def _downscaled(image: Image.Image, image_format: str, extension: str) -> PreparedImage:
    image = ImageOps.exif_transpose(image)
    image.thumbnail((MAX_STORED_SIDE, MAX_STORED_SIDE), Image.Resampling.LANCZOS)
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = BytesIO()
    image.save(buffer, image_format, **_SAVE_OPTIONS[image_format])
    return PreparedImage(buffer.getvalue(), extension, *image.size, downscaled=True)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")
