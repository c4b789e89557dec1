"""Preview: the public detail page built from an unsaved admin form, with nothing saved.

The change form posts here instead of saving; the exercise and its rows are built in
memory from the form and the inline formsets, then rendered with the public template.
"""

from dataclasses import dataclass

from django.db import transaction
from django.forms import BaseFormSet, ModelForm
from django.utils.text import slugify
from taggit.models import Tag

from exercises.markdown import render_markdown
from exercises.models import Exercise


@dataclass
class PreviewRows:
    steps: list
    modifications: list
    faqs: list
    videos: list


def rows_from_formset(formset: BaseFormSet) -> list:
    """The formset's rows as the page would show them: filled in, not marked for deletion,
    in position order (ties keep the form order, as saving does)."""
    rows = []
    for form in formset.forms:
        if not form.has_changed() and form.instance.pk is None:
            continue
        if formset.can_delete and formset._should_delete_form(form):
            continue
        rows.append(form.instance)
    return sorted(rows, key=lambda row: row.position or 0)


def preview_context(*, form: ModelForm, formsets: list[BaseFormSet]) -> dict:
    """Keyword arguments for ``exercise_page_context`` from a validated form and formsets."""
    exercise: Exercise = form.instance
    by_prefix = {formset.prefix: rows_from_formset(formset) for formset in formsets}
    tags = [Tag(name=name, slug=slugify(name)) for name in form.cleaned_data.get("tags", [])]
    return {
        "steps": by_prefix.get("steps", []),
        "modifications": by_prefix.get("modifications", []),
        "faqs": by_prefix.get("faqs", []),
        "videos": by_prefix.get("videos", []),
        "equipment": list(form.cleaned_data.get("equipment", [])),
        "muscles": list(form.cleaned_data.get("muscles", [])),
        "tags": tags,
        "body_html": render_markdown(exercise.body),
    }


def validate_without_saving(form: ModelForm, formsets: list[BaseFormSet]) -> bool:
    """Validate the form and formsets inside a transaction that is always rolled back, so
    that nothing validation or a receiver might write survives a preview."""
    with transaction.atomic():
        valid = form.is_valid() and all(formset.is_valid() for formset in formsets)
        transaction.set_rollback(True)
    return valid
