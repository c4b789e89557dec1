"""Preview: the public detail page built from an unsaved admin form, with nothing saved.

The change form posts here instead of saving; the exercise and its rows are built in
memory from the form and the inline formsets, then rendered with the public template.
"""

from django.db import transaction
from django.forms import BaseFormSet, ModelForm
from django.utils.text import slugify
from taggit.models import Tag

from exercises.models import Exercise


def rows_from_formset(formset: BaseFormSet) -> list:
    """The formset's rows as the page would show them: filled in, not marked for deletion,
    in position order (ties keep the form order, as saving does)."""
    rows = []
    for form in formset.forms:
        if not form.has_changed() and form.instance.pk is None:
            continue
        if formset.can_delete and formset._should_delete_form(form):  # type: ignore[attr-defined]
            continue
        rows.append(form.instance)
    return sorted(rows, key=lambda row: row.position or 0)


def preview_context(*, form: ModelForm, formsets: list[BaseFormSet]) -> dict:
    """Keyword arguments for ``exercise_page_context`` from a validated form and formsets."""
    exercise: Exercise = form.instance
    exercise.render_body()  # on the unsaved instance: the page shows the form's body
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
    }


def validate_without_saving(form: ModelForm, formsets: list[BaseFormSet]) -> bool:
    """Validate the form and formsets inside a transaction that is always rolled back, so
    that nothing validation or a receiver might write survives a preview."""
    with transaction.atomic():
        valid = form.is_valid() and all(formset.is_valid() for formset in formsets)
        transaction.set_rollback(True)
    return valid


def form_problems(form: ModelForm, formsets: list[BaseFormSet]) -> list[str]:
    """Each error as one line naming the field (and the row, for inline rows)."""

    def lines(one_form, where=""):
        for name, errors in one_form.errors.items():
            label = one_form.fields[name].label if name in one_form.fields else ""
            for error in errors:
                yield f"{where}{label}: {error}" if label else f"{where}{error}"

    problems = list(lines(form))
    for formset in formsets:
        problems.extend(str(error) for error in formset.non_form_errors())
        for number, row_form in enumerate(formset.forms, start=1):
            model = formset.model  # type: ignore[attr-defined]  # an inline formset
            where = f"{model._meta.verbose_name.capitalize()} {number} – "
            problems.extend(lines(row_form, where))
    return problems
