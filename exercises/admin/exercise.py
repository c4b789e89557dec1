"""The exercise editor: change form, inlines, actions, history and the content report."""

import reversion
from django.contrib import admin, messages
from django.db import models
from django.db.models import Q
from django.db.models.signals import m2m_changed
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion_compare.admin import CompareVersionAdmin

from exercises.admin.editing import (
    CompactSortableInlineMixin,
    EditorMediaMixin,
    RenditionsMixin,
    RenumberPositionsMixin,
)
from exercises.admin.forms import VERSION_TOKEN_FIELD, ExerciseAdminForm
from exercises.admin.history import TruthfulCompareMixin
from exercises.admin.language import (
    LanguageTabsMixin,
    SearchableTermsInLanguageFilter,
    TermsInLanguageFilter,
)
from exercises.admin.markdown_editor import MarkdownEditorMixin
from exercises.admin.neutral import NeutralFieldsFollowMixin
from exercises.admin.normalising import NormalisedTextMixin
from exercises.admin.paging import EstimatedCountPaginator
from exercises.admin.preview import PreviewMixin
from exercises.admin.report import ContentReportMixin
from exercises.admin.translation import (
    BesideSourceInlineMixin,
    TranslateMixin,
    TranslationStateFilter,
)
from exercises.models import (
    FAQ,
    Exercise,
    Language,
    Modification,
    Status,
    Step,
    TaggedExercise,
    VideoReference,
)
from exercises.services import (
    exercises_set_status,
    make_primary_translation,
)
from publishing.admin import RevisionHistoryAdminMixin


class OrderedInline(
    NormalisedTextMixin, BesideSourceInlineMixin, CompactSortableInlineMixin, admin.TabularInline
):
    extra = 0


class StepInline(OrderedInline):
    model = Step
    fields = ["position", "title", "text"]


class ModificationInline(OrderedInline):
    model = Modification
    fields = ["position", "level", "name", "description"]


class FAQInline(OrderedInline):
    model = FAQ
    fields = ["position", "question", "answer"]


class VideoReferenceInline(OrderedInline):
    model = VideoReference
    fields = [
        "position",
        "provider",
        "video_id",
        "url",
        "title",
        "channel",
        "start",
        "upload_date",
        "duration",
    ]
    # Django 6.0's default, adopted now: an address typed without a scheme is https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Exercise)
