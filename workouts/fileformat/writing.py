"""Records out as files: the importer's mirror, byte for byte deterministic; no database.

A workout is written as one page whose front matter holds every field (its sections and
items too, so the body is kept as it is) in a fixed key order, then the other keys the
source had; the categories as a catalogue without workouts. Parsing what is written gives
the same record back, so export -> import -> export gives the same bytes.
"""

import json
from typing import Any

from exercises.fileformat.exporting import markdown_document, sorted_json
from workouts.fileformat.pages import KNOWN_KEYS, video_key
from workouts.fileformat.records import CategoryRecord, ItemRecord, SectionRecord, WorkoutRecord


def _item(item: ItemRecord) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": item.kind,
        "name": item.name,
        "exercise": item.exercise,
        "duration": item.duration,
        "reps": item.reps,
        "instructions": list(item.instructions),
    }
    return {key: value for key, value in data.items() if value not in ("", None, [])}


def _section(section: SectionRecord) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": section.kind,
        "title": section.title,
        "minutes": section.minutes,
    }
    data = {key: value for key, value in data.items() if value not in ("", None)}
    data["items"] = [_item(item) for item in section.items]
    return data


def _categories(record: WorkoutRecord) -> dict[str, list[str]]:
    """Known groups as a catalogue spells them, then the others the source gave."""
    chosen: dict[str, list[str]] = {}
    for group, slug in sorted(record.categories):
        chosen.setdefault(group.replace("_", "-"), []).append(slug)
    others = record.extra_front_matter.get("categories")
    if isinstance(others, dict):
        for key, value in others.items():
            chosen.setdefault(key, value)
    return {key: chosen[key] for key in sorted(chosen)}


def record_front_matter(record: WorkoutRecord) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": record.title,
        "slug": record.slug,
        "language": record.language,
        "kind": record.kind,
        "catalogue_id": record.catalogue_id,
        "translationKey": record.translation_key,
        "primary_translation": None if record.is_primary_translation else False,
        "status": record.status,
        "date": record.published_on,
        "lastmod": record.last_modified_on,
        "publish_at": record.publish_at.isoformat() if record.publish_at else None,
        "unpublish_at": record.unpublish_at.isoformat() if record.unpublish_at else None,
        "description": record.description,
        "duration": record.duration,
        "difficulty": record.difficulty,
        "equipment": sorted(record.equipment),
        "focus": sorted(record.focus),
        "categories": _categories(record),
        "calories": record.calories,
        "featured": record.featured or None,
        "follow_along_video": video_key(record.follow_along),
        "related_videos": [video_key(video) for video in record.related_videos],
        "image": record.image_source,
        "sections": [_section(section) for section in record.sections],
    }
    data = {key: value for key, value in data.items() if value not in ("", None, [], {})}
    data.setdefault("sections", [])  # an empty list says "no sections", not "read the body"
    extra = sorted_json(record.extra_front_matter or {})
    data.update((key, value) for key, value in extra.items() if key not in KNOWN_KEYS)
    return data


def record_markdown(record: WorkoutRecord) -> str:
    return markdown_document(record_front_matter(record), record.body)


def categories_json(categories: list[CategoryRecord]) -> str:
    """A catalogue holding the categories only, groups and options in a fixed order."""
    groups: dict[str, dict[str, Any]] = {}
    for category in sorted(categories, key=lambda c: (c.group, c.position, c.slug)):
        key = category.group.replace("_", "-")
        group = groups.setdefault(key, {"id": key, "options": []})
        option = {"id": category.slug, "name": category.name, "name_es": category.name_es}
        group["options"].append({name: value for name, value in option.items() if value})
    document = {"categories": {key: groups[key] for key in sorted(groups)}, "workouts": []}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
