"""An Atom feed of the newest published workouts in the page's language."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from publishing.feeds import FEED_LENGTH, ContentFeed
from workouts.models import Workout


class LatestWorkoutsFeed(ContentFeed):
    def title(self):
        return _("%(site)s: new workouts") % {"site": settings.SITE_NAME}

    def subtitle(self):
        return _("The newest follow-along workouts built from the library's exercises.")

    def link(self):
        return reverse("workout_list")

    def feed_url(self):
        return reverse("workout_feed")

    def items(self):
        return (
            Workout.objects.published()
            .in_language(get_language())
            .prefetch_related("categories")
            .newest_first()[:FEED_LENGTH]
        )

    def item_categories(self, workout):
        return [category.name_in(workout.language) for category in workout.categories.all()]