class ExerciseAdmin(
    NormalisedTextMixin,
    MarkdownEditorMixin,
    TruthfulCompareMixin,
    ContentReportMixin,
    LanguageTabsMixin,
    NeutralFieldsFollowMixin,
    PreviewMixin,
    TranslateMixin,
    RenumberPositionsMixin,
    RenditionsMixin,
    EditorMediaMixin,
    RevisionHistoryAdminMixin,
    CompareVersionAdmin,
):
    # django-reversion keeps a revision of every admin save, following the inline children
    # (steps, modifications, FAQs, videos) it registers from `inlines`; django-reversion-compare
    # adds the compare view to the history page, and deleted exercises are recoverable.
    form = ExerciseAdminForm
    # The description is a plain-text summary; only the body is markdown.
    markdown_fields = ["body"]
    list_display = [
        "thumbnail",
        "title",
        "language_code",
        "translation_status",
        "difficulty",
        "status",
        "updated",
    ]
    list_display_links = ["title"]
    # The language is chosen by the tabs above the list (LanguageTabsMixin); the term
    # filters then list only the terms that language's exercises use.
    list_filter = [
        "status",
        TranslationStateFilter,
        "difficulty",
        ("category", TermsInLanguageFilter),
        ("equipment", SearchableTermsInLanguageFilter),
        ("muscles", SearchableTermsInLanguageFilter),
    ]
    list_select_related = ["category"]
    list_per_page = 50
    # The filtered count is enough; a second COUNT(*) over every exercise on each view is not.
    show_full_result_count = False
    # Tags are searched in a union with these fields (get_search_results): a join over
    # tags__name would make the admin de-duplicate every matching row.
    search_fields = ["title", "slug", "description", "translation_key"]
    paginator = EstimatedCountPaginator
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category", "equipment", "muscles", "translation_of"]
    readonly_fields = [
        "image_preview",
        "translation_links",
        "source_path",
        "source_hash",
        "source_text",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "language", "status", "description", VERSION_TOKEN_FIELD]},
        ),
        (
            _("Classification"),
            {"fields": ["difficulty", "duration", "category", "equipment", "muscles", "tags"]},
        ),
        (_("Content"), {"fields": ["body"]}),
        (
            _("Image"),
            {"fields": ["image", "image_preview", ("focal_x", "focal_y"), "image_source"]},
        ),
        (
            _("Translations"),
            {
                "fields": [
                    "translation_key",
                    "translation_of",
                    "is_primary_translation",
                    "follows_translation",
                    "translation_links",
                ]
            },
        ),
        (
            _("Publication"),
            {
                "fields": [
                    ("publish_at", "unpublish_at"),
                    "author",
                    "published_on",
                    "last_modified_on",
                ]
            },
        ),
        (
            _("Import record"),
            {
                "classes": ["collapse"],
                "fields": [
                    "extra_front_matter",
                    "source_path",
                    "source_hash",
                    "source_text",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]
    inlines = [StepInline, ModificationInline, FAQInline, VideoReferenceInline]
    # django-reversion's list (its "recover deleted" link) plus the content report's link.
    change_list_template = "admin/exercises/exercise/change_list.html"
    actions = ["publish", "unpublish", "translate_selected"]
    save_on_top = True

    class Media:
        css = {"all": ["exercises/admin.css"]}

    def reversion_register(self, model, **kwargs):
        """Revisions of an exercise also keep its tags (the ``TaggedExercise`` rows), so
        restoring a revision or recovering a deleted exercise brings them back."""
        if model is Exercise:
            if not reversion.is_registered(TaggedExercise):
                reversion.register(TaggedExercise)
            kwargs["follow"] = (*kwargs.get("follow", ()), "tagged_items")
        super().reversion_register(model, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        """Each word in any search field or in a tag's name. The matching ids are one
        union (so no row is repeated and nothing needs de-duplicating): each side can read
        its trigram indexes on PostgreSQL, where an OR with a tag subquery read every row."""
        for word in smart_split(search_term):
            if word[:1] in ("'", '"') and word[-1:] == word[:1]:
                word = unescape_string_literal(word)
            in_fields = Q.create(
                [(f"{field}__icontains", word) for field in self.search_fields], connector=Q.OR
            )
            by_fields = Exercise.objects.filter(in_fields).order_by().values("pk")
            by_tags = (
                TaggedExercise.objects.filter(tag__name__icontains=word)
                .order_by()
                .values("content_object")
            )
            queryset = queryset.filter(pk__in=by_fields.union(by_tags))
        return queryset, False

    def save_model(self, request, obj, form, change):
        # The body's HTML, search document and renditions are the pipeline's, once the
        # save commits (exercises.signals).
        if obj.is_primary_translation:
            make_primary_translation(exercise=obj)
        super().save_model(request, obj, form, change)

    @admin.display(description=_("preview"))
    def image_preview(self, obj):
        if obj.image:
            return format_html(
                '<img class="exercise-image-preview" src="{}" alt="{}">',
                obj.image.url,
                obj.title,
            )
        if obj.image_source:
            return _("Not stored; the source path is kept below.")
        return _("No image")

    @admin.display(description=_("translations"))
    def translation_links(self, obj):
        if obj.pk is None:
            return _("Save first; exercises with the same translation key are linked here.")
        if not obj.translation_key:
            return _("Give this exercise a translation key to link its translations.")
        # Every exercise sharing the key, so an editor sees the ones that stand alone too.
        translations = list(obj.sharing_translation_key())
        missing = set(Language.values) - {obj.language} - {t.language for t in translations}
        add_links = [
            {
                "label": Language(language).label,
                "query": urlencode(
                    {
                        "language": language,
                        "translation_key": obj.translation_key,
                        "status": Status.DRAFT,
                    }
                ),
            }
            for language in sorted(missing)
        ]
        return render_to_string(
            "admin/exercises/exercise/translation_links.html",
            {"translations": translations, "missing": add_links},
        )

    @admin.action(description=_("Publish selected exercises"), permissions=["change"])
    def publish(self, request, queryset):
        changed = exercises_set_status(exercises=queryset, status=Status.PUBLISHED)
        self.message_user(
            request,
            ngettext("%(count)d exercise published.", "%(count)d exercises published.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Unpublish selected exercises (back to draft)"), permissions=["change"]
    )
    def unpublish(self, request, queryset):
        changed = exercises_set_status(exercises=queryset, status=Status.DRAFT)
        self.message_user(
            request,
            ngettext("%(count)d exercise unpublished.", "%(count)d exercises unpublished.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )


# ExerciseAdmin registered Exercise with django-reversion, which also listens to m2m_changed
# only to add the exercise to an open revision; the admin adds it anyway, and the listener
# would cost every equipment/muscle add() an extra query (Django's fast path needs a signal
# without listeners), in the importer too.
for _through in (Exercise.equipment.through, Exercise.muscles.through):
    m2m_changed.disconnect(reversion.revisions._m2m_changed_receiver, sender=_through)
