"""The sitemap's workouts section: every published workout in its own language, its
translation as hreflang alternates (``publishing.sitemaps.ContentSitemap``). Registered
when the workout URLs are (``workouts/urls.py`` imports this module)."""

from publishing.sitemaps import ContentSitemap, register_sitemap
from workouts.models import Workout


class WorkoutSitemap(ContentSitemap):
    model = Workout
    detail_url_name = "workout_detail"


register_sitemap("workouts", WorkoutSitemap)
