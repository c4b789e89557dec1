from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """What makes a model published content, shared by every content type."""

    name = "publishing"
    verbose_name = "Publishing"
