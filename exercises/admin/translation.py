"""Admin side of the translation workflow: the Translate button and action, the filter by
translation state, a changelist column, and the source text beside the fields."""

import copy

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseInlineFormSet
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from exercises.admin.bases import ExerciseAdminBase, InlineAdminBase
from exercises.admin.changelist import ExerciseChangeList
from exercises.models import Exercise, Language
from exercises.report.findings import neutral_differences
from exercises.translation import exercise_translate, other_languages, translation_source_of

TRANSLATED_FIELDS = ["title", "description", "body"]
TRANSLATED_CHILD_FIELDS = {
    "steps": ["title", "text"],
    "modifications": ["name", "description"],
    "faqs": ["question", "answer"],
}


class TranslationStateFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation_state"

    def lookups(self, request, model_admin):
        return [
            ("needed", _("Needs translation")),
            ("translated", _("Has a translation")),
            ("outdated", _("Translation older than the original")),
            ("neutral_differ", _("Language-neutral fields differ from the translation")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "needed":
            return queryset.missing_translation()
        if self.value() == "translated":
            return queryset.with_translation()
        if self.value() == "outdated":
            return queryset.with_outdated_translation()
        if self.value() == "neutral_differ":
            differing = {ref.pk for pair in neutral_differences() for ref in pair[:2]}
            return queryset.filter(pk__in=differing)
        return queryset


def beside_source(widget, *, text: str, language: str):
    """A copy of ``widget`` that renders ``text`` (in ``language``) beside itself."""

    class BesideSource(type(widget)):  # type: ignore[misc]
        template_name = "exercises/widgets/beside_source.html"

        def get_context(self, name, value, attrs):
            context = super().get_context(name, value, attrs)
            context["source"] = {
                "text": text,
                "language": language,
                "label": Language(language).label,
                "field_template": type(widget).template_name,
            }
            return context

    wrapped = copy.copy(widget)
    wrapped.__class__ = BesideSource
    return wrapped


class BesideSourceFormSet(BaseInlineFormSet):
    """Shows the source exercise's row of the same rank beside each text field."""

    source_rows: list[dict[str, str]] = []
    source_language = ""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)  # type: ignore[misc]
        if i < len(self.source_rows):
            for name, text in self.source_rows[i].items():
                if text and name in form.fields:
                    form.fields[name].widget = beside_source(
                        form.fields[name].widget, text=text, language=self.source_language
                    )
        return form


def cached_translation_source(obj: Exercise | None) -> Exercise | None:
    """``translation_source_of`` once per request: the change view hands the same exercise
    to the form and to each inline."""
    if obj is None or obj.pk is None:
        return None
    if "_translation_source" not in obj.__dict__:
        obj.__dict__["_translation_source"] = translation_source_of(obj)
    source: Exercise | None = obj.__dict__["_translation_source"]
    return source


class BesideSourceInlineMixin(InlineAdminBase):
    """For the steps, modifications and FAQs inlines: pass the source's rows down."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        source = cached_translation_source(obj)
        accessor = formset.get_default_prefix()
        if source is None or accessor not in TRANSLATED_CHILD_FIELDS:
            return formset
        names = TRANSLATED_CHILD_FIELDS[accessor]
        rows = [
            {name: getattr(row, name) for name in names}
            for row in getattr(source, accessor).order_by("position", "pk")
        ]
        return type(
            formset.__name__,
            (BesideSourceFormSet, formset),
            {"source_rows": rows, "source_language": source.language},
        )


class TranslateMixin(ExerciseAdminBase):
    """Translate button (change form) and action (changelist), the translation column and
    the source text beside the fields of an exercise that has another language."""

    def get_urls(self):
        return [
            path(
                "<path:object_id>/translate/<str:language>/",
                self.admin_site.admin_view(require_POST(self.translate_view)),
                name=f"{self.opts.app_label}_{self.opts.model_name}_translate",
            ),
            *super().get_urls(),
        ]

    def get_changelist(self, request, **kwargs):
        return ExerciseChangeList

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        source = cached_translation_source(obj)
        if source is None:
            return form
        for name in TRANSLATED_FIELDS:
            text = getattr(source, name)
            if text and name in form.base_fields:
                field = form.base_fields[name]
                field.widget = beside_source(field.widget, text=text, language=source.language)
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None and self.has_add_permission(request):
            existing = {other.language for other in obj.translations()}
            context["translate_choices"] = [
                (
                    reverse(
                        f"admin:{self.opts.app_label}_{self.opts.model_name}_translate",
                        args=[obj.pk, language],
                    ),
                    Language(language).label,
                )
                for language in other_languages(obj)
                if language not in existing
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def translate_view(self, request, object_id, language):
        source = self.get_object(request, object_id)
        if source is None:
            raise Http404
        if not (self.has_add_permission(request) and self.has_view_permission(request, source)):
            raise PermissionDenied
        change_url = f"admin:{self.opts.app_label}_{self.opts.model_name}_change"
        try:
            translation, created = exercise_translate(source=source, language=language)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(reverse(change_url, args=[source.pk]))
        if created:
            self.message_user(
                request,
                _("Created the %(language)s draft; translate the text beside the original.")
                % {"language": Language(language).label},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse(change_url, args=[translation.pk]))

    @admin.action(description=_("Translate into the other language (new drafts)"))
    def translate_selected(self, request, queryset):
        if not self.has_add_permission(request):
            raise PermissionDenied
        created = 0
        for source in queryset.order_by("pk"):
            for language in other_languages(source):
                _translation, was_created = exercise_translate(source=source, language=language)
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

    @admin.display(description=_("translation"))
    def translation_status(self, obj: Exercise):
        # Annotated on the page's rows by ExerciseChangeList.
        if not obj.has_translation:  # type: ignore[attr-defined]
            return format_html('<span class="translation-state--missing">{}</span>', _("missing"))
        original_updated_at = obj.original_updated_at  # type: ignore[attr-defined]
        if original_updated_at is not None and original_updated_at > obj.updated_at:
            return format_html('<span class="translation-state--outdated">{}</span>', _("outdated"))
        return _("up to date")
