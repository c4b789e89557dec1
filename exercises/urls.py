from django.urls import path
from django.utils.translation import pgettext_lazy

from exercises import views

app_name = "exercises"

urlpatterns = [
    path("", views.home, name="home"),
    path(pgettext_lazy("URL path", "exercises/"), views.exercise_list, name="list"),
    path(
        pgettext_lazy("URL path", "exercises/<slug:slug>/"),
        views.exercise_detail,
        name="detail",
    ),
]
