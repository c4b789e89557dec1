"""``{% exercise_picture %}``: an exercise's (or a workout's) picture from its stored
renditions, its video's thumbnail, or a generated placeholder, so no two cards look alike."""

import hashlib

from django import template

from exercises.templatetags.exercise_tags import stored_image

register = template.Library()

CARD_SIZES = "(min-width: 64em) 22rem, (min-width: 36em) 45vw, 7.5rem"
DETAIL_SIZES = "(min-width: 48em) 44rem, 100vw"
# Hues for the usual categories; others get one from their slug.
CATEGORY_HUES = {"mat": 168, "ball": 28, "pelota": 28, "band": 340, "ring": 262, "aro": 262}
DIFFICULTY_HUES = {"beginner": 168, "intermediate": 212, "advanced": 340}


def _number(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)


def initials(title: str) -> str:
    """The first letters of the first two words; words that start with a digit ("10-Minute
    Back Care") count only when the title has no others."""
    words = [word for word in title.split() if word[:1].isalnum()]
    lettered = [word for word in words if not word[:1].isdigit()]
    return "".join(word[0] for word in (lettered or words)[:2]).upper() or "?"


def _hue(item) -> int:
    """An exercise's hue says its category; a workout's (no category) its difficulty."""
    if hasattr(item, "category_id"):
        category = item.category.slug if item.category_id else ""
        return CATEGORY_HUES.get(category, _number(category) % 360 if category else 200)
    return DIFFICULTY_HUES.get(getattr(item, "difficulty", ""), 200)


def placeholder(exercise) -> dict:
    """Colours and shapes of the SVG placeholder: the hue says the category (a workout's:
    the difficulty), the shapes' places and the initials come from the title."""
    hue = _hue(exercise)
    seed = _number(exercise.title)
    return {
        "background": f"hsl({hue} 42% 30%)",
        "shape": f"hsl({hue} 45% 42%)",
        "accent": f"hsl({(hue + 40) % 360} 55% 62%)",
        "circle_x": 80 + seed % 480,
        "circle_y": 60 + (seed >> 9) % 240,
        "circle_r": 90 + (seed >> 17) % 90,
        "dot_x": 40 + (seed >> 5) % 560,
        "dot_y": 30 + (seed >> 13) % 300,
        "initials": initials(exercise.title),
    }


def _srcset(renditions: list[dict]) -> str:
    return ", ".join(f"{item['url']} {item['width']}w" for item in renditions)


@register.inclusion_tag("includes/picture.html")
def exercise_picture(exercise, kind="card", *, video=None, eager=False, alt="", sizes=""):
    """``kind`` is "card" or "detail"; ``eager`` for the page's main picture (not lazy);
    ``sizes`` overrides the layout's own (the admin's thumbnails are 48 px)."""
    context = {
        "alt": alt,
        "eager": eager,
        "sizes": sizes or (CARD_SIZES if kind == "card" else DETAIL_SIZES),
    }
    storage = exercise.image.storage
    renditions = [
        {**item, "url": storage.url(item["name"])}
        for item in exercise.image_renditions
        if item["kind"] == kind
    ]
    if renditions:
        webp = [item for item in renditions if item["format"] == "webp"]
        fallback = [item for item in renditions if item["format"] != "webp"] or webp
        largest = fallback[-1]
        return context | {
            "webp_srcset": _srcset(webp),
            "srcset": _srcset(fallback),
            "src": largest["url"],
            "width": largest["width"],
            "height": largest["height"],
        }
    if exercise.image and (image := stored_image(exercise.image)):
        return context | {"src": image["url"], "width": image["width"], "height": image["height"]}
    if video and video.thumbnail_url:
        return context | {"src": video.thumbnail_url, "width": 480, "height": 360}
    return context | {"placeholder": placeholder(exercise), "kind": kind}
