"""Admin pieces that make long exercises comfortable to edit: compact inline rows that
reorder by drag and drop and positions renumbered on save (the searchable term filters are
in exercises.admin.language).

All of it is progressive: without JavaScript the position numbers stay editable and the
filters stay plain lists; saving renumbers the rows either way.
"""

from collections.abc import Sequence

from django import forms
from django.contrib import admin
from django.db import models
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from exercises.admin.bases import ExerciseAdminBase, InlineAdminBase, InlineFormSetBase
from publishing.admin import NamedDateTimePartsMixin
from publishing.pipeline import content_changed

EDITOR_JS = [
    "admin-extra/sortable-inlines.js",
    "admin-extra/searchable-filters.js",
    "admin-extra/select2-names.js",
    "admin-extra/focal-point.js",
]
EDITOR_CSS: dict[str, Sequence[str]] = {
    "all": ["admin-extra/visually-hidden.css", "admin-extra/editor.css"]
}


class NamedFieldsFormSetMixin(InlineFormSetBase):
    """A table cell has no <label> and the column heading is not one, so each field of a
    tabular inline row (the "Delete?" box included) is named for assistive technology."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            if field.label:
                # A relation's add/change-links wrapper renders its inner widget's attrs;
                # after the form's deep copy the wrapper's own attrs are the base field's.
                widget = getattr(field.widget, "widget", field.widget)
                widget.attrs.setdefault("aria-label", str(field.label))


class NamedFieldsInlineMixin(InlineAdminBase):
    """For a tabular inline: each field of a row is named for assistive technology."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (NamedFieldsFormSetMixin, formset), {})


class CompactSortableInlineMixin(NamedFieldsInlineMixin):
    """Tabular inline rows with one-line-high, auto-growing text areas and a drag handle
    (added by sortable-inlines.js) that reorders rows and rewrites their positions."""

    classes = ["sortable-inline"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 1, "class": "grow"})},
    }


class RenumberPositionsMixin(ExerciseAdminBase):
    """After the inlines are saved, number each kind of row 1, 2, 3... in the order given
    (position, then age), so gaps and ties from hand-typed numbers never pile up."""

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        model = formset.model
        if not any(field.name == "position" for field in model._meta.fields):
            return
        rows = list(
            model.objects.filter(**{formset.fk.name: form.instance}).order_by("position", "pk")
        )
        renumbered = []
        for number, row in enumerate(rows, start=1):
            if row.position != number:
                row.position = number
                renumbered.append(row)
        model.objects.bulk_update(renumbered, ["position"])


class EditorMediaMixin(NamedDateTimePartsMixin, ExerciseAdminBase):
    """The editor's stylesheet and scripts on the changelist and change form, and a
    changelist column for the last change that stays on one line."""

    @admin.display(description=_("language"), ordering="language")
    def language_code(self, obj):
        return format_html(
            '<abbr title="{}">{}</abbr>', obj.get_language_display(), obj.language.upper()
        )

    @admin.display(description=_("updated"), ordering="updated_at")
    def updated(self, obj):
        return date_format(localtime(obj.updated_at), "SHORT_DATE_FORMAT")

    @property
    def media(self):
        return super().media + forms.Media(js=EDITOR_JS, css=EDITOR_CSS)


class RenditionsMixin(ExerciseAdminBase):
    """Tells the pipeline when the picture or its focal point changed (it remakes the
    renditions once the save commits), and shows the picture (or its placeholder) as the
    changelist thumbnail."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if {"image", "focal_x", "focal_y"} & set(form.changed_data):
            content_changed(type(obj), [obj.pk], aspects=["picture"])

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        return render_to_string("admin/exercises/exercise/thumbnail.html", {"exercise": obj})
