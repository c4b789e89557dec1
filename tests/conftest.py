import os

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import caches
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import translation
from hypothesis import settings

from publishing import failopen
from tests.chromium import browser  # noqa: F401  (the session's one Chromium)


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


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a Spanish page asked for through the test
    client leaves Spanish active in this thread (LocaleMiddleware activates it, and nothing
    resets it after the response)."""
    translation.deactivate()


def _only_test_transactions_open(connection) -> bool:
    return connection.in_atomic_block and all(
        getattr(block, "_from_testcase", False) for block in connection.atomic_blocks
    )


def _run_commit_hooks(connection) -> None:
    while connection.run_on_commit and _only_test_transactions_open(connection):
        _sids, hook, _robust = connection.run_on_commit.pop(0)
        hook()  # robust or not: a failing hook fails the test


@pytest.fixture(autouse=True)
def _commit_hooks_run_as_in_production(monkeypatch):
    """A test runs inside transactions that never commit, so Django would never run the
    ``transaction.on_commit`` hooks (the publishing pipeline is one). Here they run when
    the code's own outermost transaction commits, or at once when registered outside of
    one: when they would run in production. A rolled-back block still drops its hooks."""
    original_exit = transaction.Atomic.__exit__
    original_on_commit = BaseDatabaseWrapper.on_commit

    def exit_and_run_hooks(self, exc_type, exc_value, traceback):
        result = original_exit(self, exc_type, exc_value, traceback)
        if exc_type is None and not self._from_testcase:
            _run_commit_hooks(transaction.get_connection(self.using))
        return result

    def on_commit_and_run_hooks(self, func, robust=False):
        original_on_commit(self, func, robust)
        _run_commit_hooks(self)

    monkeypatch.setattr(transaction.Atomic, "__exit__", exit_and_run_hooks)
    monkeypatch.setattr(BaseDatabaseWrapper, "on_commit", on_commit_and_run_hooks)


# Property-based tests: few examples per run so the suite stays fast; each run draws new ones.
# HYPOTHESIS_PROFILE=thorough runs many more, for a hunt.
settings.register_profile("default", max_examples=40, deadline=None, database=None)
settings.register_profile("thorough", max_examples=2_000, deadline=None, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
