"""Workouts: follow-along routines built from the exercise library.

A workout is published content like an exercise: it declares the shared mixins of
``publishing.models`` (schedule, translations, stored HTML of its body, import record,
search document) and adds what a routine has: ordered sections (warm-up, main, blocks,
cool-down) holding ordered items, each an exercise of the library where one matches, else
a named movement, with its seconds, reps and instructions.
"""

from typing import Any

import reversion
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from exercises.models import (
    YOUTUBE_ID_PATTERN,
    Difficulty,
    Equipment,
    Exercise,
    Muscle,
    OrderedChild,
    Taxonomy,
    validate_youtube_id,
)
from exercises.text.markdown import render_markdown
from publishing.models import (
    ContentQuerySet,
    ImportedSourceMixin,
    Indexed,
    PublicAddressMixin,
    PublishableMixin,
    RenderedBodyMixin,
    SearchField,
    TimestampedMixin,
    TranslatableMixin,
    publishable_constraints,
    schedule_indexes,
    sitemap_index,
    translatable_constraints,
)

# Each language's path of the workout pages, for addresses built before (or without) the
# public URLs: the same i18n prefix as the exercise pages (none for the default language).
WORKOUT_PATHS = {"en": "workouts", "es": "entrenamientos"}


class WorkoutCategoryGroup(models.TextChoices):
    TIME = "time", _("Time available")
    BODY_FOCUS = "body_focus", _("Body focus")
    ENVIRONMENT = "environment", _("Environment")
    GOAL = "goal", _("Goal")
    MOOD = "mood", _("Mood")


class WorkoutKind(models.TextChoices):
    PREMADE = "premade", _("Ready-made")
    PROGRAM = "program", _("Program")
    GENERATED = "generated", _("Generated")


class SectionKind(models.TextChoices):
    WARM_UP = "warm_up", _("Warm-up")
    MAIN = "main", _("Main")
    BLOCK = "block", _("Block")
    COOL_DOWN = "cool_down", _("Cool-down")


class ItemKind(models.TextChoices):
    WARM_UP = "warm_up", _("Warm-up")
    EXERCISE = "exercise", _("Exercise")
    REST = "rest", _("Rest")
    COOL_DOWN = "cool_down", _("Cool-down")


class WorkoutCategory(Taxonomy):
    """A term of the workout catalogue's own vocabulary, in one of its groups ("5min" in
    time, "core" in body focus...): the same slug may appear in two groups."""

    # Unique per group (the constraint below), not across the vocabulary as Taxonomy's.
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_("The term's identifier in addresses and filters, the same in every language."),
    )
    group = models.CharField(_("group"), max_length=20, choices=WorkoutCategoryGroup.choices)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta(Taxonomy.Meta):
        verbose_name = _("workout category")
        verbose_name_plural = _("workout categories")
        ordering = ["group", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "slug"], name="unique_workout_category_slug_per_group"
            ),
            models.CheckConstraint(
                condition=Q(group__in=WorkoutCategoryGroup.values),
                name="workout_category_group_valid",
            ),
        ]


class WorkoutQuerySet(ContentQuerySet["Workout"]):
    def with_structure(self) -> "WorkoutQuerySet":
        """Sections, their items and the items' exercises in three more queries."""
        return self.prefetch_related("sections__items__exercise", "related_videos")

    def with_taxonomies(self) -> "WorkoutQuerySet":
        return self.prefetch_related("equipment", "focus", "categories")


