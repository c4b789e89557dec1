from django.apps import AppConfig


class ContentTypeAppConfig(AppConfig):
    """A content type that exists only in the tests (tables made without migrations), to
    show that declaring the publishing mixins is all a second model needs."""

    name = "tests.content_type_app"
    label = "content_type_app"
    default_auto_field = "django.db.models.BigAutoField"
