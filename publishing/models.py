"""What makes a model published content, as abstract mixins a content type declares.

Shaped after Wagtail's ``DraftStateMixin`` (status and schedule), ``TranslatableMixin``
(a translation key shared across languages) and ``index.Indexed`` (a class attribute that
declares the search document), without Wagtail's page tree: each content type is a plain
model that lists the mixins it is made of::

    class Workout(PublishableMixin, TranslatableMixin, RenderedBodyMixin, ...):
        objects = WorkoutQuerySet.as_manager()  # a ContentQuerySet subclass

Field definitions here are the ones ``Exercise`` had before they moved, word for word, so
that model's migrations saw no change. A model whose help texts must name it (the
translation key's "Exercises sharing this key...") redeclares that one field; Django lets
a field inherited from an abstract model be overridden.

Constraints and indexes cannot be inherited under a model's own names, so the mixins give
them as functions of a name prefix (``publishable_constraints("exercise")``).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeVar

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

# Length caps bound the work of rendering and the size of a page; real bodies are a few KB.
MAX_BODY_LENGTH = 30_000
MAX_TEXT_LENGTH = 10_000
validate_body_length = MaxLengthValidator(MAX_BODY_LENGTH)
validate_text_length = MaxLengthValidator(MAX_TEXT_LENGTH)


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def live_condition(now: datetime) -> Q:
    """Visible to the public at ``now``: published, or with a publish-at time that has come,
    and not past its unpublish-at time. Checked per request, so a schedule takes effect on
    time even before ``publish_scheduled`` has flipped the status."""
    return (
        (Q(status=Status.PUBLISHED) | Q(publish_at__isnull=False))
        & ~Q(publish_at__gt=now)
        & ~Q(unpublish_at__lte=now)
    )


_M = TypeVar("_M", bound=models.Model)
# The QuerySet a mixin's method is called on (the mixins below go before models.QuerySet).
_QS = TypeVar("_QS", bound=models.QuerySet[Any, Any])


if TYPE_CHECKING:
    _QuerySetMixinBase = models.QuerySet[Any, Any]
else:
    _QuerySetMixinBase = object


class PublishableQuerySetMixin(_QuerySetMixinBase):
    """``published()`` and ``drafts()`` for a model with ``PublishableMixin``."""

    def published(self: _QS, *, now: datetime | None = None) -> _QS:
        return self.filter(live_condition(now or timezone.now()))

    def drafts(self: _QS) -> _QS:
        return self.filter(status=Status.DRAFT)


class TranslatableQuerySetMixin(_QuerySetMixinBase):
    """Language and translation-state filters for a model with ``TranslatableMixin``."""

    def in_language(self: _QS, language: str) -> _QS:
        return self.filter(language=language)

    def with_translation(self: _QS) -> _QS:
        """Rows whose translation key is shared by another language's row."""
        return self.filter(translation_key__in=_translated_keys(self.model))

    def missing_translation(self: _QS) -> _QS:
        return self.exclude(translation_key__in=_translated_keys(self.model))

    def with_translation_state(self: _QS) -> _QS:
        """Annotate ``has_translation`` (another language shares the key) and
        ``original_updated_at``: when the original was last saved, where this is a
        translation (of ``translation_of``, else of the default language's version)."""
        keyed = self.model._default_manager.exclude(translation_key="").filter(
            translation_key=OuterRef("translation_key")
        )
        # The primary one if several share the key. Not by title (the models' ordering):
        # with no statistics, SQLite then walks the (language, title) index through every
        # row of the language for each row asked about, instead of looking up the key.
        default_language_version = (
            keyed.filter(language=settings.LANGUAGE_CODE)
            .exclude(pk=OuterRef("pk"))
            .order_by("-is_primary_translation", "pk")
            .values("updated_at")[:1]
        )
        return self.annotate(
            has_translation=Exists(keyed.exclude(language=OuterRef("language"))),
            original_updated_at=Coalesce(
                F("translation_of__updated_at"), Subquery(default_language_version)
            ),
        )

    def with_outdated_translation(self: _QS) -> _QS:
        """Translations whose original changed after the translation was last saved."""
        return TranslatableQuerySetMixin.with_translation_state(self).filter(
            original_updated_at__gt=F("updated_at")
        )


def _translated_keys(model: type[models.Model]) -> models.QuerySet[Any, Any]:
    # Counted over every row of the model, not only this queryset's, so a filtered admin
    # list still sees translations that the other filters hide.
    return (
        model._default_manager.exclude(translation_key="")
        .values("translation_key")
        .annotate(languages=Count("language", distinct=True))
        .filter(languages__gt=1)
        .values("translation_key")
    )


class ContentQuerySet(PublishableQuerySetMixin, TranslatableQuerySetMixin, models.QuerySet[_M]):
    """The QuerySet of a model made of the publishable and translatable mixins."""

    def newest_first(self: _QS) -> _QS:
        """Newest published first (a content type has a ``created_at`` stamp, as
        ``TimestampedMixin`` gives). Undated content last; the stamp and pk make the order
        total, so pages are stable."""
        return self.order_by(
            F("published_on").desc(nulls_last=True), F("created_at").desc(), F("pk").desc()
        )


