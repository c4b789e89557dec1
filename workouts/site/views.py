from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from exercises.models import Difficulty, VideoReference
from exercises.site.structured_data import breadcrumb_list
from publishing.canonical import canonical_query, page_query_parameters
from workouts.generator import Focus, GeneratedWorkout, generate_workout, relaxed_request
from workouts.services import workout_save_generated
from workouts.site.forms import GENERATOR_QUERY_PARAMETERS, GeneratorForm
from workouts.site.routine import routine_from_plan, routine_from_workout
from workouts.site.selectors import (
    WORKOUT_LISTING_QUERY_PARAMETERS,
    exercises_for_plan,
    generator_library,
    published_workout_translations,
    workout_listing,
    workout_visible_to,
)
from workouts.site.structured_data import workout_howto


@page_query_parameters(*WORKOUT_LISTING_QUERY_PARAMETERS)
@require_safe
def workout_list(request):
    """The published workouts of the page's language, filtered by the query string."""
    listing = workout_listing(params=request.GET, language=get_language())
    context = {
        "listing": listing,
        "page": listing.page,
        "workouts": listing.page.object_list,
        "breadcrumbs": [
            (_("Home"), reverse("exercises:home")),
            (_("Workouts"), reverse("workout_list")),
        ],
    }
    return render(request, "workouts/workout_list.html", context)


@page_query_parameters(*GENERATOR_QUERY_PARAMETERS)
@require_safe
def workout_generator(request):
    """A workout built from the published exercises of the page's language for the
    request in the query string: the same query string, the same workout."""
    language = get_language()
    library = generator_library(language=language)
    form = GeneratorForm(request.GET, equipment=library.equipment)
    choices = form.data
    plan = generate_workout(candidates=library.candidates, **choices)
    routine = routine_from_plan(plan, exercises_for_plan(plan))
    equipment_names = {item.slug: item.label for item in library.equipment}
    page_url = request.build_absolute_uri()
    name = _generated_name(plan)
    context = {
        "form": form,
        "plan": plan,
        "routine": routine,
        "workout_name": name,
        "equipment_names": [equipment_names[slug] for slug in plan.equipment],
        "difficulty_label": Difficulty(plan.difficulty).label,
        "focus_label": Focus(plan.focus).label,
        "is_request": bool(request.GET),
        "suggestions": _suggestion_links(plan, equipment_names),
        "shuffle_url": _generator_url(choices, seed=plan.seed + 1),
        "canonical_url": page_url,
        "breadcrumbs": [
            (_("Home"), reverse("exercises:home")),
            (_("Workout generator"), reverse("workout_generator")),
        ],
        # The request again, for the "Save as draft workout" form of those who may.
        "save_fields": _request_fields(choices) if _may_save(request.user) else None,
    }
    if routine.items:
        context["structured_data"] = [
            workout_howto(
                name=name,
                url=page_url,
                routine=routine,
                absolute=request.build_absolute_uri,
                language=language,
                equipment_names=context["equipment_names"],
            )
        ]
    return render(request, "workouts/generator.html", context)


@require_POST
def workout_generator_save(request):
    """The generator's workout for the posted request (the same fields as its form),
    saved as a draft workout by an editor who may add workouts; then its admin page."""
    if not _may_save(request.user):
        raise PermissionDenied
    language = get_language()
    library = generator_library(language=language)
    params = QueryDict(canonical_query(request.POST, GENERATOR_QUERY_PARAMETERS))
    choices = GeneratorForm(params, equipment=library.equipment).data
    plan = generate_workout(candidates=library.candidates, **choices)
    if plan.is_empty:
        messages.error(request, _("No workout fits these choices: nothing was saved."))
        return redirect(_generator_url(choices))
    workout = workout_save_generated(
        plan=plan,
        language=language,
        title=_generated_name(plan),
        user=request.user,
        comment=_("Saved from the workout generator: %(url)s")
        % {"url": request.build_absolute_uri(_generator_url(choices))},
    )
    messages.success(
        request,
        _("The generated workout was saved as the draft “%(title)s”: edit it and publish it.")
        % {"title": workout.title},
    )
    return redirect("admin:workouts_workout_change", workout.pk)


