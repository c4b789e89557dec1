"""Neutral records: what a parsed source file says, before any database row exists."""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class StepRecord:
    text: str
    title: str = ""


@dataclass(frozen=True)
class ModificationRecord:
    level: str
    name: str = ""
    description: str = ""


@dataclass(frozen=True)
class FAQRecord:
    question: str
    answer: str


@dataclass(frozen=True)
class VideoRecord:
    provider: str
    video_id: str = ""
    url: str = ""
    title: str = ""
    channel: str = ""
    start: int | None = None
    upload_date: date | None = None
    duration: int | None = None


@dataclass(frozen=True)
class ImageFile:
    """The file an ``image`` path names, as read; checked and scaled only when it is stored."""

    path: Path
    content: bytes


@dataclass
class ExerciseRecord:
    source_path: str
    source_hash: str
    title: str
    slug: str
    language: str
    source_url: str = ""  # the page's address on its source site, as the file gives it
    aliases: list[str] = field(default_factory=list)  # as the file gives them
    # The source page's addresses as site paths: where it lived ("" if unknown), its aliases.
    source_address: str = ""
    alias_addresses: list[str] = field(default_factory=list)
    translation_key: str = ""
    description: str = ""
    body: str = ""  # the prose left once sections became steps, modifications or FAQs
    source_text: str = ""  # the file as read, kept for provenance
    difficulty: str = ""
    duration: int | None = None
    category: str = ""
    equipment: list[str] = field(default_factory=list)
    muscles: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    author: str = ""
    image_source: str = ""
    image: ImageFile | None = None
    status: str = "published"
    declared_status: str = ""  # the status the file itself gives; "" when it gives none
    published_on: date | None = None
    last_modified_on: date | None = None
    extra_front_matter: dict[str, Any] = field(default_factory=dict)
    steps: list[StepRecord] = field(default_factory=list)
    modifications: list[ModificationRecord] = field(default_factory=list)
    faqs: list[FAQRecord] = field(default_factory=list)
    videos: list[VideoRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
