"""Preview: the public detail page built from an unsaved admin form, with nothing saved.

The change form posts here instead of saving; the exercise and its rows are built in
memory from the form and the inline formsets, then rendered with the public template.
"""

from django.forms import BaseFormSet, ModelForm
from django.utils.text import slugify
from taggit.models import Tag

from exercises.models import Exercise
from publishing.admin import rows_from_formset


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
