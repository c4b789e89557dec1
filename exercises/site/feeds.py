"""An Atom feed of the newest published exercises in the page's language."""

from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from exercises.site.selectors import published_exercises

FEED_LENGTH = 20


class LatestExercisesFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("%(site)s: new exercises") % {"site": settings.SITE_NAME}

    def subtitle(self):
        return _("The newest exercises in the library.")

    def link(self):
        return reverse("exercises:list")

    def feed_url(self):
        return reverse("exercises:feed")

    def items(self):
        return (
            published_exercises(language=get_language())
            .select_related("category")
            .newest_first()[:FEED_LENGTH]
        )

    def item_title(self, exercise):
        return exercise.title

    def item_description(self, exercise):
        return exercise.description

    def item_link(self, exercise):
        return exercise.get_absolute_url()

    def item_pubdate(self, exercise):
        return _as_datetime(exercise.published_on) or exercise.created_at

    def item_updateddate(self, exercise):
        return _as_datetime(exercise.last_modified_on) or exercise.updated_at

    def item_author_name(self, exercise):
        return exercise.author or None

    def item_categories(self, exercise):
        return [exercise.category.name_in(exercise.language)] if exercise.category else []


def _as_datetime(day):
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())
