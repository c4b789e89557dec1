"""The public read API under /api/v1/ (django-ninja): thin views over ``api.selectors``.

The README's "Public API" section says why django-ninja and how a mirror uses it.
"""

from datetime import UTC, datetime
from typing import Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from ninja import Query
from ninja.errors import HttpError, ValidationError
from pydantic import Field

from api import representations, schemas
from api.cursors import BadCursor, Cursor, decode_cursor, encode_cursor, parse_updated_since
from api.docs import DescribedAPI, ProjectSwagger, api_docs_decorator
from api.problems import ProblemError, problem_response
from api.selectors import (
    MULTIPLE_FILTERS,
    ExerciseFilters,
    WorkoutFilters,
    change_log_position,
    exercise_changes,
    exercise_page,
    exercise_slugs,
    published_exercise,
    published_workout,
    sort_key,
    sync_position,
    terms_with_counts,
    unknown_equipment,
    workout_page,
)
from api.services import schedules_bring_due
from exercises.models import Difficulty
from workouts.generator import DEFAULT_MINUTES, MAX_MINUTES, MIN_MINUTES, Focus, generate_workout
from workouts.site.forms import DEFAULT_DIFFICULTY
from workouts.site.selectors import generator_library

DEFAULT_LIMIT = 50
MAX_LIMIT = 100
ERRORS = frozenset({400, 404, 429})

api = DescribedAPI(
    title="Pilates exercise library API",
    version="1",
    description=(
        "Published exercises, workouts and taxonomy terms, and the workout generator; "
        "read-only. Lists take the site's filters "
        "and page with cursors (`next`); `updated_since` turns the exercise list into an "
        "exact change feed with tombstones for a mirror."
    ),
    urls_namespace="api-1",
    openapi_url="/openapi.json",
    docs=ProjectSwagger(),
    docs_url="/docs/",
    docs_decorator=api_docs_decorator,
)


