"""Exercises out as shape-1 markdown: the importer's mirror, byte for byte deterministic.

Every field the model holds goes into the front matter in a fixed key order, then the
other front-matter keys the source had, then the body exactly as stored. Importing the
result into an empty database and exporting again gives the same bytes.
"""

import re
from pathlib import Path

import yaml
from django.db.models import QuerySet

from exercises.fileformat.images import is_remote
from exercises.fileformat.records import FRONT_MATTER_KEYS
from exercises.models import Exercise, Language, VideoProvider

_SAFE_SLUG = re.compile(r"^[A-Za-z0-9_-]+$")


class _Dumper(yaml.SafeDumper):
    """Block style, multi-line text as literal blocks, no line wrapping surprises."""


def _represent_text(dumper: yaml.SafeDumper, text: str):
    text = str(text)  # choices enums (Status.PUBLISHED) are written as their plain value
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_multi_representer(str, _represent_text)


def _sorted_json(value):
    """Extra front matter with its mappings in key order, whatever the database returns."""
    if isinstance(value, dict):
        return {key: _sorted_json(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted_json(item) for item in value]
    return value


def _video(video) -> dict:
    data = {"id": video.video_id, "provider": video.provider}
    if video.provider == VideoProvider.URL:
        data["url"] = video.url
    data.update(title=video.title, channel=video.channel, start=video.start)
    return {key: value for key, value in data.items() if value not in ("", None)}


def _step(step) -> str | dict:
    return {"title": step.title, "text": step.text} if step.title else step.text


def _modification(modification) -> dict:
    data = {
        "name": modification.name,
        "level": modification.level,
        "description": modification.description,
    }
    return {key: value for key, value in data.items() if value}


def exercise_front_matter_image(exercise: Exercise) -> str:
    return exercise.image_source or (exercise.image.name if exercise.image else "")


def exercise_front_matter(exercise: Exercise) -> dict:
    """The front matter in the documented key order, empty values left out."""
    data = {
        "title": exercise.title,
        "slug": exercise.slug,
        "language": exercise.language,
        "translationKey": exercise.translation_key,
        "description": exercise.description,
        "date": exercise.published_on,
        "lastmod": exercise.last_modified_on,
        "status": exercise.status,
        "category": exercise.category.name if exercise.category else "",
        "difficulty": exercise.difficulty,
        "duration": exercise.duration,
        "equipment": sorted(term.name for term in exercise.equipment.all()),
        "muscles": sorted(term.name for term in exercise.muscles.all()),
        "keywords": sorted(tag.name for tag in exercise.tags.all()),
        "author": exercise.author,
        "image": exercise_front_matter_image(exercise),
        "videos": [_video(video) for video in exercise.videos.all()],
        "steps": [_step(step) for step in exercise.steps.all()],
        "modifications": [_modification(item) for item in exercise.modifications.all()],
        "faq": [{"q": faq.question, "a": faq.answer} for faq in exercise.faqs.all()],
    }
    data = {key: value for key, value in data.items() if value not in ("", None, [])}
    extra = _sorted_json(exercise.extra_front_matter or {})
    data.update((key, value) for key, value in extra.items() if key not in FRONT_MATTER_KEYS)
    return data


def exercise_markdown(exercise: Exercise) -> str:
    front_matter = yaml.dump(
        exercise_front_matter(exercise),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10_000,
    )
    return f"---\n{front_matter}---\n{exercise.body}"


def exercises_for_export() -> QuerySet[Exercise]:
    return (
        Exercise.objects.with_taxonomies()
        .prefetch_related("steps", "modifications", "faqs", "videos")
        .order_by("language", "slug")
    )


def export_path(directory: Path, exercise: Exercise) -> Path:
    """``DIR/<language>/<slug>.md``; refuses anything that could lead outside ``DIR``."""
    if exercise.language not in Language.values or not _SAFE_SLUG.match(exercise.slug):
        raise ValueError(f"unsafe language or slug: {exercise.language!r}/{exercise.slug!r}")
    path = (directory / exercise.language / f"{exercise.slug}.md").resolve()
    if not path.is_relative_to(directory.resolve()):
        raise ValueError(f"{path} is outside {directory}")
    return path


def export_image_path(directory: Path, exercise: Exercise) -> Path | None:
    """Where the stored picture goes so that importing ``DIR`` finds it again, if anywhere.

    The importer looks an ``image`` path up from the file's folder up to the import root, so
    the picture is written at that path under ``DIR``. Remote or escaping paths get no file.
    """
    if not exercise.image:
        return None
    source = exercise_front_matter_image(exercise)
    if is_remote(source):
        return None
    path = (directory / source.replace("\\", "/").lstrip("/")).resolve()
    return path if path.is_relative_to(directory.resolve()) else None


def _write_image(directory: Path, exercise: Exercise) -> None:
    path = export_image_path(directory, exercise)
    if path is None:
        return
    try:
        with exercise.image.open("rb") as stored:
            content = stored.read()
    except OSError:
        # The picture is gone from storage: the path stays in the front matter, as on import.
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def export_exercises(*, directory: Path, exercises: QuerySet[Exercise] | None = None):
    """Write each exercise's file and its picture; yields (exercise, path or refusal reason)."""
    for exercise in exercises if exercises is not None else exercises_for_export():
        try:
            path = export_path(directory, exercise)
        except ValueError as refusal:
            yield exercise, str(refusal)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(exercise_markdown(exercise).encode("utf-8"))
        _write_image(directory, exercise)
        yield exercise, path
