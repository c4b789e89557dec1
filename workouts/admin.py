"""The workout editor.

One change form holds the whole routine: the workout's fields, its sections (kind, title,
minutes) and, below them, every item of every section in one table (Django's admin cannot
nest inlines, so each item row names its section). Both tables reorder by drag and drop
(``admin-extra/sortable-inlines.js``, as the exercise editor's steps); saving renumbers
the sections 1, 2, 3... and each section's items 1, 2, 3.... A new workout's items are
added once its sections are saved ("Save and continue editing").

Beside the stated duration the form shows the items' total time, computed on the server
and kept up to date by ``admin-extra/workout-total.js`` as items are edited, added, or
marked for deletion.
"""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.checks import InlineModelAdminChecks
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.forms.models import BaseModelFormSet, modelformset_factory
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from reversion_compare.admin import CompareVersionAdmin

from exercises.admin.editing import (
    EDITOR_CSS,
    EDITOR_JS,
    CompactSortableInlineMixin,
    NamedFieldsFormSetMixin,
)
from publishing.admin import (
    VERSION_TOKEN_FIELD,
    NamedDateTimePartsMixin,
    PreviewAdminMixin,
    RevisionHistoryAdminMixin,
    StaleSaveFormMixin,
    rows_from_formset,
)
from publishing.models import Language, Status
from workouts.models import Workout, WorkoutCategory, WorkoutItem, WorkoutSection, WorkoutVideo
from workouts.services import (
    workout_renumber,
    workout_translate,
    workouts_set_status,
)

WORKOUT_JS = [*EDITOR_JS, "admin-extra/workout-total.js"]
ITEM_FIELDS = [
    "section",
    "position",
    "kind",
    "exercise",
    "name",
    "duration",
    "reps",
    "instructions",
]


