"""System checks for what the settings cannot refuse at import time.

The settings import must succeed without a secret key, so that a bare ``manage.py shell``
and management commands run locally; ``check --deploy`` and the WSGI/ASGI entry points (so
``runserver`` and gunicorn) refuse.
"""

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

MISSING_SECRET_KEY = "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off."


@register(deploy=True)
def secret_key_is_configured(app_configs, **kwargs) -> list[Error]:
    if settings.DEBUG or settings.SECRET_KEY_CONFIGURED:
        return []
    return [
        Error(
            MISSING_SECRET_KEY,
            hint="Set it in the environment; every app server must share the same key.",
            id="pilates.E001",
        )
    ]


def refuse_to_serve_without_secret_key() -> None:
    """Called by the WSGI and ASGI entry points, which run no system checks."""
    if not settings.DEBUG and not settings.SECRET_KEY_CONFIGURED:
        raise ImproperlyConfigured(MISSING_SECRET_KEY)
