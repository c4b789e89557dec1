"""Neutral records: what a catalogue entry and its pages say, before any database row exists.

The kinds are the model's choice values (``workouts.models``), spelled here so that parsing
needs no app registry.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

# SectionKind values.
WARM_UP = "warm_up"
MAIN = "main"
BLOCK = "block"
COOL_DOWN = "cool_down"
# ItemKind values (warm-up and cool-down shared with the sections).
EXERCISE = "exercise"
REST = "rest"
# WorkoutKind values.
PREMADE = "premade"
PROGRAM = "program"
GENERATED = "generated"
WORKOUT_KINDS = (PREMADE, PROGRAM, GENERATED)
SECTION_KINDS = (WARM_UP, MAIN, BLOCK, COOL_DOWN)
ITEM_KINDS = (WARM_UP, EXERCISE, REST, COOL_DOWN)
# WorkoutCategoryGroup values, and how a catalogue spells each group.
CATEGORY_GROUPS = ("time", "body_focus", "environment", "goal", "mood")


@dataclass
class ItemRecord:
    kind: str
    name: str
    duration: int | None = None  # seconds
    reps: str = ""
    instructions: list[str] = field(default_factory=list)
    # "language/slug" of the exercise an export names; otherwise the name is matched.
    exercise: str = ""


@dataclass
class SectionRecord:
    kind: str
    title: str = ""
    minutes: int | None = None
    items: list[ItemRecord] = field(default_factory=list)

    def seconds(self) -> int:
        return sum(item.duration or 0 for item in self.items)


@dataclass(frozen=True)
class VideoRecord:
    youtube_id: str
    title: str = ""
    channel: str = ""


@dataclass(frozen=True)
class CategoryRecord:
    """One option of a catalogue's category group, named in both languages."""

    group: str
    slug: str
    name: str
    name_es: str
    position: int


@dataclass
class WorkoutRecord:
    language: str
    title: str
    slug: str
    kind: str
    source_path: str
    source_hash: str
    catalogue_id: str = ""
    translation_key: str = ""
    is_primary_translation: bool = True
    description: str = ""
    body: str = ""
    duration: int | None = None  # minutes
    difficulty: str = ""
    equipment: list[str] = field(default_factory=list)
    focus: list[str] = field(default_factory=list)
    categories: list[tuple[str, str]] = field(default_factory=list)  # (group, slug)
    calories: str = ""
    featured: bool = False
    follow_along: VideoRecord | None = None
    related_videos: list[VideoRecord] = field(default_factory=list)
    sections: list[SectionRecord] = field(default_factory=list)
    status: str = "published"
    declared_status: str = ""  # what the file said; empty when it gave no status
    publish_at: datetime | None = None
    unpublish_at: datetime | None = None
    published_on: date | None = None
    last_modified_on: date | None = None
    image_source: str = ""
    extra_front_matter: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def total_seconds(self) -> int:
        return sum(section.seconds() for section in self.sections)

    def item_names(self) -> list[str]:
        return [item.name for section in self.sections for item in section.items]
