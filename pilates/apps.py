from django.apps import AppConfig


class PilatesConfig(AppConfig):
    """The project itself: its system checks."""

    name = "pilates"
    verbose_name = "Pilates"

    def ready(self) -> None:
        from pilates import checks  # noqa: F401  (registers the checks)