def minutes_and_seconds(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


class WorkoutAdminForm(StaleSaveFormMixin, forms.ModelForm):
    stale_saved_by_message = _(
        "%(who)s saved this workout at %(when)s, after you opened this page."
    )
    stale_changed_message = _("This workout was changed at %(when)s, after you opened this page.")
    stale_advice_message = _(
        "Your changes were not saved. Open the workout again (for example in another tab), "
        "compare it in its history and re-apply your changes there."
    )

    class Meta:
        model = Workout
        fields = [
            "title",
            "slug",
            "language",
            "status",
            "kind",
            "description",
            "duration",
            "difficulty",
            "equipment",
            "focus",
            "categories",
            "calories",
            "featured",
            "body",
            "image",
            "follow_along_video_id",
            "follow_along_video_title",
            "follow_along_video_channel",
            "translation_key",
            "translation_of",
            "is_primary_translation",
            "publish_at",
            "unpublish_at",
            "published_on",
            "last_modified_on",
            "catalogue_id",
            "extra_front_matter",
        ]


class SectionInline(CompactSortableInlineMixin, admin.TabularInline):
    model = WorkoutSection
    fields = ["position", "kind", "title", "minutes"]
    extra = 0


class VideoInline(CompactSortableInlineMixin, admin.TabularInline):
    model = WorkoutVideo
    fields = ["position", "youtube_id", "title", "channel"]
    extra = 0


class InstructionsField(forms.CharField):
    """The instructions list as one line each, in a text area."""

    widget = forms.Textarea(attrs={"rows": 1, "class": "grow"})

    def __init__(self, *, encoder=None, decoder=None, **kwargs):
        # A JSONField's form field is given its encoder and decoder; a list of lines needs none.
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(str(line) for line in value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class SectionChoiceField(forms.ModelChoiceField):
    """A section by its number and name ("2. Main block"), as the sections table lists them."""

    def label_from_instance(self, obj):
        return f"{obj.position}. {obj}"


class ItemForm(forms.ModelForm):
    class Meta:
        model = WorkoutItem
        fields = [
            "section",
            "position",
            "kind",
            "exercise",
            "name",
            "duration",
            "reps",
            "instructions",
        ]
        field_classes = {"section": SectionChoiceField, "instructions": InstructionsField}
        help_texts = {"instructions": _("One instruction a line.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # workout-total.js adds these up as they change.
        self.fields["duration"].widget.attrs["class"] = "item-duration"


class ItemsFormSet(BaseModelFormSet):
    """Every item of the workout's sections, with each row's section chosen among them: an
    inline formset in what the admin needs of it (``instance``, ``save_as_new``), for a
    model two foreign keys away."""

    def __init__(
        self,
        data=None,
        files=None,
        instance=None,
        save_as_new=False,
        prefix=None,
        queryset=None,
        **kwargs,
    ):
        self.instance = instance if instance is not None else Workout()
        self.save_as_new = save_as_new
        if self.instance.pk is None or save_as_new:
            queryset = WorkoutItem.objects.none()
        else:
            queryset = (
                (queryset if queryset is not None else WorkoutItem.objects)
                .filter(section__workout=self.instance)
                .order_by("section__position", "section", "position", "pk")
            )
        super().__init__(data, files, prefix=prefix, queryset=queryset, **kwargs)

    @classmethod
    def get_default_prefix(cls):
        return "items"

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # Every row (the empty template row too) chooses among this workout's sections.
        section = form.fields["section"]
        assert isinstance(section, forms.ModelChoiceField)
        section.queryset = self._sections()

    def _sections(self):
        if self.instance.pk is None:
            return WorkoutSection.objects.none()
        if not hasattr(self, "_section_choices"):
            self._section_choices = WorkoutSection.objects.filter(workout=self.instance).order_by(
                "position", "pk"
            )
        return self._section_choices


class ItemInlineChecks(InlineModelAdminChecks):
    def _check_relation(self, obj, parent_model):
        # Items belong to the workout through their section; ItemsFormSet handles that.
        return []


class ItemInline(CompactSortableInlineMixin, admin.TabularInline):
    """The items of every section, in one table below the sections."""

    model = WorkoutItem
    checks_class = ItemInlineChecks
    form = ItemForm
    fields = ITEM_FIELDS  # type: ignore[assignment]  # plain names: a list[str]
    autocomplete_fields = ["exercise"]
    extra = 0
    verbose_name = _("item")
    verbose_name_plural = _("items (save new sections first to add items to them)")

    def get_formset(self, request, obj=None, **kwargs):
        formset = modelformset_factory(
            WorkoutItem,
            form=self.form,
            formset=ItemsFormSet,
            fields=ITEM_FIELDS,
            extra=self.get_extra(request, obj),
            min_num=self.get_min_num(request, obj),
            max_num=self.get_max_num(request, obj),
            can_delete=self.has_delete_permission(request, obj),
            formfield_callback=partial(self.formfield_for_dbfield, request=request),
        )
        # Each field of a row named for assistive technology, as in the other tables.
        return type(formset.__name__, (NamedFieldsFormSetMixin, formset), {})

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("exercise", "section")


@admin.register(WorkoutCategory)
class WorkoutCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "spanish_name", "group", "slug", "position"]
    list_filter = ["group"]
    list_editable = ["position"]
    search_fields = ["name", "slug", "translated_names"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["group", "name", "slug", "translated_names", "position", "created_by_import"]

    @admin.display(description=_("Spanish name"))
    def spanish_name(self, obj):
        return obj.name_in("es")


@admin.register(Workout)
class WorkoutAdmin(
    NamedDateTimePartsMixin, PreviewAdminMixin, RevisionHistoryAdminMixin, CompareVersionAdmin
):
    # django-reversion keeps a revision of every admin save, following the sections, their
    # items and the related videos (registered in workouts.models).
    form = WorkoutAdminForm
    list_display = [
        "title",
        "language_code",
        "status",
        "kind",
        "difficulty",
        "duration",
        "total_time",
        "updated",
    ]
    list_display_links = ["title"]
    list_filter = ["language", "status", "difficulty", "kind", "featured", "categories"]
    search_fields = ["title", "slug", "description", "catalogue_id", "translation_key"]
    list_per_page = 50
    show_full_result_count = False
    prepopulated_fields = {"slug": ["title"]}
    # Autocomplete, as the exercise editor's terms: the two-box filter's search icon
    # carries an aria-label a span may not have (axe: aria-prohibited-attr).
    autocomplete_fields = ["equipment", "focus", "categories", "translation_of"]
    readonly_fields = [
        "total_time_beside",
        "translation_links",
        "source_path",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "language",
                    "status",
                    "kind",
                    "description",
                    ("duration", "total_time_beside"),
                    VERSION_TOKEN_FIELD,
                ]
            },
        ),
        (
            _("Classification"),
            {"fields": ["difficulty", "equipment", "focus", "categories", "calories", "featured"]},
        ),
        (_("Content"), {"fields": ["body", "image"]}),
        (
            _("Follow-along video"),
            {
                "fields": [
                    "follow_along_video_id",
                    "follow_along_video_title",
                    "follow_along_video_channel",
                ]
            },
        ),
        (
            _("Translations"),
            {
                "fields": [
                    "translation_key",
                    "translation_of",
                    "is_primary_translation",
                    "translation_links",
                ]
            },
        ),
        (
            _("Publication"),
            {"fields": [("publish_at", "unpublish_at"), "published_on", "last_modified_on"]},
        ),
        (
            _("Import record"),
            {
                "classes": ["collapse"],
                "fields": [
                    "catalogue_id",
                    "extra_front_matter",
                    "source_path",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]
    inlines = [SectionInline, ItemInline, VideoInline]
    actions = ["publish", "unpublish", "translate_selected"]
    save_on_top = True
    change_form_template = "admin/workouts/workout/change_form.html"

    @property
    def media(self):
        return super().media + forms.Media(js=WORKOUT_JS, css=EDITOR_CSS)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/translate/<str:language>/",
                self.admin_site.admin_view(require_POST(self.translate_view)),
                name="workouts_workout_translate",
            ),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        # The items' total for the changelist column, in the list's one query.
        return (
            super().get_queryset(request).annotate(items_seconds=Sum("sections__items__duration"))
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The tables' drag and drop and typed numbers leave gaps and ties: 1, 2, 3... again.
        workout_renumber(workout=form.instance)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None and self.has_add_permission(request):
            existing = {other.language for other in obj.translations()}
            context["translate_choices"] = [
                (reverse("admin:workouts_workout_translate", args=[obj.pk, code]), label)
                for code, label in Language.choices
                if code != obj.language and code not in existing
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def render_preview(self, request, obj, *, form, formsets):
        obj.render_body()  # on the unsaved instance: the page shows the form's body
        by_prefix = {formset.prefix: rows_from_formset(formset) for formset in formsets}
        sections = by_prefix.get("sections", [])
        items = by_prefix.get("items", [])
        structure = [
            (section, [item for item in items if item.section_id == section.pk])
            for section in sections
        ]
        total = sum(item.duration or 0 for item in items)
        with translation.override(obj.language):
            return render(
                request,
                "admin/workouts/workout/preview.html",
                {
                    "workout": obj,
                    "structure": structure,
                    "unsectioned": [item for item in items if item.section_id is None],
                    "videos": by_prefix.get("related_videos", []),
                    "total": minutes_and_seconds(total),
                    "is_preview": True,
                },
            )

    def translate_view(self, request, object_id, language):
        source = self.get_object(request, object_id)
        if source is None:
            raise Http404
        if not (self.has_add_permission(request) and self.has_view_permission(request, source)):
            raise PermissionDenied
        try:
            translated, created = workout_translate(
                workout=source, language=language, user=request.user
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:workouts_workout_change", args=[source.pk]))
        if created:
            self.message_user(
                request,
                _(
                    "Created the %(language)s draft with the same sections and items; "
                    "translate its texts."
                )
                % {"language": Language(language).label},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:workouts_workout_change", args=[translated.pk]))

    @admin.action(description=_("Translate into the other language (new drafts)"))
    def translate_selected(self, request, queryset):
        if not self.has_add_permission(request):
            raise PermissionDenied
        created = 0
        for source in queryset.order_by("pk"):
            for code in Language.values:
                if code != source.language:
                    _translated, was_created = workout_translate(
                        workout=source, language=code, user=request.user
                    )
                    created += was_created
        self.message_user(
            request,
            ngettext(
                "%(count)d translation draft created.",
                "%(count)d translation drafts created.",
                created,
            )
            % {"count": created},
            messages.SUCCESS,
        )

    @admin.action(description=_("Publish selected workouts"), permissions=["change"])
    def publish(self, request, queryset):
        changed = workouts_set_status(workouts=queryset, status=Status.PUBLISHED)
        self.message_user(
            request,
            ngettext("%(count)d workout published.", "%(count)d workouts published.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Unpublish selected workouts (back to draft)"), permissions=["change"]
    )
    def unpublish(self, request, queryset):
        changed = workouts_set_status(workouts=queryset, status=Status.DRAFT)
        self.message_user(
            request,
            ngettext("%(count)d workout unpublished.", "%(count)d workouts unpublished.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.display(description=_("language"), ordering="language")
    def language_code(self, obj):
        return format_html(
            '<abbr title="{}">{}</abbr>', obj.get_language_display(), obj.language.upper()
        )

    @admin.display(description=_("updated"), ordering="updated_at")
    def updated(self, obj):
        return date_format(localtime(obj.updated_at), "SHORT_DATE_FORMAT")

    @admin.display(description=_("items' total"), ordering="items_seconds")
    def total_time(self, obj):
        return minutes_and_seconds(obj.items_seconds or 0)

    @admin.display(description=_("items' total time"))
    def total_time_beside(self, obj):
        seconds = obj.total_seconds() if obj is not None and obj.pk is not None else 0
        return render_to_string(
            "admin/workouts/workout/total_time.html",
            {"seconds": seconds, "total": minutes_and_seconds(seconds)},
        )

    @admin.display(description=_("translations"))
    def translation_links(self, obj):
        if obj.pk is None:
            return _("Save first; workouts with the same translation key are linked here.")
        translations = list(obj.sharing_translation_key())
        if not translations:
            return _("None yet: use “Translate into” above.")
        return format_html(
            "<ul>{}</ul>",
            format_html(
                "".join(
                    format_html(
                        '<li><a href="{}" lang="{}">{}</a> ({})</li>',
                        reverse("admin:workouts_workout_change", args=[other.pk]),
                        other.language,
                        other.title,
                        other.get_language_display(),
                    )
                    for other in translations
                )
            ),
        )
