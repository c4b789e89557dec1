"""Draw the example exercise images under fixtures/images/exercises/.

Each image is a soft two-colour gradient with a few translucent shapes and the exercise
title: enough to show the image handling of the importer and the site without shipping
photos. The shapes are seeded by the slug, so running the script again gives the same
pictures.

Usage: .venv/bin/python scripts/make_fixture_images.py [OUTPUT_DIR]
"""

import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SIZE = (800, 600)
JPEG_QUALITY = 80
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "fixtures" / "images" / "exercises"
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)

# (slug, title, top colour, bottom colour). Two image paths in the fixtures are left
# without a file on purpose (ball-pike-missing.jpg, spine-twist-photo.jpg).
IMAGES = (
    ("leg-kicks-back", "Leg Kicks Back", "#f6d5c8", "#c9a0dc"),
    ("the-hundred", "The Hundred", "#fde7c5", "#f4a896"),
    ("saw", "Saw", "#d4f0e8", "#7fb8c9"),
    ("swan-dive", "Swan Dive", "#e0e7ff", "#8fa4e8"),
    ("teaser", "Teaser", "#fff1d6", "#e8b86d"),
    ("ball-hamstring-curl", "Ball Hamstring Curl", "#e3f6d9", "#8cc7a1"),
    ("band-seated-row", "Band Seated Row", "#fbe3ee", "#d98bb0"),
    ("ring-chest-press", "Ring Chest Press", "#e6f3fb", "#79a9d1"),
    ("teaser-con-aro", "Teaser con Aro", "#f3e8ff", "#b49ad8"),
)


def hex_to_rgb(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def vertical_gradient(top: str, bottom: str) -> Image.Image:
    start, end = hex_to_rgb(top), hex_to_rgb(bottom)
    column = Image.new("RGB", (1, SIZE[1]))
    for y in range(SIZE[1]):
        ratio = y / (SIZE[1] - 1)
        colour = tuple(round(a + (b - a) * ratio) for a, b in zip(start, end, strict=True))
        column.putpixel((0, y), colour)
    return column.resize(SIZE)


def load_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size=size)


def draw_shapes(image: Image.Image, seed: str) -> Image.Image:
    rng = random.Random(seed)
    overlay = Image.new("RGBA", SIZE, (255, 255, 255, 0))
    draw = ImageDraw.Draw(overlay)
    for _ in range(rng.randint(4, 6)):
        radius = rng.randint(60, 180)
        x, y = rng.randint(0, SIZE[0]), rng.randint(0, SIZE[1] - 150)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, 70))
    # A rounded "mat" and a ring outline give every picture a hint of Pilates.
    draw.rounded_rectangle((90, 380, 710, 420), radius=20, fill=(255, 255, 255, 110))
    ring_x = rng.randint(220, 580)
    draw.ellipse((ring_x - 70, 170, ring_x + 70, 310), outline=(255, 255, 255, 180), width=12)
    overlay = overlay.filter(ImageFilter.GaussianBlur(2))
    return Image.alpha_composite(image.convert("RGBA"), overlay)


def draw_title(image: Image.Image, title: str) -> None:
    draw = ImageDraw.Draw(image)
    font = load_font(52)
    left, top, right, bottom = draw.textbbox((0, 0), title, font=font)
    x = (SIZE[0] - (right - left)) / 2
    y = SIZE[1] - 130
    draw.text((x + 2, y + 2), title, font=font, fill=(60, 50, 70, 90))
    draw.text((x, y), title, font=font, fill=(55, 45, 65, 255))


def make_image(slug: str, title: str, top: str, bottom: str, output_dir: Path) -> Path:
    image = draw_shapes(vertical_gradient(top, bottom), slug)
    draw_title(image, title)
    path = output_dir / f"{slug}.jpg"
    image.convert("RGB").save(path, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return path


def main(argv: list[str]) -> int:
    output_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    output_dir.mkdir(parents=True, exist_ok=True)
    for slug, title, top, bottom in IMAGES:
        path = make_image(slug, title, top, bottom, output_dir)
        sys.stdout.write(f"{path} {path.stat().st_size // 1024} KB\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
