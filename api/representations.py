"""Exercises as the API shows them: plain dicts in the shapes of ``api.schemas``, built
from exercises whose relations ``api.selectors.with_api_relations`` loaded (no query here)."""

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from exercises.models import Exercise, Taxonomy

Absolute = Callable[[str], str]


def exercise_api_path(language: str, slug: str) -> str:
    return reverse("api-1:exercise_detail", kwargs={"language": language, "slug": slug})


def term(item: Taxonomy) -> dict[str, Any]:
    return {"slug": item.slug, "names": item.all_names()}


def exercise(item: Exercise, absolute: Absolute) -> dict[str, Any]:
    storage = item.image.storage
    picture = None
    if item.image:
        picture = {
            "url": absolute(item.image.url),
            "focal_x": item.focal_x,
            "focal_y": item.focal_y,
            "renditions": [
                {
                    "kind": rendition["kind"],
                    "width": rendition["width"],
                    "height": rendition["height"],
                    "format": rendition["format"],
                    "url": absolute(storage.url(rendition["name"])),
                }
                for rendition in item.image_renditions
            ],
        }
    return {
        "language": item.language,
        "slug": item.slug,
        "title": item.title,
        "url": absolute(item.get_absolute_url()),
        "api_url": absolute(exercise_api_path(item.language, item.slug)),
        "description": item.description,
        "difficulty": item.difficulty,
        "duration": item.duration,
        "author": item.author,
        "category": term(item.category) if item.category else None,
        "equipment": [term(piece) for piece in item.equipment.all()],
        "muscles": [term(muscle) for muscle in item.muscles.all()],
        "tags": [{"slug": tag.slug, "name": tag.name} for tag in item.tags.all()],
        "steps": [
            {"position": step.position, "title": step.title, "text": step.text}
            for step in item.steps.all()
        ],
        "modifications": [
            {
                "position": row.position,
                "name": row.name,
                "level": row.level,
                "description": row.description,
            }
            for row in item.modifications.all()
        ],
        "faqs": [
            {"position": faq.position, "question": faq.question, "answer": faq.answer}
            for faq in item.faqs.all()
        ],
        "videos": [
            {
                "position": video.position,
                "provider": video.provider,
                "video_id": video.video_id,
                "url": video.watch_url,
                "embed_url": video.embed_url,
                "thumbnail_url": video.thumbnail_url,
                "title": video.title,
                "channel": video.channel,
                "start": video.start,
                "upload_date": video.upload_date,
                "duration": video.duration,
            }
            for video in item.videos.all()
        ],
        "picture": picture,
        "translation_key": item.translation_key,
        "translations": [
            {
                "language": other.language,
                "slug": other.slug,
                "title": other.title,
                "url": absolute(other.get_absolute_url()),
                "api_url": absolute(exercise_api_path(other.language, other.slug)),
            }
            for other in getattr(item, "api_translations", [])
        ],
        "body": item.body,
        "body_html": item.body_html,
        "setup_html": item.setup_html,
        "guidance_html": item.guidance_html,
        "source_text": item.source_text,
        "published_on": item.published_on,
        "last_modified_on": item.last_modified_on,
        "updated_at": item.updated_at,
    }


def tombstone(language: str, slug: str) -> dict[str, Any]:
    return {"language": language, "slug": slug, "deleted": True}
