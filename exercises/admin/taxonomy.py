"""The taxonomy editor: equipment, muscles and categories with their names and aliases."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from exercises.admin.editing import NamedFieldsInlineMixin
from exercises.models import (
    Category,
    CategoryAlias,
    Equipment,
    EquipmentAlias,
    Muscle,
    MuscleAlias,
)
from exercises.services import (
    merge_terms,
)
from exercises.vocabulary import fold


def _translated_languages() -> dict[str, str | Promise]:
    """The site's languages other than English (whose name is ``name``), by code."""
    return {code: label for code, label in settings.LANGUAGES if code != settings.LANGUAGE_CODE}


def _translated_name_fields() -> dict[str, forms.Field]:
    """A name field for each of the site's languages other than English (``name_es``...)."""
    return {
        f"name_{code}": forms.CharField(
            label=_("Name (%(language)s)") % {"language": label},
            max_length=100,
            required=False,
            help_text=_("Left empty, pages in this language show the English name."),
        )
        for code, label in _translated_languages().items()
    }


class TaxonomyFormBase(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in _translated_languages():
            self.initial.setdefault(f"name_{code}", self.instance.translated_names.get(code, ""))

    def clean(self):
        cleaned_data = super().clean() or {}
        translated = dict(self.instance.translated_names)
        for code in _translated_languages():
            name = (cleaned_data.get(f"name_{code}") or "").strip()
            if name:
                translated[code] = name
            else:
                translated.pop(code, None)
        self.instance.translated_names = translated
        return cleaned_data


# The name fields follow settings.LANGUAGES; declared on the class so the admin lays them out.
TaxonomyAdminForm = type("TaxonomyAdminForm", (TaxonomyFormBase,), _translated_name_fields())


class AliasForm(forms.ModelForm):
    # Editors type the word as sources spell it; it is stored folded, as the importer looks.
    slug = forms.CharField(label=_("Source word"), max_length=100)

    def clean_slug(self):
        folded = fold(self.cleaned_data["slug"])
        if not folded:
            raise forms.ValidationError(_("Give a word with letters or digits."))
        return folded


class AliasInline(NamedFieldsInlineMixin, admin.TabularInline):
    form = AliasForm
    fields = ["slug"]
    extra = 0


class EquipmentAliasInline(AliasInline):
    model = EquipmentAlias


class MuscleAliasInline(AliasInline):
    model = MuscleAlias


class CategoryAliasInline(AliasInline):
    model = CategoryAlias


class MergeTermsForm(forms.Form):
    def __init__(self, *args, model, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"] = forms.ModelChoiceField(
            queryset=model._default_manager.order_by("name", "pk"), label=_("Keep")
        )


class TaxonomyAdmin(admin.ModelAdmin):
    form = TaxonomyAdminForm
    list_display = ["name", "other_names", "slug", "exercise_count", "created_by_import"]
    list_filter = ["created_by_import"]
    search_fields = ["name", "slug", "translated_names", "aliases__slug"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_into"]

    def get_fields(self, request, obj=None):
        names = [f"name_{code}" for code in _translated_languages()]
        return ["name", *names, "slug", "created_by_import"]

    def get_queryset(self, request):
        # Meta.ordering is not applied to GROUP BY queries, so order explicitly.
        return (
            super()
            .get_queryset(request)
            .annotate(exercise_total=Count("exercises", distinct=True))
            .order_by("name", "pk")
        )

    @admin.display(description=_("exercises"), ordering="exercise_total")
    def exercise_count(self, obj):
        return obj.exercise_total

    @admin.display(description=_("other languages"))
    def other_names(self, obj):
        return ", ".join(
            f"{code}: {name}" for code, name in sorted(obj.translated_names.items()) if name
        )

    @admin.action(description=_("Merge into…"), permissions=["change", "delete"])
    def merge_into(self, request, queryset):
        """An intermediate page chooses the term to keep; the other selected terms go."""
        applying = "apply" in request.POST
        form = MergeTermsForm(
            request.POST if applying else None,
            model=self.model,
            initial={"into": queryset.order_by("-exercise_total", "pk").first()},
        )
        if applying and form.is_valid():
            into = form.cleaned_data["into"]
            result = merge_terms(terms=queryset, into=into, user=request.user)
            if not result.merged:
                self.message_user(request, _("Choose at least one other term."), messages.WARNING)
                return None
            self.message_user(
                request,
                ngettext(
                    "%(terms)s merged into %(term)s; %(count)d exercise moved.",
                    "%(terms)s merged into %(term)s; %(count)d exercises moved.",
                    result.moved_exercises,
                )
                % {
                    "terms": ", ".join(result.merged),
                    "term": into.slug,
                    "count": result.moved_exercises,
                },
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge %(name)s") % {"name": self.model._meta.verbose_name_plural},
            "opts": self.model._meta,
            "terms": queryset,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/exercises/merge_terms.html", context)


@admin.register(Equipment)
class EquipmentAdmin(TaxonomyAdmin):
    inlines = [EquipmentAliasInline]


@admin.register(Muscle)
class MuscleAdmin(TaxonomyAdmin):
    inlines = [MuscleAliasInline]


@admin.register(Category)
class CategoryAdmin(TaxonomyAdmin):
    inlines = [CategoryAliasInline]
