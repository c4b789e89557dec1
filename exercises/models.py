from typing import Any, Self

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.db.backends.ddl_references import Statement
from django.db.models import F, Q
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from exercises.text.markdown import render_markdown
from exercises.text.prose import ProsePart, prose_parts
from publishing.addresses import MAX_PATH_LENGTH as MAX_ADDRESS_LENGTH
from publishing.addresses import InvalidAddress, normalise_path

# Language, Status and the length caps are the shared mixins'; modules still import them here.
from publishing.models import (
    MAX_BODY_LENGTH as MAX_BODY_LENGTH,
)
from publishing.models import (
    MAX_TEXT_LENGTH as MAX_TEXT_LENGTH,
)
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
    validate_text_length,
)
from publishing.models import (
    Language as Language,
)
from publishing.models import (
    Status as Status,
)
from publishing.models import (
    validate_body_length as validate_body_length,
)

YOUTUBE_ID_PATTERN = r"^[A-Za-z0-9_-]{11}$"
validate_youtube_id = RegexValidator(
    YOUTUBE_ID_PATTERN,
    _("A YouTube video id is 11 letters, digits, '-' or '_'."),
    code="invalid_youtube_id",
)


def validate_youtube_id_field(value: str) -> None:
    try:
        validate_youtube_id(value)
    except ValidationError as error:
        raise ValidationError({"video_id": error}) from error