@api.exception_handler(ValidationError)
def invalid_parameters(request: HttpRequest, error: ValidationError) -> HttpResponse:
    return problem_response(
        request,
        400,
        detail=_("A parameter is invalid."),
        errors=[
            {
                "name": ".".join(str(part) for part in item.get("loc", ())[1:]) or "request",
                "problem": str(item.get("msg", "")),
            }
            for item in error.errors
        ],
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return problem_response(request, 404, detail=error.args[0] if error.args else "")


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    return problem_response(request, error.status_code, detail=error.message)


@api.exception_handler(ProblemError)
def problem(request: HttpRequest, error: ProblemError) -> HttpResponse:
    return problem_response(request, error.status, detail=error.detail)


class ExerciseQuery(schemas.Schema):
    language: schemas.LanguageCode | None = Field(
        None, description="Only this language's exercises (needed with q)."
    )
    q: str = Field("", max_length=200, description="Search words, ranked as on the site.")
    difficulty: list[Literal["beginner", "intermediate", "advanced"]] = Field(
        [], description="Any of these difficulties."
    )
    category: list[str] = Field([], description="Category slugs (any of them).")
    equipment: list[str] = Field([], description="Equipment slugs (any of them).")
    muscle: list[str] = Field([], description="Muscle slugs (any of them).")
    tag: list[str] = Field([], description="Tag slugs (any of them).")
    duration: int | None = Field(None, ge=0, le=10**6, description="At most this many seconds.")
    sort: Literal["relevance", "title", "newest", "duration"] | None = Field(
        None, description="Default: relevance with q, else title."
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Exercises per page.")
    cursor: str | None = Field(
        None, min_length=1, max_length=2000, description="From a `next` URL."
    )
    updated_since: str | None = Field(
        None,
        max_length=40,
        description="An ISO 8601 time or a `next_updated_since` value: returns the changes "
        "since then, oldest first, with tombstones, instead of the list.",
    )


def _filters(query: ExerciseQuery) -> ExerciseFilters:
    if query.q.strip() and not query.language:
        raise ProblemError(400, _("A search (q) needs a language."))
    return ExerciseFilters(
        language=query.language,
        q=query.q.strip(),
        sort=query.sort or "",
        duration=query.duration,
        multiple={name: getattr(query, name) for name in MULTIPLE_FILTERS},
    )


def _next_url(request: HttpRequest, **changes: str) -> str:
    params = request.GET.copy()
    for key, value in changes.items():
        params[key] = value
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


@api.get(
    "/exercises/",
    response={200: schemas.ExercisesOrChanges, ERRORS: schemas.Problem},
    url_name="exercise_list",
    summary="List published exercises, or the changes since a moment",
    tags=["exercises"],
)
def exercise_list(request: HttpRequest, query: Query[ExerciseQuery]) -> dict:
    filters = _filters(query)
    if query.updated_since is not None:
        return _changes(request, query, filters)
    sort = filters.effective_sort
    try:
        cursor = decode_cursor(query.cursor, sort=sort) if query.cursor else None
    except BadCursor as error:
        raise ProblemError(
            400, _("The cursor is not one this API made for this sort order.")
        ) from error
    # Read first: whatever changes while the pages are read is logged after this position.
    position = cursor.position if cursor else change_log_position()
    page = exercise_page(filters, after=cursor.after if cursor else None, limit=query.limit)
    next_url = None
    if page.has_more:
        last = Cursor(sort, sort_key(page.exercises[-1], sort), position)
        next_url = _next_url(request, cursor=encode_cursor(last))
    urls = representations.Urls(request)
    return {
        "results": [representations.exercise(item, urls) for item in page.exercises],
        "next": next_url,
        "next_updated_since": str(position),
    }


def _changes(request: HttpRequest, query: ExerciseQuery, filters: ExerciseFilters) -> dict:
    try:
        start = parse_updated_since(query.updated_since or "")
    except BadCursor as error:
        raise ProblemError(
            400,
            _("updated_since is neither a position this API returned nor an ISO 8601 time."),
        ) from error
    # A schedule that came due is a change too: logged before the log is read.
    schedules_bring_due(now=datetime.now(UTC))
    page = exercise_changes(filters, after=sync_position(start), limit=query.limit)
    urls = representations.Urls(request)
    return {
        "results": [
            representations.exercise(item.exercise, urls)
            if item.exercise is not None
            else representations.tombstone(item.language, item.slug)
            for item in page.items
        ],
        "next": (_next_url(request, updated_since=str(page.position)) if page.has_more else None),
        "next_updated_since": str(page.position),
    }


@api.get(
    "/exercises/{language}/{slug}/",
    response={200: schemas.Exercise, ERRORS: schemas.Problem},
    url_name="exercise_detail",
    summary="One published exercise",
    tags=["exercises"],
)
def exercise_detail(request: HttpRequest, language: schemas.LanguageCode, slug: str) -> dict:
    exercise = published_exercise(language=language, slug=slug)
    if exercise is None:
        raise Http404(_("No such exercise."))
    return representations.exercise(exercise, representations.Urls(request))


@api.get(
    "/terms/{kind}/",
    response={200: schemas.TermList, ERRORS: schemas.Problem},
    url_name="term_list",
    summary="Every taxonomy term of a kind, with its names and published counts",
    tags=["terms"],
)
def term_list(request: HttpRequest, kind: Literal["category", "equipment", "muscle"]) -> dict:
    return {
        "results": [
            {
                **representations.term(item.term),
                "published": {"en": item.published.get("en", 0), "es": item.published.get("es", 0)},
            }
            for item in terms_with_counts(kind)
        ],
        "next": None,
    }


class WorkoutQuery(schemas.Schema):
    language: schemas.LanguageCode | None = Field(None, description="Only this language's.")
    difficulty: list[Literal["beginner", "intermediate", "advanced"]] = Field(
        [], description="Any of these difficulties."
    )
    kind: list[Literal["premade", "program", "generated"]] = Field(
        [], description="Any of these kinds."
    )
    category: list[schemas.TermSlug] = Field(
        [], description="Workout category slugs (any of them)."
    )
    equipment: list[schemas.TermSlug] = Field([], description="Equipment slugs (any of them).")
    muscle: list[schemas.TermSlug] = Field([], description="Focus muscle slugs (any of them).")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Workouts per page.")
    cursor: str | None = Field(
        None, min_length=1, max_length=2000, description="From a `next` URL."
    )


@api.get(
    "/workouts/",
    response={200: schemas.WorkoutList, ERRORS: schemas.Problem},
    url_name="workout_list",
    summary="List published workouts with their sections and items",
    tags=["workouts"],
)
def workout_list(request: HttpRequest, query: Query[WorkoutQuery]) -> dict:
    try:
        cursor = decode_cursor(query.cursor, sort="title") if query.cursor else None
    except BadCursor as error:
        raise ProblemError(
            400, _("The cursor is not one this API made for this sort order.")
        ) from error
    filters = WorkoutFilters(
        language=query.language,
        multiple={
            name: getattr(query, name)
            for name in ("difficulty", "kind", "category", "equipment", "muscle")
        },
    )
    page = workout_page(filters, after=cursor.after if cursor else None, limit=query.limit)
    next_url = None
    if page.has_more:
        last = Cursor("title", sort_key(page.workouts[-1], "title"), 0)
        next_url = _next_url(request, cursor=encode_cursor(last))
    urls = representations.Urls(request)
    return {
        "results": [representations.workout(item, urls) for item in page.workouts],
        "next": next_url,
    }


@api.get(
    "/workouts/{language}/{slug}/",
    response={200: schemas.Workout, ERRORS: schemas.Problem},
    url_name="workout_detail",
    summary="One published workout with its sections and items",
    tags=["workouts"],
)
def workout_detail(request: HttpRequest, language: schemas.LanguageCode, slug: str) -> dict:
    workout = published_workout(language=language, slug=slug)
    if workout is None:
        raise Http404(_("No such workout."))
    return representations.workout(workout, representations.Urls(request))


class GeneratorQuery(schemas.Schema):
    language: schemas.LanguageCode = Field("en", description="The exercises' language.")
    duration: int = Field(
        DEFAULT_MINUTES, ge=MIN_MINUTES, le=MAX_MINUTES, description="Minutes the workout lasts."
    )
    equipment: list[schemas.TermSlug] = Field(
        [],
        max_length=50,
        description="Equipment slugs the exercises may use; none: equipment-free exercises only.",
    )
    difficulty: Difficulty = Field(DEFAULT_DIFFICULTY, description="The hardest level allowed.")
    focus: Focus = Field(Focus.ALL, description="The body area of the main section, or all.")
    seed: int = Field(0, ge=0, le=2**31 - 1, description="Another seed, another workout.")


@api.get(
    "/workouts/generate",
    response={200: schemas.GeneratedWorkout, ERRORS: schemas.Problem},
    url_name="workout_generate",
    summary="A workout built from the published exercises of a language for a request",
    description=(
        "Warm-up, main and cool-down in proportion; only the equipment given (or none); "
        "nothing above the difficulty; the focus where enough exercises fit; no exercise "
        "twice; within 10% of the duration. The same request gives the same workout. When "
        "nothing fits, `sections` is empty and `suggestions` say what to relax."
    ),
    tags=["workouts"],
)
def workout_generate(request: HttpRequest, query: Query[GeneratorQuery]) -> dict:
    equipment = sorted(set(query.equipment))
    unknown = unknown_equipment(equipment)
    if unknown:
        raise ProblemError(
            400, format_lazy(_("No equipment is called {slugs}."), slugs=", ".join(unknown))
        )
    library = generator_library(language=query.language)
    plan = generate_workout(
        candidates=library.candidates,
        duration=query.duration,
        equipment=equipment,
        difficulty=query.difficulty,
        focus=query.focus,
        seed=query.seed,
    )
    with translation.override(query.language):
        page = reverse("workout_generator")
    return representations.generated_workout(
        plan,
        language=query.language,
        slugs=exercise_slugs([item.candidate.id for item in plan.items]),
        urls=representations.Urls(request),
        endpoint=request.path,
        page=page,
    )
