"""The change form's "Preview" button: the public page from the unsaved form."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from exercises.admin.bases import ExerciseAdminBase
from exercises.admin.preview_form import form_problems, preview_context, validate_without_saving
from exercises.site.views import exercise_page_context


class PreviewMixin(ExerciseAdminBase):
    """Adds ``add/preview/`` and ``<id>/change/preview/`` to a ModelAdmin; the change form's
    Preview button posts the form there (``formaction``), in a new tab."""

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("add/preview/", wrap(self.preview_view), name=f"{prefix}_preview_add"),
            path(
                "<path:object_id>/change/preview/",
                wrap(self.preview_view),
                name=f"{prefix}_preview",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        prefix = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        if obj is not None and obj.pk is not None:
            context["preview_url"] = reverse(f"{prefix}_preview", args=[obj.pk])
        else:
            context["preview_url"] = reverse(f"{prefix}_preview_add")
        return super().render_change_form(request, context, add, change, form_url, obj)

    @staticmethod
    def _headers(response):
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def preview_view(self, request, object_id=None):
        return self._headers(never_cache(require_POST(self._preview))(request, object_id))

    def _preview(self, request, object_id):
        obj = None
        if object_id is not None:
            obj = self.get_object(request, object_id)
            if obj is None:
                raise Http404
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        change = obj is not None
        form_class = self.get_form(request, obj, change=change)
        form = form_class(request.POST, request.FILES, instance=obj or self.model())
        formsets = [
            formset_class(
                **self.get_formset_kwargs(
                    request,
                    form.instance,
                    inline,
                    prefix=None,  # type: ignore[arg-type]
                )
            )
            for formset_class, inline in self.get_formsets_with_inlines(
                request, *([obj] if change else [])
            )
        ]
        if not validate_without_saving(form, formsets):
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "problems": form_problems(form, formsets),
            }
            return render(
                request, "admin/exercises/exercise/preview_invalid.html", context, status=400
            )
        exercise = form.instance
        with translation.override(exercise.language):
            context = exercise_page_context(
                request, exercise, **preview_context(form=form, formsets=formsets)
            )
            context["is_preview"] = True
            return render(request, "exercises/exercise_detail.html", context)