def _may_save(user) -> bool:
    return bool(user.is_staff and user.has_perm("workouts.add_workout"))


def _generated_name(plan: GeneratedWorkout) -> str:
    return _("%(minutes)d-minute Pilates workout") % {"minutes": plan.duration}


def _request_fields(choices) -> list[tuple[str, object]]:
    """The generator's request as (name, value) pairs, one per equipment slug."""
    fields: list[tuple[str, object]] = []
    for name, value in choices.items():
        values = value if isinstance(value, list | tuple) else [value]
        fields.extend((name, item) for item in values)
    return fields


def _generator_url(choices, **changes) -> str:
    query = {**choices, **changes}
    return f"{reverse('workout_generator')}?{urlencode(query, doseq=True)}"


def _suggestion_links(plan: GeneratedWorkout, equipment_names) -> list[tuple[str, str]]:
    """Each relaxation the generator found, as the words and the address of its workout."""
    links = []
    for suggestion in plan.suggestions:
        phrases = []
        if suggestion.minutes is not None:
            phrases.append(_("make it %(minutes)d minutes long") % {"minutes": suggestion.minutes})
        if suggestion.equipment:
            names = [str(equipment_names.get(slug, slug)).lower() for slug in suggestion.equipment]
            phrases.append(_("add %(equipment)s") % {"equipment": ", ".join(names)})
        if suggestion.difficulty:
            level = str(Difficulty(suggestion.difficulty).label).lower()
            phrases.append(_("allow %(difficulty)s exercises") % {"difficulty": level})
        if len(phrases) > 1:
            label = _("{items} and {last}").format(items=", ".join(phrases[:-1]), last=phrases[-1])
        else:
            label = phrases[0]
        links.append((capfirst(label), _generator_url(relaxed_request(plan, suggestion))))
    return links


@page_query_parameters()
@require_safe
def workout_detail(request, slug):
    workout = workout_visible_to(user=request.user, language=get_language(), slug=slug)
    if workout is None:
        raise Http404(_("No such workout."))
    routine = routine_from_workout(workout)
    translations = published_workout_translations(workout)
    page_url = request.build_absolute_uri(workout.get_absolute_url())
    equipment = list(workout.equipment.all())
    follow_along = (
        VideoReference(
            video_id=workout.follow_along_video_id,
            title=workout.follow_along_video_title,
            channel=workout.follow_along_video_channel,
        )
        if workout.follow_along_video_id
        else None
    )
    related_videos = [
        VideoReference(video_id=video.youtube_id, title=video.title, channel=video.channel)
        for video in workout.related_videos.all()
    ]
    image_url = request.build_absolute_uri(workout.image.url) if workout.image else ""
    if not image_url and follow_along is not None:
        image_url = follow_along.thumbnail_url
    breadcrumbs = [
        (_("Home"), reverse("exercises:home")),
        (_("Workouts"), reverse("workout_list")),
        (workout.title, workout.get_absolute_url()),
    ]
    total = routine.total_seconds
    context = {
        "workout": workout,
        "routine": routine,
        "total_seconds": total,
        # The stated duration and the items' total disagree by more than a minute.
        "stated_differs": bool(
            workout.duration and total and abs(workout.duration * 60 - total) > 60
        ),
        "equipment": equipment,
        "focus": list(workout.focus.all()),
        "categories": list(workout.categories.all()),
        "follow_along": follow_along,
        "related_videos": related_videos,
        "translations": translations,
        "alternate_urls": workout.alternate_urls(translations),
        "breadcrumbs": breadcrumbs,
        "canonical_url": page_url,
        "share_image_url": image_url,
        "structured_data": [
            workout_howto(
                name=workout.title,
                url=page_url,
                routine=routine,
                absolute=request.build_absolute_uri,
                language=workout.language,
                description=workout.description,
                image_url=image_url,
                equipment_names=[item.name_in(workout.language) for item in equipment],
            ),
            breadcrumb_list([(name, request.build_absolute_uri(url)) for name, url in breadcrumbs]),
        ],
    }
    return render(request, "workouts/workout_detail.html", context)
