from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from exercises.admin_editing import (
    CompactSortableInlineMixin,
    EditorMediaMixin,
    RenditionsMixin,
    RenumberPositionsMixin,
    SearchableRelatedFilter,
)
from exercises.admin_preview import PreviewMixin
from exercises.admin_translation import (
    BesideSourceInlineMixin,
    TranslateMixin,
    TranslationStateFilter,
)
from exercises.models import (
    FAQ,
    Category,
    Equipment,
    Exercise,
    Language,
    Modification,
    Muscle,
    Status,
    Step,
    VideoReference,
)
from exercises.services import exercises_set_status


class OrderedInline(BesideSourceInlineMixin, CompactSortableInlineMixin, admin.TabularInline):
    extra = 0
    ordering = ["position", "pk"]


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
    fields = ["position", "provider", "video_id", "url", "title", "channel", "start"]
    # Django 6.0's default, adopted now: an address typed without a scheme is https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ExerciseTranslationFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translated"

    def lookups(self, request, model_admin):
        return [("no", _("Missing a translation")), ("yes", _("Has a translation"))]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        translated_keys = (
            Exercise.objects.exclude(translation_key="")
            .values("translation_key")
            .annotate(languages=Count("language", distinct=True))
            .filter(languages__gt=1)
            .values("translation_key")
        )
        if self.value() == "yes":
            return queryset.filter(translation_key__in=translated_keys)
        return queryset.exclude(translation_key__in=translated_keys)


@admin.register(Exercise)
class ExerciseAdmin(
    PreviewMixin,
    TranslateMixin,
    RenumberPositionsMixin,
    RenditionsMixin,
    EditorMediaMixin,
    admin.ModelAdmin,
):
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
    list_filter = [
        "language",
        "status",
        TranslationStateFilter,
        "difficulty",
        "category",
        ("equipment", SearchableRelatedFilter),
        ("muscles", SearchableRelatedFilter),
        ExerciseTranslationFilter,
    ]
    list_select_related = ["category"]
    list_per_page = 50
    search_fields = ["title", "slug", "description", "translation_key", "tags__name"]
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category", "equipment", "muscles", "translation_of"]
    readonly_fields = [
        "image_preview",
        "translation_links",
        "source_path",
        "source_hash",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "language", "status", "description"]}),
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
            {"fields": ["translation_key", "translation_of", "translation_links"]},
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
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]
    inlines = [StepInline, ModificationInline, FAQInline, VideoReferenceInline]
    actions = ["publish", "unpublish", "translate_selected"]
    save_on_top = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("category")

    @admin.display(description=_("preview"))
    def image_preview(self, obj):
        if obj.image:
            return format_html(
                '<img src="{}" alt="{}" style="max-width:320px;height:auto">',
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
        translations = list(obj.translations())
        links = format_html_join(
            ", ",
            '<a href="{}" lang="{}">{} ({})</a>',
            (
                (
                    reverse("admin:exercises_exercise_change", args=[other.pk]),
                    other.language,
                    other.title,
                    other.get_language_display(),
                )
                for other in translations
            ),
        )
        missing = set(Language.values) - {obj.language} - {t.language for t in translations}
        add_links = format_html_join(
            " ",
            '<a class="addlink" href="{}?{}">{}</a>',
            (
                (
                    reverse("admin:exercises_exercise_add"),
                    urlencode(
                        {
                            "language": language,
                            "translation_key": obj.translation_key,
                            "status": Status.DRAFT,
                        }
                    ),
                    _("Add the %(language)s translation") % {"language": Language(language).label},
                )
                for language in sorted(missing)
            ),
        )
        if not translations:
            return add_links or _("None yet.")
        return format_html("{} {}", links, add_links)

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


class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "exercise_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        # Meta.ordering is not applied to GROUP BY queries, so order explicitly.
        return (
            super()
            .get_queryset(request)
            .annotate(exercise_total=Count("exercises"))
            .order_by("name", "pk")
        )

    @admin.display(description=_("exercises"), ordering="exercise_total")
    def exercise_count(self, obj):
        return obj.exercise_total


admin.site.register(Equipment, TaxonomyAdmin)
admin.site.register(Muscle, TaxonomyAdmin)
admin.site.register(Category, TaxonomyAdmin)