class PublishableMixin(models.Model):
    """A status and a schedule: drafts stay private, ``publish_at``/``unpublish_at`` put
    content on and off the public site on time (``live_condition``)."""

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

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        """Whether visitors can see it now (its schedule included)."""
        return self.is_live_at(timezone.now())

    def is_live_at(self, now: datetime) -> bool:
        if self.publish_at is not None and self.publish_at > now:
            return False
        if self.unpublish_at is not None and self.unpublish_at <= now:
            return False
        return self.status == Status.PUBLISHED or self.publish_at is not None


def publishable_constraints(prefix: str) -> list[models.BaseConstraint]:
    """The database checks of ``PublishableMixin``'s fields, named ``<prefix>_...``."""
    return [
        models.CheckConstraint(
            condition=Q(status__in=Status.values), name=f"{prefix}_status_valid"
        ),
        models.CheckConstraint(
            condition=Q(publish_at__isnull=True)
            | Q(unpublish_at__isnull=True)
            | Q(unpublish_at__gt=F("publish_at")),
            name=f"{prefix}_unpublish_after_publish",
            violation_error_message=_("Unpublish after the publish time."),
        ),
    ]


def schedule_indexes(prefix: str) -> list[models.Index]:
    """Partial indexes on the schedule: the next scheduled change caps how long a cached
    page lives, and ``publishing.scheduling`` reads both bounds from them."""
    return [
        models.Index(
            fields=["publish_at"],
            condition=Q(publish_at__isnull=False),
            name=f"{prefix}_publish_at_idx",
        ),
        models.Index(
            fields=["unpublish_at"],
            condition=Q(unpublish_at__isnull=False),
            name=f"{prefix}_unpublish_at_idx",
        ),
    ]


# What a sitemap section reads of each row (``publishing.sitemaps.ContentSitemap``), in the
# order it reads them in, after the visibility columns it filters on.
SITEMAP_ROW_FIELDS = (
    "translation_key",
    "is_primary_translation",
    "last_modified_on",
    "published_on",
    "updated_at",
)


def sitemap_index(prefix: str) -> models.Index:
    """Every column a sitemap section reads, in its order (language, slug, id): the
    database answers a page from the index alone, in order, without reading the rows (no
    INCLUDE: SQLite has none)."""
    return models.Index(
        fields=[
            "language",
            "slug",
            "id",
            "status",
            "publish_at",
            "unpublish_at",
            *SITEMAP_ROW_FIELDS,
        ],
        name=f"{prefix}_sitemap_idx",
    )


