"""The API's response and error shapes: the OpenAPI schema is generated from these, and
every response is checked against them.

Plain pydantic models, not ninja's ``Schema``: the views hand over dicts, and ninja's
``Schema`` reads every field of every nested object through an ORM-aware getter first,
which took a third of a 100-exercise page's time."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel as Schema
from pydantic import Field

LanguageCode = Literal["en", "es"]
# A term's slug as Django's SlugField takes it (so never a NUL, which PostgreSQL refuses).
TermSlug = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]+$", max_length=100)]


class TermNames(Schema):
    en: str
    es: str


class Term(Schema):
    slug: str
    names: TermNames = Field(description="The term's name in each language.")


class Tag(Schema):
    slug: str
    name: str


class Step(Schema):
    position: int
    title: str
    text: str


class Modification(Schema):
    position: int
    name: str
    level: Literal["easier", "harder", "variation"]
    description: str


class FAQ(Schema):
    position: int
    question: str
    answer: str


class Video(Schema):
    position: int
    provider: Literal["youtube", "url"]
    video_id: str
    url: str = Field(description="The video's page (YouTube's watch page, or the given URL).")
    embed_url: str
    thumbnail_url: str
    title: str
    channel: str
    start: int | None = Field(description="Seconds into the video to start at.")
    upload_date: date | None
    duration: int | None = Field(description="Seconds.")


class Rendition(Schema):
    kind: Literal["card", "detail"]
    width: int
    height: int
    format: str
    url: str


class Picture(Schema):
    url: str = Field(description="The picture as stored.")
    focal_x: float | None
    focal_y: float | None
    renditions: list[Rendition] = Field(
        description="Resized copies: 16:9 cards around the focal point, and detail sizes; "
        "each in WebP and the original's format."
    )


class TranslationLink(Schema):
    language: LanguageCode
    slug: str
    title: str
    url: str
    api_url: str


class Exercise(Schema):
    language: LanguageCode
    slug: str
    title: str
    url: str = Field(description="The exercise's page on the site.")
    api_url: str
    description: str
    difficulty: Literal["", "beginner", "intermediate", "advanced"]
    duration: int | None = Field(description="Seconds.")
    author: str
    category: Term | None
    equipment: list[Term]
    muscles: list[Term]
    tags: list[Tag]
    steps: list[Step]
    modifications: list[Modification]
    faqs: list[FAQ]
    videos: list[Video]
    picture: Picture | None
    translation_key: str
    translations: list[TranslationLink] = Field(
        description="The published translation in each other language."
    )
    body: str = Field(description="The body as markdown (the source of the HTML below).")
    body_html: str = Field(description="The body's general prose, rendered and sanitised.")
    setup_html: str = Field(description="The body's setup sections, shown before the steps.")
    guidance_html: str = Field(description="Breathing, tips and cautions, after the steps.")
    source_text: str = Field(description="The imported markdown file as it was read.")
    published_on: date | None
    last_modified_on: date | None
    updated_at: datetime


class Tombstone(Schema):
    language: LanguageCode
    slug: str
    deleted: Literal[True] = Field(
        description="Nothing the filters keep is at this address any more: deleted, "
        "unpublished, renamed or moved out of the filters."
    )


class ExerciseList(Schema):
    results: list[Exercise]
    next: str | None = Field(description="The next page's URL; null on the last page.")
    next_updated_since: str = Field(
        description="Pass as updated_since to get every change after this list was read."
    )


class ExerciseChanges(Schema):
    results: list[Exercise | Tombstone] = Field(
        description="Changes in the order they were made: an exercise as it is now, or a "
        "tombstone for an address that no longer shows one."
    )
    next: str | None = Field(description="The next page's URL; null on the last page.")
    next_updated_since: str = Field(
        description="Pass as updated_since next time to get the changes after these."
    )


# Tried in this order: a list is validated once, a change feed only after the first
# tombstone disqualifies the list's shape.
ExercisesOrChanges = Annotated[ExerciseList | ExerciseChanges, Field(union_mode="left_to_right")]


class TermCounts(Schema):
    en: int
    es: int


class TermWithCounts(Term):
    published: TermCounts = Field(description="Published exercises with it, per language.")


class TermList(Schema):
    results: list[TermWithCounts]
    next: None = Field(description="Always null: every term is on the one page.")


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str = Field(description="A URI naming the problem; about:blank for a plain status.")
    title: str
    status: int
    detail: str = ""
    errors: list[dict[str, str]] | None = Field(
        default=None, description="For invalid parameters: each one's name and problem."
    )


class ExerciseLink(Schema):
    language: LanguageCode
    slug: str
    title: str
    url: str
    api_url: str


class WorkoutItem(Schema):
    position: int
    kind: Literal["warm_up", "exercise", "rest", "cool_down"]
    name: str = Field(description="The source's name for the movement (or the exercise's title).")
    duration: int | None = Field(description="Seconds.")
    reps: str
    instructions: list[str]
    exercise: ExerciseLink | None = Field(description="The published exercise it is, if any.")


class WorkoutSection(Schema):
    position: int
    kind: Literal["warm_up", "main", "block", "cool_down"]
    title: str
    minutes: int | None
    items: list[WorkoutItem]


class WorkoutCategory(Term):
    group: Literal["time", "body_focus", "environment", "goal", "mood"]


class FollowAlongVideo(Schema):
    video_id: str
    title: str
    channel: str
    url: str


class WorkoutVideo(FollowAlongVideo):
    position: int


class Workout(Schema):
    language: LanguageCode
    slug: str
    title: str
    url: str = Field(description="The workout's page on the site.")
    api_url: str
    kind: Literal["premade", "program", "generated"]
    description: str
    duration: int | None = Field(description="Minutes, as the workout states it.")
    total_seconds: int = Field(description="The items' durations added up.")
    difficulty: Literal["", "beginner", "intermediate", "advanced"]
    calories: str
    featured: bool
    catalogue_id: str
    categories: list[WorkoutCategory]
    equipment: list[Term]
    focus: list[Term]
    follow_along_video: FollowAlongVideo | None
    videos: list[WorkoutVideo]
    sections: list[WorkoutSection]
    picture: Picture | None
    translation_key: str
    translations: list[TranslationLink]
    body: str = Field(description="The body as markdown.")
    body_html: str
    published_on: date | None
    last_modified_on: date | None
    updated_at: datetime


class WorkoutList(Schema):
    results: list[Workout]
    next: str | None = Field(description="The next page's URL; null on the last page.")


class GeneratedItem(Schema):
    duration: int = Field(description="Seconds.")
    exercise: ExerciseLink


class GeneratedSection(Schema):
    kind: Literal["warm_up", "main", "cool_down"]
    duration: int = Field(description="Seconds: the section's items added up.")
    items: list[GeneratedItem]


class GeneratorSuggestion(Schema):
    relaxation: Literal["shorter", "equipment", "difficulty", "several"] = Field(
        description="What the request gives up: time, equipment-free, difficulty or several."
    )
    url: str = Field(description="This endpoint's URL for the relaxed request.")


class GeneratedWorkout(Schema):
    language: LanguageCode
    duration: int = Field(description="Minutes asked for.")
    equipment: list[str] = Field(description="Equipment slugs allowed.")
    difficulty: Literal["beginner", "intermediate", "advanced"] = Field(
        description="The hardest difficulty allowed."
    )
    focus: str = Field(description="The body area of the main section, or all.")
    seed: int
    total_seconds: int = Field(description="The items' durations added up (0: nothing fits).")
    focus_relaxed: bool = Field(
        description="Some main items are outside the body area: too few exercises fit it."
    )
    page_url: str = Field(description="The same workout on the site's generator page.")
    shuffle_url: str = Field(description="Another workout for the same request (next seed).")
    sections: list[GeneratedSection] = Field(
        description="Warm-up, main and cool-down; empty when nothing fits the request."
    )
    suggestions: list[GeneratorSuggestion] = Field(
        description="When nothing fits: relaxed requests that give a workout."
    )
