from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language

from exercises.models import Exercise
from exercises.selectors import exercise_visible_to


def home(request):
    exercises = Exercise.objects.published().in_language(get_language()).with_taxonomies()
    return render(request, "exercises/home.html", {"exercises": exercises[:12]})


def exercise_list(request):
    exercises = Exercise.objects.published().in_language(get_language()).with_taxonomies()
    return render(request, "exercises/exercise_list.html", {"exercises": exercises})


def exercise_detail(request, slug):
    exercise = exercise_visible_to(user=request.user, language=get_language(), slug=slug)
    if exercise is None:
        raise Http404("No such exercise.")
    return render(request, "exercises/exercise_detail.html", {"exercise": exercise})
