"""The change form's "Preview" button: the public exercise page from the unsaved form."""

from django.shortcuts import render
from django.utils import translation

from exercises.admin.preview_form import preview_context
from exercises.site.views import exercise_page_context
from publishing.admin import PreviewAdminMixin


class PreviewMixin(PreviewAdminMixin):
    """The exercise's public page, steps and the rest built from the inline formsets."""

    def render_preview(self, request, obj, *, form, formsets):
        with translation.override(obj.language):
            context = exercise_page_context(
                request, obj, **preview_context(form=form, formsets=formsets)
            )
            context["is_preview"] = True
            return render(request, "exercises/exercise_detail.html", context)
