from django.urls import path
from django.utils.translation import pgettext_lazy

from exercises.site import views
from exercises.site.feeds import LatestExercisesFeed
from publishing.canonical import page_query_parameters

app_name = "exercises"

urlpatterns = [
    path("", views.home, name="home"),
    path(pgettext_lazy("URL path", "exercises/"), views.exercise_list, name="list"),
    # Before the detail pattern, which would otherwise take "feed" for a slug.
    path(
        pgettext_lazy("URL path", "exercises/feed/"),
        page_query_parameters()(LatestExercisesFeed()),
        name="feed",
    ),
    path(
        pgettext_lazy("URL path", "exercises/suggest/"),
        views.exercise_suggestions,
        name="suggest",
    ),
    path(
        pgettext_lazy("URL path", "exercises/<slug:slug>/"),
        views.exercise_detail,
        name="detail",
    ),
]
