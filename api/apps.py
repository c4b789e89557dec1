from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = _("Public API")

    def ready(self) -> None:
        from api.services import record_exercise_changes
        from exercises.models import Exercise
        from publishing import pipeline

        # After the exercise library's own steps (listed before this app), so each change
        # is logged once its derived data (HTML, renditions, search document) is stored.
        pipeline.register(Exercise, record_exercise_changes)
