"""The exercise list, language first: tabs above it for each language (with counts), and
term filters that list only the terms the chosen language's exercises use, by their name in
that language."""

from django.contrib import admin
from django.db.models import Count
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from exercises.admin.bases import ExerciseAdminBase
from exercises.models import Exercise, Language

LANGUAGE_PARAM = "language__exact"
# The changelist's page number; a new language starts at its first page.
PAGE_PARAM = "p"


def chosen_language(params) -> str:
    language = params.get(LANGUAGE_PARAM, "")
    return language if language in Language.values else ""


class TermsInLanguageFilter(admin.RelatedFieldListFilter):
    """A term filter listing the terms used by exercises of the chosen language (of any
    language when none is chosen), each by its name in that language."""

    def field_choices(self, field, request, model_admin):
        language = chosen_language(request.GET)
        exercises = Exercise.objects.all()
        if language:
            exercises = exercises.filter(language=language)
        relation = field.remote_field.related_name or field.name
        terms = (
            field.related_model._default_manager.filter(
                **{f"{relation}__in": exercises.values("pk")}
            )
            .distinct()
            .order_by("name")
        )
        return [(term.pk, term.name_in(language) if language else str(term)) for term in terms]


class SearchableTermsInLanguageFilter(TermsInLanguageFilter):
    """The same, with a search box above its (long) list."""

    template = "admin/exercises/searchable_filter.html"


class LanguageTabsMixin(ExerciseAdminBase):
    def changelist_view(self, request, extra_context=None):
        chosen = chosen_language(request.GET)
        counts = dict(
            Exercise.objects.order_by()
            .values_list("language")
            .annotate(total=Count("pk"))
            .values_list("language", "total")
        )
        others = {
            key: value
            for key, value in request.GET.lists()
            if key not in (LANGUAGE_PARAM, PAGE_PARAM)
        }

        def query(language: str) -> str:
            params = others | ({LANGUAGE_PARAM: [language]} if language else {})
            return "?" + urlencode(params, doseq=True)

        tabs = [
            {
                "label": _("All languages"),
                "count": sum(counts.values()),
                "query": query(""),
                "current": not chosen,
            }
        ] + [
            {
                "label": label,
                "code": code,
                "count": counts.get(code, 0),
                "query": query(code),
                "current": code == chosen,
            }
            for code, label in Language.choices
        ]
        extra_context = {**(extra_context or {}), "language_tabs": tabs}
        return super().changelist_view(request, extra_context)
