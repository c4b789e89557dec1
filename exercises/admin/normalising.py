"""The admin's text boxes store what the importer stores: normalised text (see
``exercises.text.normalise``). A browser posts a textarea with Windows line endings; read
through this field, an untouched body equals the stored one, so the save records no change
to it and its history shows none."""

from django import forms
from django.db import models

from exercises.admin.bases import InlineAdminBase
from exercises.text.normalise import normalise_text, normalised_text_fields


class NormalisedTextField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        return normalise_text(value) if isinstance(value, str) else value


class NormalisedTextMixin(InlineAdminBase):
    """For a ModelAdmin or an inline: every editable text field of the model is read as
    normalised text (whatever widget another mixin gives it)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.TextField) and db_field.attname in normalised_text_fields(
            db_field.model
        ):
            kwargs.setdefault("form_class", NormalisedTextField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
