"""JSON-LD for search engines: plain dict builders plus one safe serialiser.

Builders take already-loaded rows and absolute URLs and never query the database, so the
detail view decides what is fetched.
"""

import json
from collections.abc import Iterable, Sequence
from datetime import date

from django.utils.safestring import SafeString, mark_safe

from exercises.models import FAQ, Exercise, Step, VideoReference

SCHEMA_CONTEXT = "https://schema.org"

# Characters that could end the <script> element or start a comment/CDATA section in HTML.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
}


def dumps_for_script(data) -> SafeString:
    """JSON that is safe to place inside ``<script type="application/ld+json">``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 - markup characters escaped


def iso_duration(seconds: int | None) -> str | None:
    """ISO 8601 duration (``PT1M30S``) for schema.org ``totalTime``."""
    if not seconds:
        return None
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    parts = [
        f"{value}{unit}" for value, unit in ((hours, "H"), (minutes, "M"), (secs, "S")) if value
    ]
    return "PT" + "".join(parts)


def _without_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def howto(
    exercise: Exercise,
    *,
    url: str,
    steps: Sequence[Step],
    image_url: str = "",
    equipment_names: Iterable[str] = (),
) -> dict:
    step_items = []
    for number, step in enumerate(steps, start=1):
        step_items.append(
            _without_empty(
                {
                    "@type": "HowToStep",
                    "position": number,
                    "name": step.title,
                    "text": step.text,
                    "url": f"{url}#step-{number}",
                }
            )
        )
    return _without_empty(
        {
            "@context": SCHEMA_CONTEXT,
            "@type": "HowTo",
            "name": exercise.title,
            "description": exercise.description,
            "url": url,
            "inLanguage": exercise.language,
            "image": image_url,
            "totalTime": iso_duration(exercise.duration),
            "tool": [{"@type": "HowToTool", "name": name} for name in equipment_names],
            "step": step_items,
            "datePublished": _iso_date(exercise.published_on),
            "dateModified": _iso_date(exercise.last_modified_on),
            "author": {"@type": "Person", "name": exercise.author} if exercise.author else None,
        }
    )


def faq_page(faqs: Sequence[FAQ]) -> dict | None:
    if not faqs:
        return None
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": faq.question,
                "acceptedAnswer": {"@type": "Answer", "text": faq.answer},
            }
            for faq in faqs
        ],
    }


def video_object(exercise: Exercise, video: VideoReference) -> dict | None:
    """A VideoObject with the properties Google requires (name, description, thumbnailUrl,
    uploadDate), or None when the video lacks one: the upload date is the video's own,
    never the page's, and a block without it is rejected."""
    required = {
        "name": video.title or exercise.title,
        "description": exercise.description,
        "thumbnailUrl": video.thumbnail_url,
        "uploadDate": _iso_date(video.upload_date),
    }
    if not all(required.values()):
        return None
    return _without_empty(
        {
            "@context": SCHEMA_CONTEXT,
            "@type": "VideoObject",
            **required,
            "embedUrl": video.embed_url.split("?", 1)[0] if video.is_youtube else "",
            "contentUrl": "" if video.is_youtube else video.url,
            "duration": iso_duration(video.duration),
            "inLanguage": exercise.language,
        }
    )


def breadcrumb_list(crumbs: Sequence[tuple[str, str]]) -> dict:
    """``crumbs`` are (name, absolute URL) pairs from the site root to the current page."""
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": name, "item": url}
            for number, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def _iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None
