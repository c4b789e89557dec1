from collections.abc import Sequence
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from exercises.models import ModificationLevel
from exercises.search import MIN_SUGGEST_LENGTH
from exercises.site import structured_data
from exercises.site.filters import SEARCH_LANGUAGE_PARAM
from exercises.site.selectors import (
    LISTING_QUERY_PARAMETERS,
    FacetOption,
    catalogue_counts,
    exercise_listing,
    exercise_visible_to,
    newest_exercises,
    published_translations,
    related_and_translations,
    related_exercises,
    suggest_exercises,
    with_page_relations,
)
from publishing.canonical import page_query_parameters
from workouts.site.selectors import NO_WORKOUTS, search_workouts, workouts_using

NEWEST_ON_HOME = 6
# Workouts the header search box suggests after the exercises.
SUGGESTED_WORKOUTS = 3
# Categories (or pieces of equipment) the home page's lead names; the rest are counted.
KINDS_IN_LEAD = 4
MODIFICATION_GROUPS = [
    (ModificationLevel.EASIER, gettext_lazy("Easier")),
    (ModificationLevel.HARDER, gettext_lazy("Harder")),
    (ModificationLevel.VARIATION, gettext_lazy("Variations")),
]


@page_query_parameters()
@require_safe
def home(request):
    counts = catalogue_counts(language=get_language())
    # The lead names what the library holds: its categories, else its equipment.
    kinds = counts.categories or counts.equipment
    context = {
        "total": counts.total,
        "library_kinds": _counted_links(
            kinds, parameter="category" if counts.categories else "equipment"
        ),
        "difficulties": counts.difficulties,
        "categories": counts.categories,
        "equipment": counts.equipment,
        "newest": newest_exercises(language=get_language(), limit=NEWEST_ON_HOME),
    }
    return render(request, "exercises/home.html", context)


def _counted_links(options: Sequence[FacetOption], *, parameter: str) -> str:
    """ "<a>Mat</a> (120), <a>Band</a> (40) and <a>Ball</a> (12)": the most used options, each
    a link to the list narrowed to it, the rest summed up as "and 3 more"."""
    ranked = sorted(options, key=lambda option: -option.count)
    shown, rest = ranked[:KINDS_IN_LEAD], len(ranked) - KINDS_IN_LEAD
    list_url = reverse("exercises:list")
    links: list[str] = [
        format_html(
            '<a href="{}?{}">{}</a> ({})',
            list_url,
            urlencode({parameter: option.value}),
            option.label,
            number_format(option.count, force_grouping=True),
        )
        for option in shown
    ]
    if rest > 0:
        links.append(
            ngettext("%(count)s more", "%(count)s more", rest)
            % {"count": number_format(rest, force_grouping=True)}
        )
    if len(links) < 2:
        return format_html_join("", "{}", ((link,) for link in links))
    return format_html(
        _("{items} and {last}"),
        items=format_html_join(", ", "{}", ((link,) for link in links[:-1])),
        last=links[-1],
    )


@page_query_parameters(*LISTING_QUERY_PARAMETERS)
@require_safe
def exercise_list(request):
    listing = exercise_listing(params=request.GET, language=get_language())
    context = {
        "listing": listing,
        "page": listing.page,
        "exercises": listing.page.object_list,
        "search_query": listing.search_query,
    }
    if listing.search_query:
        context["workouts_found"] = search_workouts(
            query=listing.search_query, language=get_language()
        )
        urls = _search_in_each_language(request.GET, search_language=listing.search_language)
        context["language_switch_urls"] = urls
        context["search_language_url"] = urls[listing.search_language]
    return render(request, "exercises/exercise_list.html", context)


def _search_in_each_language(params: QueryDict, *, search_language: str) -> dict[str, str]:
    """The same search on each language's list: the words stay in the language they were
    typed in (``search_language``), so the other list shows the translations of what this
    one found. The page number goes (the lists differ in length)."""
    urls = {}
    for code, _name in settings.LANGUAGES:
        query = params.copy()
        query.pop("page", None)
        query.pop(SEARCH_LANGUAGE_PARAM, None)
        if code != search_language:
            query[SEARCH_LANGUAGE_PARAM] = search_language
        with translation.override(code):
            urls[code] = f"{reverse('exercises:list')}?{query.urlencode()}"
    return urls


