"""Workouts out as files (``workouts.fileformat.writing``), read in a constant number of
queries; byte for byte deterministic, so export -> import -> export gives the same bytes."""

from collections.abc import Iterator
from pathlib import Path

from django.db.models import Prefetch, QuerySet

from exercises.fileformat.exporting import export_path
from workouts.fileformat.records import (
    CategoryRecord,
    ItemRecord,
    SectionRecord,
    VideoRecord,
    WorkoutRecord,
)
from workouts.fileformat.writing import categories_json, record_markdown
from workouts.models import Workout, WorkoutCategory, WorkoutItem, WorkoutSection

CATEGORIES_FILE = "categories.json"


def workouts_for_export() -> QuerySet[Workout]:
    return Workout.objects.prefetch_related(
        "equipment",
        "focus",
        "categories",
        "related_videos",
        Prefetch(
            "sections",
            queryset=WorkoutSection.objects.order_by("position").prefetch_related(
                Prefetch(
                    "items",
                    queryset=WorkoutItem.objects.order_by("position").select_related("exercise"),
                )
            ),
        ),
    ).order_by("language", "slug")


def workout_record(workout: Workout) -> WorkoutRecord:
    """The workout as the record an import of its exported file gives."""
    extra = dict(workout.extra_front_matter or {})
    image = extra.pop("image", "")
    follow = (
        VideoRecord(
            workout.follow_along_video_id,
            workout.follow_along_video_title,
            workout.follow_along_video_channel,
        )
        if workout.follow_along_video_id
        else None
    )
    language = workout.language
    return WorkoutRecord(
        language=language,
        title=workout.title,
        slug=workout.slug,
        kind=workout.kind,
        source_path="",
        source_hash="",
        catalogue_id=workout.catalogue_id,
        translation_key=workout.translation_key,
        is_primary_translation=workout.is_primary_translation,
        description=workout.description,
        body=workout.body,
        duration=workout.duration,
        difficulty=workout.difficulty,
        equipment=[term.name_in(language) for term in workout.equipment.all()],
        focus=[term.name_in(language) for term in workout.focus.all()]
        + list(workout.extra_front_matter.get("focus", [])),
        categories=[(category.group, category.slug) for category in workout.categories.all()],
        calories=workout.calories,
        featured=workout.featured,
        follow_along=follow,
        related_videos=[
            VideoRecord(video.youtube_id, video.title, video.channel)
            for video in sorted(workout.related_videos.all(), key=lambda video: video.position)
        ],
        sections=[
            SectionRecord(
                kind=section.kind,
                title=section.title,
                minutes=section.minutes,
                items=[
                    ItemRecord(
                        kind=item.kind,
                        name=item.name,
                        duration=item.duration,
                        reps=item.reps,
                        instructions=list(item.instructions or []),
                        exercise=(
                            f"{item.exercise.language}/{item.exercise.slug}"
                            if item.exercise
                            else ""
                        ),
                    )
                    for item in section.items.all()
                ],
            )
            for section in workout.sections.all()
        ],
        status=workout.status,
        publish_at=workout.publish_at,
        unpublish_at=workout.unpublish_at,
        published_on=workout.published_on,
        last_modified_on=workout.last_modified_on,
        image_source=str(image) if image else "",
        extra_front_matter=extra,
    )


def category_records() -> list[CategoryRecord]:
    return [
        CategoryRecord(
            group=category.group,
            slug=category.slug,
            name=category.name,
            name_es=category.translated_names.get("es", ""),
            position=category.position,
        )
        for category in WorkoutCategory.objects.order_by("group", "position", "slug")
    ]


def export_workouts(*, directory: Path) -> Iterator[tuple[Workout | None, Path | str]]:
    """Write the categories and each workout's file; yields (workout, path or refusal)."""
    directory.mkdir(parents=True, exist_ok=True)
    categories = directory / CATEGORIES_FILE
    categories.write_bytes(categories_json(category_records()).encode("utf-8"))
    yield None, categories
    for workout in workouts_for_export():
        try:
            path = export_path(directory, workout)
        except ValueError as refusal:
            yield workout, str(refusal)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(record_markdown(workout_record(workout)).encode("utf-8"))
        yield workout, path
