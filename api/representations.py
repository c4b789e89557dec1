"""Exercises as the API shows them: plain dicts in the shapes of ``api.schemas``, built
from exercises whose relations ``api.selectors.with_api_relations`` loaded (no query here).

A page holds a hundred exercises with a few URLs each, so the URLs are built from
prefixes resolved once per response, not reversed one by one.
"""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from exercises.models import Exercise, Taxonomy
from workouts.generator import GeneratedWorkout, relaxed_request, request_of
from workouts.models import Workout, WorkoutItem

SLUG_PLACEHOLDER = "exercise-slug-placeholder"


class Urls:
    """Absolute URLs for one response: the site's page and the API's of an exercise."""

    def __init__(self, request: HttpRequest) -> None:
        self.origin = request.build_absolute_uri("/").rstrip("/")
        self.pages = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                path = reverse("exercises:detail", kwargs={"slug": SLUG_PLACEHOLDER})
            self.pages[code] = path.split(SLUG_PLACEHOLDER)
        self.api_list = reverse("api-1:exercise_list")
        self.workout_api_list = reverse("api-1:workout_list")

    def absolute(self, path: str) -> str:
        return path if "://" in path else self.origin + path

    def page(self, language: str, slug: str) -> str:
        before, after = self.pages[language]
        return f"{self.origin}{before}{slug}{after}"

    def api(self, language: str, slug: str) -> str:
        return f"{self.origin}{self.api_list}{language}/{slug}/"

    def workout_api(self, language: str, slug: str) -> str:
        return f"{self.origin}{self.workout_api_list}{language}/{slug}/"


def _loaded(item: models.Model, relation: str) -> list[Any]:
    """The rows ``prefetch_related`` (or ``prefetch_terms``) loaded, without the queryset
    ``.all()`` would build around them."""
    cache = getattr(item, "_prefetched_objects_cache", {})
    if relation in cache:
        return list(cache[relation])
    return list(getattr(item, relation).all())


def term(item: Taxonomy) -> dict[str, Any]:
    return {"slug": item.slug, "names": item.all_names()}