@require_safe
def exercise_suggestions(request):
    """Up to eight published exercises of the page's language matching a half-typed query,
    for the header search box, then up to three workouts whose titles match (marked with
    their ``kind``)."""
    query = request.GET.get("q", "")
    exercises = suggest_exercises(query=query, language=get_language())
    workouts = (
        search_workouts(query=query, language=get_language(), limit=SUGGESTED_WORKOUTS)
        if len(query.strip()) >= MIN_SUGGEST_LENGTH
        else NO_WORKOUTS
    )
    return JsonResponse(
        [
            *(
                {
                    "title": exercise.title,
                    "url": exercise.get_absolute_url(),
                    "difficulty": exercise.difficulty,
                    "difficulty_label": exercise.get_difficulty_display(),
                }
                for exercise in exercises
            ),
            *(
                {
                    "title": workout.title,
                    "url": workout.url,
                    "kind": "workout",
                    "kind_label": _("Workout"),
                    "minutes": workout.minutes,
                    "minutes_label": _("%(count)d min") % {"count": workout.minutes}
                    if workout.minutes
                    else "",
                }
                for workout in workouts.workouts
            ),
        ],
        safe=False,
        json_dumps_params={"ensure_ascii": False},
    )


@page_query_parameters()
@require_safe
def exercise_detail(request, slug):
    exercise = exercise_visible_to(user=request.user, language=get_language(), slug=slug)
    if exercise is None:
        raise Http404(_("No such exercise."))
    related, translations = related_and_translations(exercise)
    with_page_relations(exercise, related)
    context = exercise_page_context(
        request,
        exercise,
        related=related,
        translations=translations,
        steps=list(exercise.steps.all()),
        faqs=list(exercise.faqs.all()),
        videos=list(exercise.videos.all()),
        modifications=list(exercise.modifications.all()),
        equipment=list(exercise.equipment.all()),
        muscles=list(exercise.muscles.all()),
        tags=list(exercise.tags.all()),
    )
    context["used_in"] = workouts_using(exercise)
    return render(request, "exercises/exercise_detail.html", context)


def exercise_page_context(
    request,
    exercise,
    *,
    steps,
    faqs,
    videos,
    modifications,
    equipment,
    muscles,
    tags,
    related=None,
    translations=None,
) -> dict:
    """The detail page's context from an exercise and its rows, given as lists so that the
    admin preview can pass unsaved ones (with the body rendered by ``render_body()``)."""
    if related is None:
        related = related_exercises(exercise, muscles=muscles, equipment=equipment)
        prefetch_related_objects(related, "equipment", "videos")
    if translations is None:
        translations = published_translations(exercise)
    page_url = request.build_absolute_uri(exercise.get_absolute_url())
    image_url = _share_image_url(request, exercise, videos)
    breadcrumbs = _breadcrumbs(exercise)
    return {
        "exercise": exercise,
        "steps": steps,
        "faqs": faqs,
        "videos": videos,
        "equipment": equipment,
        "muscles": muscles,
        "tags": tags,
        "modification_groups": [
            (label, group)
            for level, label in MODIFICATION_GROUPS
            if (group := [item for item in modifications if item.level == level])
        ],
        "body_html": exercise.rendered_body,
        "setup_html": exercise.rendered_setup,
        "guidance_html": exercise.rendered_guidance,
        "related": related,
        "translations": translations,
        "alternate_urls": {
            exercise.language: exercise.get_absolute_url(),
            **{other.language: other.get_absolute_url() for other in translations},
        },
        "breadcrumbs": breadcrumbs,
        "canonical_url": page_url,
        "share_image_url": image_url,
        "structured_data": _structured_data(
            request, exercise, steps, faqs, videos, page_url, image_url, breadcrumbs, equipment
        ),
    }


@page_query_parameters()
@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return render(request, "robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain")


def _breadcrumbs(exercise) -> list[tuple[str, str]]:
    crumbs = [(_("Home"), reverse("exercises:home")), (_("Exercises"), reverse("exercises:list"))]
    if exercise.category:
        crumbs.append(
            (
                exercise.category.name_in(exercise.language),
                f"{reverse('exercises:list')}?category={exercise.category.slug}",
            )
        )
    crumbs.append((exercise.title, exercise.get_absolute_url()))
    return crumbs


def _share_image_url(request, exercise, videos) -> str:
    if exercise.image:
        return request.build_absolute_uri(exercise.image.url)
    for video in videos:
        if video.thumbnail_url:
            return video.thumbnail_url
    return ""


def _structured_data(
    request, exercise, steps, faqs, videos, page_url, image_url, breadcrumbs, equipment
):
    blocks = [
        structured_data.howto(
            exercise,
            url=page_url,
            steps=steps,
            image_url=image_url,
            equipment_names=[item.name_in(exercise.language) for item in equipment],
        ),
        structured_data.faq_page(faqs),
        *(structured_data.video_object(exercise, video) for video in videos),
        structured_data.breadcrumb_list(
            [(name, request.build_absolute_uri(url)) for name, url in breadcrumbs]
        ),
    ]
    return [block for block in blocks if block]
