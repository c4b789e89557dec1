from datetime import datetime
from typing import Any, Self

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from exercises.text.markdown import render_markdown
from exercises.text.prose import ProsePart, prose_parts
from publishing.addresses import MAX_PATH_LENGTH as MAX_ADDRESS_LENGTH
from publishing.addresses import InvalidAddress, normalise_path

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


class ReadableJSONEncoder(DjangoJSONEncoder):
    """Stores accented names as they are (not as \\u escapes), so the admin finds them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


class Taxonomy(models.Model):
    """A canonical vocabulary term: one slug for every language, a name in each of them.

    ``name`` is the name in the site's default language (English); ``translated_names`` holds
    the others by language code, so adding a language is a data change. Source words in any
    language reach the term through its aliases (see ``TermAlias``).
    """

    name = models.CharField(_("name"), max_length=100, help_text=_("The English name."))
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("The term's identifier in addresses and filters, the same in every language."),
    )
    translated_names = models.JSONField(
        _("names in other languages"),
        default=dict,
        encoder=ReadableJSONEncoder,
        blank=True,
        help_text=_("The term's name by language code, for languages other than English."),
    )
    created_by_import = models.BooleanField(
        _("created by an import"),
        default=False,
        help_text=_(
            "An import met a word no term or alias knew and made this term from it; "
            "review its names, then merge it into another term or untick this."
        ),
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.localized_name

    def name_in(self, language: str) -> str:
        """The name in ``language``, else the English one."""
        if language == settings.LANGUAGE_CODE:
            return self.name
        return self.translated_names.get(language) or self.name

    @property
    def localized_name(self) -> str:
        """The name in the active language (pages show this)."""
        return self.name_in(translation.get_language() or settings.LANGUAGE_CODE)

    def all_names(self) -> dict[str, str]:
        """The name in each of the site's languages."""
        return {code: self.name_in(code) for code, _label in settings.LANGUAGES}


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


class TermAlias(models.Model):
    """Another word for a term (a Spanish word, a synonym, a run-together spelling), stored
    folded the way the importer folds source words: ASCII, lower case, hyphens."""

    slug = models.SlugField(
        _("source word"),
        max_length=100,
        unique=True,
        help_text=_("Any spelling; stored without accents or capitals (Glúteos -> gluteos)."),
    )

    class Meta:
        abstract = True
        ordering = ["slug"]

    def __str__(self):
        return self.slug


class EquipmentAlias(TermAlias):
    term = models.ForeignKey(
        Equipment, verbose_name=_("equipment"), on_delete=models.CASCADE, related_name="aliases"
    )

    class Meta(TermAlias.Meta):
        verbose_name = _("equipment alias")
        verbose_name_plural = _("equipment aliases")


class MuscleAlias(TermAlias):
    term = models.ForeignKey(
        Muscle, verbose_name=_("muscle"), on_delete=models.CASCADE, related_name="aliases"
    )

    class Meta(TermAlias.Meta):
        verbose_name = _("muscle alias")
        verbose_name_plural = _("muscle aliases")


class CategoryAlias(TermAlias):
    term = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="aliases"
    )

    class Meta(TermAlias.Meta):
        verbose_name = _("category alias")
        verbose_name_plural = _("category aliases")


class PortableIndex(models.Index):
    """An index whose ``NULLS LAST`` is dropped on SQLite, which refuses the words in an
    index but puts NULLs last in a descending order anyway (PostgreSQL needs them there to
    serve ``ORDER BY ... DESC NULLS LAST``)."""

    def create_sql(self, model: Any, schema_editor: Any, using: str = "", **kwargs: Any) -> Any:
        statement = super().create_sql(model, schema_editor, using=using, **kwargs)
        if schema_editor.connection.vendor == "sqlite":
            return str(statement).replace(" NULLS LAST", "")
        return statement


def live_condition(now: datetime) -> Q:
    """Visible to the public at ``now``: published, or with a publish-at time that has come,
    and not past its unpublish-at time. Checked per request, so a schedule takes effect on
    time even before ``publish_scheduled`` has flipped the status."""
    return (
        (Q(status=Status.PUBLISHED) | Q(publish_at__isnull=False))
        & ~Q(publish_at__gt=now)
        & ~Q(unpublish_at__lte=now)
    )


