"""The public workout pages. URL names carry no namespace (``workout_list``,
``workout_detail``, ``workout_generator``); the paths are translated like the exercises'
(``/workouts/`` and ``/es/entrenamientos/``)."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from workouts.site import (
    sitemaps,  # noqa: F401  (the sitemap's workouts section, after the exercises')
    views,
)

urlpatterns = [
    path(pgettext_lazy("URL path", "workouts/"), views.workout_list, name="workout_list"),
    path(
        pgettext_lazy("URL path", "workouts/generator/"),
        views.workout_generator,
        name="workout_generator",
    ),
    path(
        pgettext_lazy("URL path", "workouts/<slug:slug>/"),
        views.workout_detail,
        name="workout_detail",
    ),
]
