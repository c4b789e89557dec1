"""Admin pieces any content type's editor declares: stale-save protection on the change
form, a Preview button that renders the public page from the unsaved form, and revision
history that keeps a revision before a delete (so a deleted row can be recovered)."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import reversion
from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import BaseFormSet, ModelForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import Promise
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from reversion.models import Version

if TYPE_CHECKING:
    from django.contrib import admin

    ModelAdminBase = admin.ModelAdmin[Any]
else:
    ModelAdminBase = object

VERSION_TOKEN_FIELD = "updated_at_token"


class StaleSaveFormMixin(forms.ModelForm):
    """Refuses a save based on a stale page: the form carries the row's ``updated_at`` as
    it was when the page was loaded, and a later one means someone else saved in between,
    so saving this form would silently undo their work. The messages name the content type
    (class attributes, so each model's form can say "this exercise")."""

    updated_at_token = forms.CharField(widget=forms.HiddenInput, required=False)

    stale_saved_by_message: str | Promise = gettext_lazy(
        "%(who)s saved this at %(when)s, after you opened this page."
    )
    stale_changed_message: str | Promise = gettext_lazy(
        "This was changed at %(when)s, after you opened this page."
    )
    stale_advice_message: str | Promise = gettext_lazy(
        "Your changes were not saved. Open it again (for example in another tab), compare it "
        "in its history and re-apply your changes there."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial[VERSION_TOKEN_FIELD] = self.instance.updated_at.isoformat()

    def clean(self) -> dict[str, Any] | None:
        cleaned_data = super().clean()
        if self.instance.pk is not None and self._saved_since_loaded():
            raise forms.ValidationError(self._stale_message(), code="stale")
        return cleaned_data

    def _saved_since_loaded(self) -> bool:
        loaded_at = parse_datetime(self.data.get(VERSION_TOKEN_FIELD) or "")
        # The instance was read from the database for this request, so it is the latest save.
        return loaded_at is None or loaded_at != self.instance.updated_at

    def _stale_message(self) -> str:
        stored = type(self.instance)._default_manager.get(pk=self.instance.pk)
        differing = [
            str(self.fields[name].label)
            for name in self.changed_data
            if name in self.fields
            and name != VERSION_TOKEN_FIELD
            and not isinstance(self.fields[name], forms.FileField)
            and name in self.cleaned_data
            and _stored_value(stored, name) != _comparable(self.cleaned_data[name])
        ]
        latest = Version.objects.get_for_object(stored).select_related("revision__user").first()
        who = ""
        if latest is not None and latest.revision.user is not None:
            who = latest.revision.user.get_username()
        when = formats.date_format(timezone.localtime(stored.updated_at), "DATETIME_FORMAT")
        if who:
            message = str(self.stale_saved_by_message) % {"who": who, "when": when}
        else:
            message = str(self.stale_changed_message) % {"when": when}
        if differing:
            message += " " + _("The saved version differs from yours in: %(fields)s.") % {
                "fields": get_text_list(differing, _("and"))
            }
        return message + " " + str(self.stale_advice_message)


def _stored_value(stored: Any, name: str) -> Any:
    field = stored._meta.get_field(name)
    if field.many_to_many:
        if name == "tags":
            return sorted(stored.tags.names())
        return sorted(getattr(stored, name).values_list("pk", flat=True))
    return _comparable(getattr(stored, getattr(field, "attname", name)))


def _comparable(value: Any) -> Any:
    if hasattr(value, "values_list"):  # A queryset from a many-to-many field.
        return sorted(value.values_list("pk", flat=True))
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return sorted(value)  # Tag names.
    return getattr(value, "pk", value)


def rows_from_formset(formset: BaseFormSet) -> list[Any]:
    """The formset's rows as the page would show them: filled in, not marked for deletion,
    in position order (ties keep the form order, as saving does)."""
    rows = []
    for form in formset.forms:
        if not form.has_changed() and form.instance.pk is None:
            continue
        if formset.can_delete and formset._should_delete_form(form):  # type: ignore[attr-defined]
            continue
        rows.append(form.instance)
    return sorted(rows, key=lambda row: getattr(row, "position", 0) or 0)


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


class NamedDateTimePartsMixin(ModelAdminBase):
    """Names for the parts of split date-time fields (publish at, unpublish at), whose
    "Date:" and "Time:" are not labels."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        for field in form.base_fields.values():
            if isinstance(field.widget, forms.MultiWidget) and field.label:
                date, time = field.widget.widgets[:2]
                date.attrs["aria-label"] = _("%(field)s: date") % {"field": field.label}
                time.attrs["aria-label"] = _("%(field)s: time") % {"field": field.label}
        return form


class PreviewAdminMixin(ModelAdminBase):
    """Adds ``add/preview/`` and ``<id>/change/preview/`` to a ModelAdmin; the change form's
    Preview button posts the form there (``formaction``), in a new tab. Nothing is saved:
    the form and inline formsets are validated in a rolled-back transaction and the admin's
    ``render_preview()`` renders the public page from the unsaved instance."""

    preview_invalid_template = "admin/publishing/preview_invalid.html"

    def render_preview(
        self, request: HttpRequest, obj: Any, *, form: ModelForm, formsets: list[BaseFormSet]
    ) -> HttpResponse:
        raise NotImplementedError(f"{type(self).__name__} must say how a preview is rendered")

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
            return render(request, self.preview_invalid_template, context, status=400)
        return self.render_preview(request, form.instance, form=form, formsets=formsets)


class RevisionHistoryAdminMixin(ModelAdminBase):
    """For a ``reversion_compare`` admin: the compare view needs the permission the history
    needs, and a row never edited in the admin gets a revision before it is deleted (without
    one it could not be recovered)."""

    def compare_view(self, request, object_id, extra_context=None):
        # django-reversion-compare checks no permission of its own.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().compare_view(request, object_id, extra_context)  # type: ignore[misc]

    def delete_model(self, request, obj):
        keep_revision_before_deleting([obj], user=request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        keep_revision_before_deleting(queryset, user=request.user)
        super().delete_queryset(request, queryset)


def keep_revision_before_deleting(rows: Iterable[Any], *, user: Any) -> None:
    with reversion.create_revision():
        for row in rows:
            reversion.add_to_revision(row)
        reversion.set_user(user)
        reversion.set_comment(_("Before deletion"))