# The fields an exercise's public address depends on: where it is, and whether it was public.
ADDRESS_FIELDS = ("slug", "language", "status", "publish_at", "unpublish_at", "published_on")


class ExerciseQuerySet(models.QuerySet["Exercise"]):
    def published(self, *, now: datetime | None = None) -> Self:
        return self.filter(live_condition(now or timezone.now()))

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

    def with_translation_state(self) -> Self:
        """Annotate ``has_translation`` (another language shares the key) and
        ``original_updated_at``: when the original was last saved, where this is a
        translation (of ``translation_of``, else of the default language's version)."""
        keyed = self.model.objects.exclude(translation_key="").filter(
            translation_key=OuterRef("translation_key")
        )
        default_language_version = (
            keyed.filter(language=settings.LANGUAGE_CODE)
            .exclude(pk=OuterRef("pk"))
            .values("updated_at")[:1]
        )
        return self.annotate(
            has_translation=Exists(keyed.exclude(language=OuterRef("language"))),
            original_updated_at=Coalesce(
                F("translation_of__updated_at"), Subquery(default_language_version)
            ),
        )

    def with_outdated_translation(self) -> Self:
        """Translations whose original changed after the translation was last saved."""
        return self.with_translation_state().filter(original_updated_at__gt=F("updated_at"))


