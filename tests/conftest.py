import pytest
from django.contrib.auth.models import Permission
from django.core.cache import caches


@pytest.fixture
def editor(django_user_model):
    """A staff user with the editor's permissions on the exercise library (not a superuser)."""
    user = django_user_model.objects.create_user(
        username="editor", password="correct horse battery", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["exercises", "taggit"])
    )
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with no cached pages and no content version (Redis outlives tests)."""
    for cache in caches.all():
        cache.clear()