class Difficulty(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


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
            # Still a Statement (not a string): when SQLite copies the table to add a column,
            # the schema editor renames the table this deferred statement names.
            return _WithoutNullsLast(statement.template, **statement.parts)
        return statement


class _WithoutNullsLast(Statement):
    def __str__(self) -> str:
        return super().__str__().replace(" NULLS LAST", "")


# The fields an exercise's public address depends on: where it is, and whether it was public.
ADDRESS_FIELDS = PublicAddressMixin.address_fields


class ExerciseQuerySet(ContentQuerySet["Exercise"]):
    def with_taxonomies(self) -> Self:
        return self.select_related("category").prefetch_related("equipment", "muscles", "tags")


class Exercise(  # type: ignore[django-manager-missing]  # taggit is untyped
    PublicAddressMixin,
    PublishableMixin,
    TranslatableMixin,
    RenderedBodyMixin,
    ImportedSourceMixin,
    TimestampedMixin,
    Indexed,
):
    # The mixins' translation key, primary translation and stored HTML, with help texts
    # that name exercises (and the general prose the body's HTML holds here).
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
    follows_translation = models.BooleanField(
        _("keep language-neutral fields in step with the translation"),
        default=True,
        # Added by the database to the rows already there (SQLite then needs no table copy).
        db_default=True,
        help_text=_(
            "Saving a change to the difficulty, duration, category, equipment, muscles, "
            "videos or picture applies it to the translation too (when it keeps in step as "
            "well). Untick to let this exercise differ."
        ),
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
    source_status = models.CharField(
        _("status in the source file"),
        max_length=20,
        blank=True,
        editable=False,
        help_text=_("What the file said at its last import; empty when it gave no status."),
    )
    # Kept up to date by exercises.search.index_exercises; used on PostgreSQL only (SQLite
    # searches an FTS5 table instead).
    search_vector = SearchVectorField(null=True, editable=False)
    # Set once the pipeline (or ``manage.py rank_related``) has stored this exercise's
    # related exercises (``RelatedExercise``): no rows then means nothing is related, while
    # an exercise never ranked (one written before the table existed) is ranked per request.
    related_ranked = models.BooleanField(
        _("related exercises ranked"), default=False, db_default=False, editable=False
    )

    objects = ExerciseQuerySet.as_manager()

    rendered_fields = ("body_html", "setup_html", "guidance_html")
    # The search document, by weight: title, then its summary, then the terms that
    # classify it, then the rest of what its page says (exercises.search.documents).
    search_fields = (
        SearchField("title", "A"),
        SearchField("description", "B"),
        SearchField("search_terms", "C"),
        SearchField("search_content", "D"),
    )
    search_select = ("category",)
    search_prefetch = (
        "equipment__aliases",
        "muscles__aliases",
        "category__aliases",
        "tags",
        "steps",
        "modifications",
        "faqs",
    )

    class Meta:
        verbose_name = _("exercise")
        verbose_name_plural = _("exercises")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "slug"], name="exercise_unique_slug_per_language"
            ),
            models.CheckConstraint(
                condition=Q(difficulty="") | Q(difficulty__in=Difficulty.values),
                name="exercise_difficulty_valid",
            ),
            *publishable_constraints("exercise"),
            models.CheckConstraint(
                condition=Q(focal_x__isnull=True) | Q(focal_x__gte=0, focal_x__lte=1),
                name="exercise_focal_x_in_image",
            ),
            models.CheckConstraint(
                condition=Q(focal_y__isnull=True) | Q(focal_y__gte=0, focal_y__lte=1),
                name="exercise_focal_y_in_image",
            ),
            *translatable_constraints(
                "exercise",
                one_primary_message=_(
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
            # The same across languages: the admin list's first page of every language.
            models.Index(fields=["title", "id"], name="exercise_all_title_order_idx"),
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
            *schedule_indexes("exercise"),
            models.Index(fields=["source_path"], name="exercise_source_path_idx"),
            sitemap_index("exercise"),
        ]

    def get_absolute_url(self) -> str:
        with translation.override(self.language):
            return reverse("exercises:detail", kwargs={"slug": self.slug})

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

    def search_terms(self) -> str:
        """Taxonomy terms in the exercise's own language (that is what its visitors type),
        their aliases (other spellings, synonyms, the words of terms merged into them) and
        its tags. Reads the relations ``search_prefetch`` names."""
        language = self.language
        # Any: the concrete term models' ``aliases`` are reverse relations the stubs miss.
        classified: list[Any] = [*self.equipment.all(), *self.muscles.all()]
        if self.category:
            classified.append(self.category)
        terms = [
            *(term.name_in(language) for term in classified),
            *(alias.slug.replace("-", " ") for term in classified for alias in term.aliases.all()),
            *(tag.name for tag in self.tags.all()),
        ]
        return "\n".join(terms)

    def search_content(self) -> str:
        """The rest of what its page says: steps, modifications, FAQs and the body."""
        content = [
            *(f"{step.title} {step.text}" for step in self.steps.all()),
            *(f"{item.name} {item.description}" for item in self.modifications.all()),
            *(f"{faq.question} {faq.answer}" for faq in self.faqs.all()),
            self.body,
        ]
        return "\n".join(part.strip() for part in content if part.strip())


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


class RelatedExercise(models.Model):
    """One of the published exercises shown beside ``exercise``, at ``position`` (1 first):
    the ranking ``exercises.site.selectors.related_exercises`` computes per request, stored
    when the content changes (``exercises.related``). ``shared`` is how many muscles and
    pieces of equipment the two have in common, the ranking's first key."""

    exercise = models.ForeignKey(
        Exercise,
        verbose_name=_("exercise"),
        on_delete=models.CASCADE,
        related_name="related_rows",
        db_index=False,  # the unique constraint on (exercise, position) leads with it
    )
    related = models.ForeignKey(
        Exercise,
        verbose_name=_("related exercise"),
        on_delete=models.CASCADE,
        related_name="ranked_in",
        db_index=False,  # served by related_exercise_reverse_idx
    )
    position = models.PositiveSmallIntegerField(_("position"))
    shared = models.PositiveSmallIntegerField(_("terms in common"))

    class Meta:
        verbose_name = _("related exercise")
        verbose_name_plural = _("related exercises")
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "position"], name="related_exercise_unique_position"
            ),
            models.UniqueConstraint(
                fields=["exercise", "related"], name="related_exercise_unique_pair"
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="related_exercise_position_from_one"
            ),
            models.CheckConstraint(
                condition=~Q(related=F("exercise")), name="related_exercise_not_itself"
            ),
        ]
        # "Which rankings list this exercise": the upkeep's question when it changes.
        indexes = [
            models.Index(fields=["related", "exercise"], name="related_exercise_reverse_idx"),
        ]

    def __str__(self):
        return f"{self.exercise_id} #{self.position}: {self.related_id}"


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
