from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from exercises import structured_data
from exercises.models import ModificationLevel
from exercises.selectors import (
    count_by_difficulty,
    count_by_term,
    exercise_listing,
    exercise_visible_to,
    newest_exercises,
    published_exercises,
    published_translations,
    related_exercises,
)

NEWEST_ON_HOME = 6
MODIFICATION_GROUPS = [
    (ModificationLevel.EASIER, gettext_lazy("Easier")),
    (ModificationLevel.HARDER, gettext_lazy("Harder")),
    (ModificationLevel.VARIATION, gettext_lazy("Variations")),
]


@require_safe
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


@require_safe
def exercise_list(request):
    listing = exercise_listing(params=request.GET, language=get_language())
    context = {"listing": listing, "page": listing.page, "exercises": listing.page.object_list}
    return render(request, "exercises/exercise_list.html", context)


@require_safe
def exercise_detail(request, slug):
    exercise = exercise_visible_to(user=request.user, language=get_language(), slug=slug)
    if exercise is None:
        raise Http404(_("No such exercise."))
    translations = published_translations(exercise)
    steps = list(exercise.steps.all())
    faqs = list(exercise.faqs.all())
    videos = list(exercise.videos.all())
    modifications = list(exercise.modifications.all())
    page_url = request.build_absolute_uri(exercise.get_absolute_url())
    image_url = _share_image_url(request, exercise, videos)
    breadcrumbs = _breadcrumbs(exercise)
    context = {
        "exercise": exercise,
        "steps": steps,
        "faqs": faqs,
        "videos": videos,
        "modification_groups": [
            (label, group)
            for level, label in MODIFICATION_GROUPS
            if (group := [item for item in modifications if item.level == level])
        ],
        "body_html": exercise.rendered_body,
        "setup_html": exercise.rendered_setup,
        "guidance_html": exercise.rendered_guidance,
        "related": related_exercises(exercise),
        "translations": translations,
        "alternate_urls": {
            exercise.language: exercise.get_absolute_url(),
            **{other.language: other.get_absolute_url() for other in translations},
        },
        "breadcrumbs": breadcrumbs,
        "canonical_url": page_url,
        "share_image_url": image_url,
        "structured_data": _structured_data(
            request, exercise, steps, faqs, videos, page_url, image_url, breadcrumbs
        ),
    }
    return render(request, "exercises/exercise_detail.html", context)


@require_safe
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


def _structured_data(request, exercise, steps, faqs, videos, page_url, image_url, breadcrumbs):
    blocks = [
        structured_data.howto(
            exercise,
            url=page_url,
            steps=steps,
            image_url=image_url,
            equipment_names=[item.name for item in exercise.equipment.all()],
        ),
        structured_data.faq_page(faqs),
        *(structured_data.video_object(exercise, video) for video in videos),
        structured_data.breadcrumb_list(
            [(name, request.build_absolute_uri(url)) for name, url in breadcrumbs]
        ),
    ]
    return [block for block in blocks if block]