@reversion.register(follow=("sections", "related_videos"))
class Workout(
    PublicAddressMixin,
    PublishableMixin,
    TranslatableMixin,
    RenderedBodyMixin,
    ImportedSourceMixin,
    TimestampedMixin,
    Indexed,
):
    catalogue_id = models.CharField(
        _("catalogue id"),
        max_length=200,
        blank=True,
        help_text=_("The workout's id in the catalogue it was imported from."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=WorkoutKind.choices, default=WorkoutKind.PREMADE
    )
    duration = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        null=True,
        blank=True,
        help_text=_("As the workout states it; the items' own times add up to the total."),
    )
    difficulty = models.CharField(
        _("difficulty"), max_length=20, choices=Difficulty.choices, blank=True
    )
    equipment = models.ManyToManyField(
        Equipment, verbose_name=_("equipment"), blank=True, related_name="workouts"
    )
    focus = models.ManyToManyField(
        Muscle, verbose_name=_("focus"), blank=True, related_name="workouts"
    )
    categories = models.ManyToManyField(
        WorkoutCategory, verbose_name=_("categories"), blank=True, related_name="workouts"
    )
    calories = models.CharField(
        _("calories"), max_length=20, blank=True, help_text=_("An estimate, such as 30-40.")
    )
    featured = models.BooleanField(_("featured"), default=False)
    follow_along_video_id = models.CharField(
        _("follow-along video"),
        max_length=11,
        blank=True,
        validators=[validate_youtube_id],
        help_text=_("The 11-character YouTube id of a video to follow along with."),
    )
    follow_along_video_title = models.CharField(
        _("follow-along video title"), max_length=200, blank=True
    )
    follow_along_video_channel = models.CharField(
        _("follow-along video channel"), max_length=200, blank=True
    )
    image = models.ImageField(_("image"), upload_to="workouts/%Y/", blank=True)
    image_renditions = models.JSONField(
        _("image renditions"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("Resized copies of the image, made when it is saved."),
    )
    # For a search index of workouts on PostgreSQL, as exercises have.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = WorkoutQuerySet.as_manager()

    search_fields = (
        SearchField("title", "A"),
        SearchField("description", "B"),
        SearchField("search_terms", "C"),
        SearchField("search_content", "D"),
    )
    search_prefetch = ("equipment", "focus", "categories", "sections__items")

    class Meta:
        verbose_name = _("workout")
        verbose_name_plural = _("workouts")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "slug"], name="unique_workout_slug_per_language"
            ),
            models.CheckConstraint(
                condition=Q(difficulty="") | Q(difficulty__in=Difficulty.values),
                name="workout_difficulty_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=WorkoutKind.values), name="workout_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(follow_along_video_id="")
                | Q(follow_along_video_id__regex=YOUTUBE_ID_PATTERN),
                name="workout_follow_along_video_id_valid",
            ),
            *publishable_constraints("workout"),
            *translatable_constraints(
                "workout",
                one_primary_message=_(
                    "Another workout in this language is already the translation for this key."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["language", "status", "title"], name="workout_listing_idx"),
            models.Index(fields=["language", "duration"], name="workout_duration_idx"),
            models.Index(fields=["catalogue_id"], name="workout_catalogue_id_idx"),
            models.Index(fields=["source_path"], name="workout_source_path_idx"),
            sitemap_index("workout"),
            *schedule_indexes("workout"),
        ]

    def get_absolute_url(self) -> str:
        with translation.override(self.language):
            try:
                return reverse("workout_detail", kwargs={"slug": self.slug})
            except NoReverseMatch:
                # The public pages are not routed yet: the address they will have.
                prefix = "" if self.language == settings.LANGUAGE_CODE else f"/{self.language}"
                return f"{prefix}/{WORKOUT_PATHS[self.language]}/{self.slug}/"

    def render_body(self) -> None:
        self.body_html = render_markdown(self.body)

    def total_seconds(self) -> int:
        """The items' durations added up: from prefetched sections and items when there
        are (``with_structure()``), else in one query."""
        prefetched = getattr(self, "_prefetched_objects_cache", {})
        if "sections" in prefetched:
            sections = self.sections.all()
            if all("items" in getattr(s, "_prefetched_objects_cache", {}) for s in sections):
                return sum(
                    item.duration or 0 for section in sections for item in section.items.all()
                )
        if self.pk is None:
            return 0
        total = WorkoutItem.objects.filter(section__workout=self).aggregate(total=Sum("duration"))
        return total["total"] or 0

    def search_terms(self) -> str:
        """Equipment, focus and categories in the workout's language."""
        language = self.language
        terms: list[Any] = [*self.equipment.all(), *self.focus.all(), *self.categories.all()]
        return "\n".join(term.name_in(language) for term in terms)

    def search_content(self) -> str:
        """The items' names and instructions, and the body."""
        parts = [
            " ".join([item.name, *item.instructions])
            for section in self.sections.all()
            for item in section.items.all()
        ]
        return "\n".join(part.strip() for part in [*parts, self.body] if part.strip())


@reversion.register()
class WorkoutVideo(OrderedChild):
    """A related video shown beside the workout."""

    workout = models.ForeignKey(
        Workout, verbose_name=_("workout"), on_delete=models.CASCADE, related_name="related_videos"
    )
    youtube_id = models.CharField(_("YouTube id"), max_length=11, validators=[validate_youtube_id])
    title = models.CharField(_("title"), max_length=200, blank=True)
    channel = models.CharField(_("channel"), max_length=200, blank=True)

    class Meta(OrderedChild.Meta):
        verbose_name = _("related video")
        verbose_name_plural = _("related videos")
        constraints = [
            models.CheckConstraint(
                condition=Q(youtube_id__regex=YOUTUBE_ID_PATTERN),
                name="workout_video_youtube_id_valid",
                violation_error_message=_("A YouTube video id is 11 letters, digits, '-' or '_'."),
            ),
        ]

    def __str__(self):
        return self.title or self.youtube_id


@reversion.register(follow=("items",))
class WorkoutSection(OrderedChild):
    workout = models.ForeignKey(
        Workout, verbose_name=_("workout"), on_delete=models.CASCADE, related_name="sections"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=SectionKind.choices, default=SectionKind.MAIN
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    minutes = models.PositiveSmallIntegerField(_("minutes"), null=True, blank=True)

    class Meta(OrderedChild.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SectionKind.values), name="workout_section_kind_valid"
            ),
        ]

    def __str__(self):
        return self.title or self.get_kind_display()


@reversion.register()
class WorkoutItem(OrderedChild):
    """One movement of a section: an exercise of the library where one matches (``name``
    keeps the source's own words either way), else the name alone."""

    section = models.ForeignKey(
        WorkoutSection, verbose_name=_("section"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ItemKind.choices, default=ItemKind.EXERCISE
    )
    exercise = models.ForeignKey(
        Exercise,
        verbose_name=_("exercise"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workout_items",
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("The name the source gave, kept when an exercise is linked."),
    )
    duration = models.PositiveIntegerField(_("duration (seconds)"), null=True, blank=True)
    reps = models.CharField(_("reps"), max_length=100, blank=True)
    instructions = models.JSONField(
        _("instructions"),
        default=list,
        blank=True,
        help_text=_("A list of short instructions, in order."),
    )

    class Meta(OrderedChild.Meta):
        verbose_name = _("item")
        verbose_name_plural = _("items")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ItemKind.values), name="workout_item_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind=ItemKind.REST) | Q(exercise__isnull=False) | ~Q(name=""),
                name="workout_item_names_its_movement",
                violation_error_message=_("Link an exercise or give the movement a name."),
            ),
        ]

    def __str__(self):
        if self.name:
            return self.name
        if self.exercise_id is not None and self.exercise is not None:
            return self.exercise.title
        return self.get_kind_display()

    def clean(self):
        if not isinstance(self.instructions, list) or not all(
            isinstance(line, str) for line in self.instructions
        ):
            raise ValidationError({"instructions": _("Give the instructions as a list of texts.")})