def exercise(item: Exercise, urls: Urls) -> dict[str, Any]:
    absolute = urls.absolute
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
        "url": urls.page(item.language, item.slug),
        "api_url": urls.api(item.language, item.slug),
        "description": item.description,
        "difficulty": item.difficulty,
        "duration": item.duration,
        "author": item.author,
        "category": term(item.category) if item.category else None,
        "equipment": [term(piece) for piece in _loaded(item, "equipment")],
        "muscles": [term(muscle) for muscle in _loaded(item, "muscles")],
        "tags": [{"slug": tag.slug, "name": tag.name} for tag in _loaded(item, "tags")],
        "steps": [
            {"position": step.position, "title": step.title, "text": step.text}
            for step in _loaded(item, "steps")
        ],
        "modifications": [
            {
                "position": row.position,
                "name": row.name,
                "level": row.level,
                "description": row.description,
            }
            for row in _loaded(item, "modifications")
        ],
        "faqs": [
            {"position": faq.position, "question": faq.question, "answer": faq.answer}
            for faq in _loaded(item, "faqs")
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
            for video in _loaded(item, "videos")
        ],
        "picture": picture,
        "translation_key": item.translation_key,
        "translations": [
            {
                "language": other.language,
                "slug": other.slug,
                "title": other.title,
                "url": urls.page(other.language, other.slug),
                "api_url": urls.api(other.language, other.slug),
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


def _picture(item: Any, urls: Urls) -> dict[str, Any] | None:
    if not item.image:
        return None
    storage = item.image.storage
    return {
        "url": urls.absolute(item.image.url),
        "focal_x": getattr(item, "focal_x", None),
        "focal_y": getattr(item, "focal_y", None),
        "renditions": [
            {
                "kind": rendition["kind"],
                "width": rendition["width"],
                "height": rendition["height"],
                "format": rendition["format"],
                "url": urls.absolute(storage.url(rendition["name"])),
            }
            for rendition in item.image_renditions
        ],
    }


def _youtube(video_id: str) -> str:
    return f"https://www.youtube.com/watch?v={video_id}" if video_id else ""


def workout(item: Workout, urls: Urls) -> dict[str, Any]:
    sections = _loaded(item, "sections")
    return {
        "language": item.language,
        "slug": item.slug,
        "title": item.title,
        "url": urls.absolute(item.get_absolute_url()),
        "api_url": urls.workout_api(item.language, item.slug),
        "kind": item.kind,
        "description": item.description,
        "duration": item.duration,
        "total_seconds": item.total_seconds(),
        "difficulty": item.difficulty,
        "calories": item.calories,
        "featured": item.featured,
        "catalogue_id": item.catalogue_id,
        "categories": [
            {"group": category.group, **term(category)} for category in _loaded(item, "categories")
        ],
        "equipment": [term(piece) for piece in _loaded(item, "equipment")],
        "focus": [term(muscle) for muscle in _loaded(item, "focus")],
        "follow_along_video": (
            {
                "video_id": item.follow_along_video_id,
                "title": item.follow_along_video_title,
                "channel": item.follow_along_video_channel,
                "url": _youtube(item.follow_along_video_id),
            }
            if item.follow_along_video_id
            else None
        ),
        "videos": [
            {
                "position": video.position,
                "video_id": video.youtube_id,
                "title": video.title,
                "channel": video.channel,
                "url": _youtube(video.youtube_id),
            }
            for video in _loaded(item, "related_videos")
        ],
        "sections": [
            {
                "position": section.position,
                "kind": section.kind,
                "title": section.title,
                "minutes": section.minutes,
                "items": [_workout_item(row, urls) for row in _loaded(section, "items")],
            }
            for section in sections
        ],
        "picture": _picture(item, urls),
        "translation_key": item.translation_key,
        "translations": [
            {
                "language": other.language,
                "slug": other.slug,
                "title": other.title,
                "url": urls.absolute(other.get_absolute_url()),
                "api_url": urls.workout_api(other.language, other.slug),
            }
            for other in getattr(item, "api_translations", [])
        ],
        "body": item.body,
        "body_html": item.body_html,
        "published_on": item.published_on,
        "last_modified_on": item.last_modified_on,
        "updated_at": item.updated_at,
    }


def _workout_item(row: WorkoutItem, urls: Urls) -> dict[str, Any]:
    # Only a published exercise was loaded (``with_workout_relations``); others are None.
    exercise = row.exercise
    return {
        "position": row.position,
        "kind": row.kind,
        "name": row.name or (exercise.title if exercise else ""),
        "duration": row.duration,
        "reps": row.reps,
        "instructions": list(row.instructions),
        "exercise": (
            {
                "language": exercise.language,
                "slug": exercise.slug,
                "title": exercise.title,
                "url": urls.page(exercise.language, exercise.slug),
                "api_url": urls.api(exercise.language, exercise.slug),
            }
            if exercise is not None
            else None
        ),
    }


def generated_workout(
    plan: GeneratedWorkout,
    *,
    language: str,
    slugs: dict[int, str],
    urls: Urls,
    endpoint: str,
    page: str,
) -> dict[str, Any]:
    """``plan`` with each item's exercise linked (``slugs`` by exercise id); ``endpoint``
    and ``page`` are the paths of the API's generator and the site's generator page."""

    def with_query(path: str, request: dict[str, object]) -> str:
        return urls.absolute(f"{path}?{urlencode({'language': language, **request}, doseq=True)}")

    request = request_of(plan)
    return {
        "language": language,
        **request,
        "total_seconds": plan.total_seconds,
        "focus_relaxed": plan.focus_relaxed,
        "page_url": urls.absolute(f"{page}?{urlencode(request, doseq=True)}"),
        "shuffle_url": with_query(endpoint, {**request, "seed": plan.seed + 1}),
        "sections": [
            {
                "kind": section.kind,
                "duration": section.seconds,
                "items": [
                    {
                        "duration": item.seconds,
                        "exercise": {
                            "language": language,
                            "slug": slugs[item.candidate.id],
                            "title": item.candidate.title,
                            "url": urls.page(language, slugs[item.candidate.id]),
                            "api_url": urls.api(language, slugs[item.candidate.id]),
                        },
                    }
                    for item in section.items
                ],
            }
            for section in plan.sections
        ],
        "suggestions": [
            {
                "relaxation": suggestion.relaxation,
                "url": with_query(endpoint, relaxed_request(plan, suggestion)),
            }
            for suggestion in plan.suggestions
        ],
    }
