import os

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import caches
from hypothesis import settings

from publishing import failopen


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
    failopen.reset()  # a cache broken on purpose by one test is not held off in the next


# Property-based tests: few examples per run so the suite stays fast; each run draws new ones.
# HYPOTHESIS_PROFILE=thorough runs many more, for a hunt.
settings.register_profile("default", max_examples=40, deadline=None, database=None)
settings.register_profile("thorough", max_examples=2_000, deadline=None, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
