from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from exercises import structured_data
from exercises.filters import SORT_CHOICES, ExerciseFilterSet
from exercises.markdown import render_markdown
from exercises.models import ModificationLevel
from exercises.selectors import (
    count_by_difficulty,
    count_by_term,
    duration_facet,
    exercise_visible_to,
    list_facets,
    newest_exercises,
    published_exercises,
    published_translations,
    related_exercises,
    with_card_data,
)

PAGE_SIZE = 24
NEWEST_ON_HOME = 6
MODIFICATION_GROUPS = [
    (ModificationLevel.EASIER, gettext_lazy("Easier")),
    (ModificationLevel.HARDER, gettext_lazy("Harder")),
    (ModificationLevel.VARIATION, gettext_lazy("Variations")),
]


FACET_LEGENDS = [
    ("difficulty", gettext_lazy("Difficulty")),
    ("category", gettext_lazy("Category")),
    ("equipment", gettext_lazy("Equipment")),
    ("muscle", gettext_lazy("Muscles")),
    ("tag", gettext_lazy("Tags")),
]


@require_GET
def home(request):
    exercises = published_exercises(language=get_language())
    context = {
        "total": exercises.count(),
        "difficulties": count_by_difficulty(exercises),
        "categories": count_by_term(exercises, "category"),
        "equipment": count_by_term(exercises, "equipment"),
        "newest": newest_exercises(language=get_language(), limit=NEWEST_ON_HOME),
    }
    return render(request, "exercises/home.html", context)


@require_GET
def exercise_list(request):
    filterset = ExerciseFilterSet(
        request.GET, queryset=published_exercises(language=get_language())
    )
    page = Paginator(with_card_data(filterset.qs), PAGE_SIZE).get_page(request.GET.get("page"))
    facets = list_facets(filterset)
    context = {
        "filterset": filterset,
        "page": page,
        "exercises": page.object_list,
        "facet_groups": [(name, legend, facets[name]) for name, legend in FACET_LEGENDS],
        "sort_choices": SORT_CHOICES,
        "durations": duration_facet(filterset),
        "is_filtered": filterset.is_filtered,
    }
    return render(request, "exercises/exercise_list.html", context)


@require_GET
def exercise_detail(request, slug):
    exercise = exercise_visible_to(user=request.user, language=get_language(), slug=slug)
    if exercise is None:
        raise Http404(_("No such exercise."))
    context = exercise_page_context(
        request,
        exercise,
        steps=list(exercise.steps.all()),
        faqs=list(exercise.faqs.all()),
        videos=list(exercise.videos.all()),
        modifications=list(exercise.modifications.all()),
        equipment=list(exercise.equipment.all()),
        muscles=list(exercise.muscles.all()),
        tags=list(exercise.tags.all()),
        body_html=render_markdown(exercise.body),
    )
    return render(request, "exercises/exercise_detail.html", context)


def exercise_page_context(
    request, exercise, *, steps, faqs, videos, modifications, equipment, muscles, tags, body_html
) -> dict:
    """The detail page's context from an exercise and its rows, given as lists so that the
    admin preview can pass unsaved ones."""
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
        "body_html": body_html,
        "related": related_exercises(exercise, muscles=muscles, equipment=equipment),
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


@require_GET
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return render(request, "robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain")


def _breadcrumbs(exercise) -> list[tuple[str, str]]:
    crumbs = [(_("Home"), reverse("exercises:home")), (_("Exercises"), reverse("exercises:list"))]
    if exercise.category:
        crumbs.append(
            (
                exercise.category.name,
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
            equipment_names=[item.name for item in equipment],
        ),
        structured_data.faq_page(faqs),
        *(structured_data.video_object(exercise, video) for video in videos if video.is_youtube),
        structured_data.breadcrumb_list(
            [(name, request.build_absolute_uri(url)) for name, url in breadcrumbs]
        ),
    ]
    return [block for block in blocks if block]