class Exercise(models.Model):  # type: ignore[django-manager-missing]  # taggit is untyped
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
    is_primary_translation = models.BooleanField(
        _("the translation for its language"),
        default=True,
        help_text=_(
            "Of the exercises in one language sharing a translation key, this one is linked "
            "as the translation; the others stay published on their own."
        ),
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
        help_text=_(
            "The body's general prose rendered and sanitised when it was saved; pages show this."
        ),
    )
    setup_html = models.TextField(
        _("setup as HTML"),
        blank=True,
        editable=False,
        help_text=_("The body's setup or starting position sections, shown before the steps."),
    )
    guidance_html = models.TextField(
        _("guidance as HTML"),
        blank=True,
        editable=False,
        help_text=_("The body's breathing, tips and caution sections, shown after the steps."),
    )
    source_text = models.TextField(
        _("source file text"),
        blank=True,
        editable=False,
        help_text=_(
            "The imported file as it was read. Sections that became steps, modifications or "
            "FAQs live in those rows only, not in the body."
        ),
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
    tags = TaggableManager(
        _("tags"),
        through="TaggedExercise",
        blank=True,
        help_text=_("Keywords, comma separated."),
    )
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
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Goes live at this time, even while its status is still draft."),
    )
    unpublish_at = models.DateTimeField(
        _("unpublish at"),
        null=True,
        blank=True,
        help_text=_("Taken off the public site at this time."),
    )
    last_modified_on = models.DateField(_("last modified"), null=True, blank=True)
    extra_front_matter = models.JSONField(
        _("other front matter"),
        default=dict,
        blank=True,
        help_text=_("Source front matter keys that have no field of their own."),
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translated from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translated_versions",
        help_text=_("The original this translation was made from."),
    )
    focal_x = models.FloatField(
        _("focal point (across)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 is the left edge, 1 the right; crops keep this point in view."),
    )
    focal_y = models.FloatField(
        _("focal point (down)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 is the top edge, 1 the bottom."),
    )
    image_renditions = models.JSONField(
        _("image renditions"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("Resized copies of the image, made when it is saved."),
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
    # Kept up to date by exercises.search.index_exercises; used on PostgreSQL only (SQLite
    # searches an FTS5 table instead).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ExerciseQuerySet.as_manager()
    # Set when loaded from the database (from_db), for the redirect a rename leaves.
    loaded_address_fields: dict[str, Any] | None = None

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
            models.CheckConstraint(
                condition=Q(publish_at__isnull=True)
                | Q(unpublish_at__isnull=True)
                | Q(unpublish_at__gt=F("publish_at")),
                name="exercise_unpublish_after_publish",
                violation_error_message=_("Unpublish after the publish time."),
            ),
            models.CheckConstraint(
                condition=Q(focal_x__isnull=True) | Q(focal_x__gte=0, focal_x__lte=1),
                name="exercise_focal_x_in_image",
            ),
            models.CheckConstraint(
                condition=Q(focal_y__isnull=True) | Q(focal_y__gte=0, focal_y__lte=1),
                name="exercise_focal_y_in_image",
            ),
            models.UniqueConstraint(
                fields=["translation_key", "language"],
                condition=Q(is_primary_translation=True) & ~Q(translation_key=""),
                name="exercise_one_primary_translation_per_language",
                violation_error_message=_(
                    "Another exercise in this language is already the translation for this key."
                ),
            ),
        ]
        # One index per filter and sort of the public list and the admin changelist, each
        # led by language (every public query names one); newest-first matches
        # ExerciseQuerySet.newest_first() exactly, nulls last included.
        indexes = [
            models.Index(fields=["language", "status", "title"], name="exercise_listing_idx"),
            # The default order (Meta.ordering) within a language, whatever the status.
            models.Index(fields=["language", "title", "id"], name="exercise_title_order_idx"),
            PortableIndex(
                "language",
                F("published_on").desc(nulls_last=True),
                F("created_at").desc(),
                F("id").desc(),
                name="exercise_newest_first_idx",
            ),
            models.Index(
                fields=["language", "difficulty", "title"], name="exercise_difficulty_idx"
            ),
            models.Index(fields=["language", "duration"], name="exercise_duration_idx"),
            models.Index(fields=["language", "category", "status"], name="exercise_category_idx"),
            models.Index(fields=["status", "language"], name="exercise_status_idx"),
            # Covers what the facet counts read of every published exercise of a language,
            # so the database answers it from the index alone (no INCLUDE: SQLite has none).
            models.Index(
                fields=[
                    "language",
                    "status",
                    "publish_at",
                    "unpublish_at",
                    "id",
                    "duration",
                    "difficulty",
                    "category",
                ],
                name="exercise_facet_cover_idx",
            ),
            models.Index(fields=["-updated_at"], name="exercise_updated_idx"),
            # The next scheduled change caps how long a cached page lives.
            models.Index(
                fields=["publish_at"],
                condition=Q(publish_at__isnull=False),
                name="exercise_publish_at_idx",
            ),
            models.Index(
                fields=["unpublish_at"],
                condition=Q(unpublish_at__isnull=False),
                name="exercise_unpublish_at_idx",
            ),
            models.Index(fields=["source_path"], name="exercise_source_path_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        with translation.override(self.language):
            return reverse("exercises:detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, *args: Any, **kwargs: Any) -> Self:
        instance = super().from_db(*args, **kwargs)
        # What decides its public address, as loaded, so a change of slug or language can
        # leave a redirect behind (exercises.signals) whoever saves it. Deferred fields
        # are missing from __dict__ and read as None.
        instance.loaded_address_fields = {
            name: instance.__dict__.get(name) for name in ADDRESS_FIELDS
        }
        return instance

    def public_url_or_none(self) -> str | None:
        """Its URL, if visitors have ever been able to see it there (live now, or published
        once: publishing dates it); None for a draft that was never published."""
        if not self.slug or self.language not in Language.values:
            return None
        if self.published_on is None and not self.is_published:
            return None
        return self.get_absolute_url()

    def loaded_public_url(self) -> str | None:
        """``public_url_or_none`` as it was when loaded from the database."""
        if self.loaded_address_fields is None:
            return None
        return Exercise(**self.loaded_address_fields).public_url_or_none()

    @property
    def is_published(self) -> bool:
        """Whether visitors can see it now (its schedule included)."""
        return self.is_live_at(timezone.now())

    def is_live_at(self, now) -> bool:
        if self.publish_at is not None and self.publish_at > now:
            return False
        if self.unpublish_at is not None and self.unpublish_at <= now:
            return False
        return self.status == Status.PUBLISHED or self.publish_at is not None

    @property
    def changed_since_import(self) -> bool:
        """Saved since its last import (or never imported), so an import must not overwrite it."""
        return self.imported_at is None or self.updated_at != self.imported_at

    @property
    def rendered_body(self) -> SafeString:
        return mark_safe(self.body_html)  # noqa: S308 - sanitised by render_markdown()

    @property
    def rendered_setup(self) -> SafeString:
        return mark_safe(self.setup_html)  # noqa: S308 - sanitised by render_markdown()

    @property
    def rendered_guidance(self) -> SafeString:
        return mark_safe(self.guidance_html)  # noqa: S308 - sanitised by render_markdown()

    def render_body(self) -> None:
        """Store the body's HTML by its place on the page; called wherever a body is written,
        never per request."""
        parts = prose_parts(self.body)
        self.body_html = render_markdown(parts[ProsePart.ABOUT])
        self.setup_html = render_markdown(parts[ProsePart.SETUP])
        self.guidance_html = render_markdown(parts[ProsePart.GUIDANCE])

    def sharing_translation_key(self) -> ExerciseQuerySet:
        """Every other exercise with this translation key, chosen translations or not."""
        if not self.translation_key:
            return Exercise.objects.none()
        return (
            Exercise.objects.filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .order_by("language", "-is_primary_translation", "pk")
        )

    def translations(self) -> ExerciseQuerySet:
        """The other languages' translations of this exercise: one per language, the one an
        editor (or the importer) chose, so every link between translations goes both ways.
        An exercise that is not its language's chosen one links to none."""
        if not self.translation_key or not self.is_primary_translation:
            return Exercise.objects.none()
        return (
            Exercise.objects.filter(
                translation_key=self.translation_key, is_primary_translation=True
            )
            .exclude(pk=self.pk)
            .exclude(language=self.language)
            .order_by("language", "pk")
        )


class TaggedExercise(TaggedItemBase):
    """A tag on an exercise, joined through a real foreign key (taggit's generic tagged
    item joins on a cast of ``object_id``, which no index serves)."""

    content_object = models.ForeignKey(
        Exercise,
        verbose_name=_("exercise"),
        on_delete=models.CASCADE,
        related_name="tagged_items",
    )

    class Meta:
        verbose_name = _("tagged exercise")
        verbose_name_plural = _("tagged exercises")
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="tagged_exercise_unique_tag"
            ),
        ]
        # The unique constraint serves "tags of an exercise"; this one "exercises of a tag".
        indexes = [
            models.Index(fields=["tag", "content_object"], name="tagged_exercise_by_tag_idx"),
        ]

    def __str__(self):
        return f"{self.content_object_id}: {self.tag_id}"


class OldAddressOrigin(models.TextChoices):
    IMPORTED = "imported", _("the page's address on the site it was imported from")
    ALIAS = "alias", _("an alias the source file gave")
    RENAMED = "renamed", _("its address before a change of slug or language")


class OldAddress(models.Model):
    """A path this site no longer answers that leads to an exercise with a 301: where the
    page lived on the site it was imported from, its source's aliases, its addresses before
    a rename. Always redirects to the exercise's current URL, however often it moves."""

    path = models.CharField(
        _("path"),
        max_length=MAX_ADDRESS_LENGTH,
        help_text=_(
            "A path on this site, such as /exercises/mat/the-hundred/; stored in lower case "
            "with a trailing slash."
        ),
    )
    exercise = models.ForeignKey(
        Exercise,
        verbose_name=_("exercise"),
        on_delete=models.CASCADE,
        related_name="old_addresses",
    )
    origin = models.CharField(
        _("origin"), max_length=20, choices=OldAddressOrigin.choices, default=OldAddressOrigin.ALIAS
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        ordering = ["path"]
        constraints = [
            # Also the index the redirect's one lookup uses.
            models.UniqueConstraint(fields=["path"], name="old_address_unique_path"),
            models.CheckConstraint(
                condition=Q(path__startswith="/"), name="old_address_path_absolute"
            ),
            models.CheckConstraint(
                condition=Q(origin__in=OldAddressOrigin.values), name="old_address_origin_valid"
            ),
        ]

    def __str__(self):
        return self.path

    def clean(self):
        try:
            self.path = normalise_path(self.path)
        except InvalidAddress as error:
            raise ValidationError(
                {"path": _("This path %(problem)s.") % {"problem": error}}
            ) from error


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
    upload_date = models.DateField(
        _("upload date"),
        null=True,
        blank=True,
        help_text=_("When the video itself was published; search engines require it."),
    )
    duration = models.PositiveIntegerField(_("duration (seconds)"), null=True, blank=True)

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
