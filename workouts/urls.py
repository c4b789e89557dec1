"""The public workout pages. URL names carry no namespace (``workout_list``,
``workout_detail``, ``workout_generator``); the paths are translated like the exercises'
(``/workouts/`` and ``/es/entrenamientos/``)."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from publishing.canonical import page_query_parameters
from workouts.site import (
    sitemaps,  # noqa: F401  (the sitemap's workouts section, after the exercises')
    views,
)
from workouts.site.feeds import LatestWorkoutsFeed

urlpatterns = [
    path(pgettext_lazy("URL path", "workouts/"), views.workout_list, name="workout_list"),
    path(
        pgettext_lazy("URL path", "workouts/generator/"),
        views.workout_generator,
        name="workout_generator",
    ),
    path(
        pgettext_lazy("URL path", "workouts/generator/save/"),
        views.workout_generator_save,
        name="workout_generator_save",
    ),
    # Before the detail pattern, which would otherwise take "feed" for a slug.
    path(
        pgettext_lazy("URL path", "workouts/feed/"),
        page_query_parameters()(LatestWorkoutsFeed()),
        name="workout_feed",
    ),
    path(
        pgettext_lazy("URL path", "workouts/<slug:slug>/"),
        views.workout_detail,
        name="workout_detail",
    ),
]