class TranslatableMixin(models.Model):
    """One row per language; rows sharing a ``translation_key`` are translations of each
    other, and of the rows of one language sharing it, ``is_primary_translation`` marks the
    one linked as the translation (so every link goes both ways)."""

    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    translation_key = models.CharField(
        _("translation key"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_("Items sharing this key are translations of each other."),
    )
    is_primary_translation = models.BooleanField(
        _("the translation for its language"),
        default=True,
        help_text=_(
            "Of the items in one language sharing a translation key, this one is linked "
            "as the translation; the others stay published on their own."
        ),
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

    class Meta:
        abstract = True

    def sharing_translation_key(self) -> Any:
        """Every other row with this translation key, chosen translations or not."""
        manager = type(self)._default_manager
        if not self.translation_key:
            return manager.none()
        return (
            manager.filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .order_by("language", "-is_primary_translation", "pk")
        )

    def translations(self) -> Any:
        """The other languages' translations: one per language, the one an editor (or the
        importer) chose, so every link between translations goes both ways. A row that is
        not its language's chosen one links to none."""
        manager = type(self)._default_manager
        if not self.translation_key or not self.is_primary_translation:
            return manager.none()
        return (
            manager.filter(translation_key=self.translation_key, is_primary_translation=True)
            .exclude(pk=self.pk)
            .exclude(language=self.language)
            .order_by("language", "pk")
        )

    def translation_in(self, language: str) -> Any:
        """This content's translation in ``language`` (itself for its own), else None."""
        if language == self.language:
            return self
        return self.translations().filter(language=language).first()

    def alternate_urls(self, translations: Iterable[Any]) -> dict[str, str]:
        """This page's address in each language it exists in, from its published
        ``translations``: the ``alternate_urls`` the base template's hreflang links and
        language switcher read (``exercises.templatetags.exercise_tags``)."""
        return {
            self.language: self.get_absolute_url(),  # type: ignore[attr-defined]
            **{other.language: other.get_absolute_url() for other in translations},
        }


def translatable_constraints(prefix: str, *, one_primary_message: Any) -> list[Any]:
    """The database checks of ``TranslatableMixin``'s fields, named ``<prefix>_...``;
    ``one_primary_message`` names the content type ("Another exercise in this language...")."""
    return [
        models.CheckConstraint(
            condition=Q(language__in=Language.values), name=f"{prefix}_language_valid"
        ),
        models.UniqueConstraint(
            fields=["translation_key", "language"],
            condition=Q(is_primary_translation=True) & ~Q(translation_key=""),
            name=f"{prefix}_one_primary_translation_per_language",
            violation_error_message=one_primary_message,
        ),
    ]


class ImportedSourceMixin(models.Model):
    """Where an imported row came from, so an import can skip unchanged files and refuse to
    overwrite an editor's later save."""

    extra_front_matter = models.JSONField(
        _("other front matter"),
        default=dict,
        blank=True,
        help_text=_("Source front matter keys that have no field of their own."),
    )
    source_path = models.CharField(_("imported from"), max_length=500, blank=True)
    source_hash = models.CharField(_("source content hash"), max_length=64, blank=True)
    # The import's own stamp: equal to updated_at right after an import wrote the row, so a
    # later save anywhere else (admin, actions, restoring a revision) is told apart from it.
    imported_at = models.DateTimeField(_("last imported"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def changed_since_import(self) -> bool:
        """Saved since its last import (or never imported), so an import must not overwrite it."""
        return self.imported_at is None or getattr(self, "updated_at", None) != self.imported_at


class RenderedBodyMixin(models.Model):
    """A plain-text summary and a markdown body whose sanitised HTML is stored.

    ``render_body()`` fills the fields named in ``rendered_fields`` from the body; only the
    publishing pipeline's step calls it on saved rows (``publishing.rendering``), and the
    preview on an unsaved one. Pages show the stored HTML, never render per request.
    """

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

    rendered_fields: ClassVar[tuple[str, ...]] = ("body_html",)

    class Meta:
        abstract = True

    @property
    def rendered_body(self) -> SafeString:
        return mark_safe(self.body_html)  # noqa: S308 - sanitised by render_body()

    def render_body(self) -> None:
        """Store the sanitised HTML of the body in ``rendered_fields``."""
        raise NotImplementedError(f"{type(self).__name__} must say how its body is rendered")


class TimestampedMixin(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class PublicAddressMixin(models.Model):
    """A title and a slug that, with the language, make the public address; remembers the
    address it was loaded with so a rename can leave a redirect behind."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)

    # The fields a public address depends on: where it is, and whether it was public.
    address_fields: ClassVar[tuple[str, ...]] = (
        "slug",
        "language",
        "status",
        "publish_at",
        "unpublish_at",
        "published_on",
    )
    # Set when loaded from the database (from_db), for the redirect a rename leaves.
    loaded_address_fields: dict[str, Any] | None = None

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, *args: Any, **kwargs: Any) -> Self:
        instance = super().from_db(*args, **kwargs)
        # Deferred fields are missing from __dict__ and read as None.
        instance.loaded_address_fields = {
            name: instance.__dict__.get(name) for name in cls.address_fields
        }
        return instance

    def public_url_or_none(self) -> str | None:
        """Its URL, if visitors have ever been able to see it there (live now, or published
        once: publishing dates it); None for a draft that was never published."""
        language = getattr(self, "language", settings.LANGUAGE_CODE)
        if not self.slug or language not in Language.values:
            return None
        if getattr(self, "published_on", None) is None and not getattr(self, "is_published", True):
            return None
        return self.get_absolute_url()  # type: ignore[attr-defined]

    def loaded_public_url(self) -> str | None:
        """``public_url_or_none`` as it was when loaded from the database."""
        if self.loaded_address_fields is None:
            return None
        return type(self)(**self.loaded_address_fields).public_url_or_none()


@dataclass(frozen=True)
class SearchField:
    """One part of a search document: ``source`` names a field or a method of the model
    (called with no arguments), ``weight`` its rank class ("A" counts most, "D" least)."""

    source: str
    weight: str = "D"


class Indexed(models.Model):
    """Declares the search document (after Wagtail's ``index.Indexed``)::

        search_fields = (SearchField("title", "A"), SearchField("search_terms", "C"))
        search_prefetch = ("equipment__aliases",)

    ``search_texts()`` joins the declared sources of each weight, in the order declared."""

    search_fields: ClassVar[tuple[SearchField, ...]] = ()
    # Relations the sources read, prefetched when documents are built in bulk.
    search_select: ClassVar[tuple[str, ...]] = ()
    search_prefetch: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def search_texts(self) -> dict[str, str]:
        """The document's text by weight, "A" to "D" (empty strings for unused weights)."""
        parts: dict[str, list[str]] = {weight: [] for weight in "ABCD"}
        for declared in self.search_fields:
            value = getattr(self, declared.source)
            text = value() if callable(value) else value
            if text:
                parts[declared.weight].append(str(text))
        return {weight: "\n".join(texts) for weight, texts in parts.items()}
