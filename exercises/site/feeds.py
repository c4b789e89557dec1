"""An Atom feed of the newest published exercises in the page's language."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from exercises.site.selectors import published_exercises
from publishing.feeds import FEED_LENGTH, ContentFeed


class LatestExercisesFeed(ContentFeed):
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

    def item_author_name(self, exercise):
        return exercise.author or None

    def item_categories(self, exercise):
        return [exercise.category.name_in(exercise.language)] if exercise.category else []
