from typing import Any, Self

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from exercises.markdown import render_markdown

YOUTUBE_ID_PATTERN = r"^[A-Za-z0-9_-]{11}$"
validate_youtube_id = RegexValidator(
    YOUTUBE_ID_PATTERN,
    _("A YouTube video id is 11 letters, digits, '-' or '_'."),
    code="invalid_youtube_id",
)

# Length caps bound the work of rendering and the size of a page; real bodies are a few KB.
MAX_BODY_LENGTH = 30_000
MAX_TEXT_LENGTH = 10_000
validate_body_length = MaxLengthValidator(MAX_BODY_LENGTH)
validate_text_length = MaxLengthValidator(MAX_TEXT_LENGTH)


def validate_youtube_id_field(value: str) -> None:
    try:
        validate_youtube_id(value)
    except ValidationError as error:
        raise ValidationError({"video_id": error}) from error


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")


class Difficulty(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ModificationLevel(models.TextChoices):
    EASIER = "easier", _("Easier")
    HARDER = "harder", _("Harder")
    VARIATION = "variation", _("Variation")


class VideoProvider(models.TextChoices):
    YOUTUBE = "youtube", _("YouTube")
    URL = "url", _("Other (URL)")


class Taxonomy(models.Model):
    """A small vocabulary term; the slug is the normalised name used to reuse terms."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Equipment(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")


class Muscle(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("muscle")
        verbose_name_plural = _("muscles")


class Category(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")


class ExerciseQuerySet(models.QuerySet["Exercise"]):
    def published(self) -> Self:
        return self.filter(status=Status.PUBLISHED)

    def drafts(self) -> Self:
        return self.filter(status=Status.DRAFT)

    def in_language(self, language: str) -> Self:
        return self.filter(language=language)

    def with_taxonomies(self) -> Self:
        return self.select_related("category").prefetch_related("equipment", "muscles", "tags")

    def newest_first(self) -> Self:
        # Undated exercises last; the stamps and pk make the order total, so pages are stable.
        return self.order_by(
            F("published_on").desc(nulls_last=True), F("created_at").desc(), F("pk").desc()
        )

    def with_translation(self) -> Self:
        """Exercises whose translation key is shared by another language's exercise."""
        return self.filter(translation_key__in=self._translated_keys())

    def missing_translation(self) -> Self:
        return self.exclude(translation_key__in=self._translated_keys())

    def _translated_keys(self) -> models.QuerySet[Any, Any]:
        # Counted over every exercise, not only this queryset's, so a filtered admin list
        # still sees translations that the other filters hide.
        return (
            Exercise.objects.exclude(translation_key="")
            .values("translation_key")
            .annotate(languages=Count("language", distinct=True))
            .filter(languages__gt=1)
            .values("translation_key")
        )


class Exercise(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    translation_key = models.CharField(
        _("translation key"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_("Exercises sharing this key are translations of each other."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        validators=[validate_text_length],
        help_text=_("Plain-text summary for lists and search."),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        validators=[validate_body_length],
        help_text=_("Markdown, kept verbatim."),
    )
    body_html = models.TextField(
        _("body as HTML"),
        blank=True,
        editable=False,
        help_text=_("The body rendered and sanitised when it was saved; pages show this."),
    )
    difficulty = models.CharField(
        _("difficulty"), max_length=20, choices=Difficulty.choices, blank=True
    )
    duration = models.PositiveIntegerField(_("duration (seconds)"), null=True, blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exercises",
    )
    equipment = models.ManyToManyField(
        Equipment, verbose_name=_("equipment"), blank=True, related_name="exercises"
    )
    muscles = models.ManyToManyField(
        Muscle, verbose_name=_("muscles"), blank=True, related_name="exercises"
    )
    tags = TaggableManager(_("tags"), blank=True, help_text=_("Keywords, comma separated."))
    author = models.CharField(_("author"), max_length=200, blank=True)
    image = models.ImageField(_("image"), upload_to="exercises/%Y/", blank=True)
    image_source = models.CharField(
        _("original image path"),
        max_length=500,
        blank=True,
        help_text=_("The image path as the source file gave it."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_on = models.DateField(_("published"), null=True, blank=True)
    last_modified_on = models.DateField(_("last modified"), null=True, blank=True)
    extra_front_matter = models.JSONField(
        _("other front matter"),
        default=dict,
        blank=True,
        help_text=_("Source front matter keys that have no field of their own."),
    )
    source_path = models.CharField(_("imported from"), max_length=500, blank=True)
    source_hash = models.CharField(_("source content hash"), max_length=64, blank=True)
    # The import's own stamp: equal to updated_at right after an import wrote the exercise, so
    # a later save anywhere else (admin, actions, restoring a revision) is told apart from it.
    imported_at = models.DateTimeField(_("last imported"), null=True, blank=True, editable=False)
    source_status = models.CharField(
        _("status in the source file"),
        max_length=20,
        blank=True,
        editable=False,
        help_text=_("What the file said at its last import; empty when it gave no status."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        verbose_name = _("exercise")
        verbose_name_plural = _("exercises")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "slug"], name="exercise_unique_slug_per_language"
            ),
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="exercise_language_valid"
            ),
            models.CheckConstraint(
                condition=Q(difficulty="") | Q(difficulty__in=Difficulty.values),
                name="exercise_difficulty_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="exercise_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["language", "status", "title"], name="exercise_listing_idx"),
            models.Index(
                fields=["language", "status", "-published_on"], name="exercise_newest_idx"
            ),
            models.Index(fields=["source_path"], name="exercise_source_path_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        with translation.override(self.language):
            return reverse("exercises:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def changed_since_import(self) -> bool:
        """Saved since its last import (or never imported), so an import must not overwrite it."""
        return self.imported_at is None or self.updated_at != self.imported_at

    @property
    def rendered_body(self) -> SafeString:
        return mark_safe(self.body_html)  # noqa: S308 - sanitised by render_markdown()

    def render_body(self) -> None:
        """Store the body's HTML; called wherever a body is written, never per request."""
        self.body_html = render_markdown(self.body)

    def translations(self) -> ExerciseQuerySet:
        """Other-language versions of this exercise (same translation key)."""
        if not self.translation_key:
            return Exercise.objects.none()
        return (
            Exercise.objects.filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .exclude(language=self.language)
            .order_by("language", "pk")
        )


class OrderedChild(models.Model):
    """A row that belongs to one exercise and is shown in ``position`` order."""

    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class Step(OrderedChild):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Optional short name of the step.")
    )
    text = models.TextField(_("text"), validators=[validate_text_length])

    class Meta(OrderedChild.Meta):
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self):
        return self.title or self.text[:60]


class Modification(OrderedChild):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="modifications")
    name = models.CharField(_("name"), max_length=200, blank=True)
    level = models.CharField(
        _("level"),
        max_length=20,
        choices=ModificationLevel.choices,
        default=ModificationLevel.VARIATION,
    )
    description = models.TextField(_("description"), blank=True, validators=[validate_text_length])

    class Meta(OrderedChild.Meta):
        verbose_name = _("modification")
        verbose_name_plural = _("modifications")
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=ModificationLevel.values),
                name="modification_level_valid",
            ),
        ]

    def __str__(self):
        return self.name or self.description[:60]


class FAQ(OrderedChild):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(_("question"), max_length=500)
    answer = models.TextField(_("answer"), validators=[validate_text_length])

    class Meta(OrderedChild.Meta):
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQs")

    def __str__(self):
        return self.question


class VideoReference(OrderedChild):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="videos")
    provider = models.CharField(
        _("provider"), max_length=20, choices=VideoProvider.choices, default=VideoProvider.YOUTUBE
    )
    video_id = models.CharField(
        _("video id"),
        max_length=100,
        blank=True,
        help_text=_("For YouTube: the 11-character id from the video's address."),
    )
    url = models.URLField(_("URL"), blank=True, help_text=_("For other providers."))
    title = models.CharField(_("title"), max_length=200, blank=True)
    channel = models.CharField(_("channel"), max_length=200, blank=True)
    start = models.PositiveIntegerField(_("start (seconds)"), null=True, blank=True)

    class Meta(OrderedChild.Meta):
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        constraints = [
            models.CheckConstraint(
                condition=Q(provider=VideoProvider.URL)
                | Q(provider=VideoProvider.YOUTUBE, video_id__regex=YOUTUBE_ID_PATTERN),
                name="video_youtube_id_valid",
                violation_error_message=_("A YouTube video id is 11 letters, digits, '-' or '_'."),
            ),
            models.CheckConstraint(
                condition=Q(provider=VideoProvider.YOUTUBE) | ~Q(url=""),
                name="video_url_required_for_other_providers",
                violation_error_message=_("Give the video's URL."),
            ),
        ]

    def __str__(self):
        return self.title or self.video_id or self.url

    def clean(self):
        # Field-level errors for the admin; the check constraints guard the database itself.
        if self.is_youtube:
            validate_youtube_id_field(self.video_id)
        elif not self.url:
            raise ValidationError({"url": _("Give the video's URL.")})

    @property
    def is_youtube(self) -> bool:
        return self.provider == VideoProvider.YOUTUBE

    @property
    def watch_url(self) -> str:
        if not self.is_youtube:
            return self.url
        suffix = f"&t={self.start}s" if self.start else ""
        return f"https://www.youtube.com/watch?v={self.video_id}{suffix}"

    @property
    def embed_url(self) -> str:
        if not self.is_youtube:
            return ""
        suffix = f"&start={self.start}" if self.start else ""
        return f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1{suffix}"

    @property
    def thumbnail_url(self) -> str:
        if not self.is_youtube:
            return ""
        return f"https://i.ytimg.com/vi/{self.video_id}/hqdefault.jpg"
