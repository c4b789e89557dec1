"""Test overrides, all in one place: fast hashing, throw-away media, no HTTPS redirects."""

import os
import tempfile
from pathlib import Path

# Server processes that tests start read these settings too; they run with debug off, as in
# production, and need a key of their own.
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-" + "not-a-secret-" * 4)

from pilates.settings import *  # noqa: F403

# A content type of the tests' own (tests/content_type_app): the publishing mixins on a
# second model.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.content_type_app"]  # noqa: F405

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="pilates-test-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="pilates-test-static-"))
STORAGES = {
    "default": MEDIA_STORAGE,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if not REDIS_URL:  # noqa: F405
    # The content version must be shared with the server processes some tests start.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Server processes that must share pages with the tests get a directory for them.
        PAGE_CACHE_ALIAS: (  # noqa: F405
            {
                "BACKEND": "publishing.filecache.LazyFileBasedCache",
                "LOCATION": os.environ["PILATES_TEST_PAGE_CACHE_DIR"],
            }
            if os.environ.get("PILATES_TEST_PAGE_CACHE_DIR")
            else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        ),
        PAGE_CACHE_VERSION_ALIAS: {  # noqa: F405
            "BACKEND": "publishing.filecache.LazyFileBasedCache",
            "LOCATION": os.environ.get("PILATES_CACHE_DIR")
            or tempfile.mkdtemp(prefix="pilates-test-cache-"),
        },
    }
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["*"]
# Most tests read response.context, which a page served from the cache does not have; the
# page cache tests switch it on (tests/test_page_cache.py).
PAGE_CACHE_ENABLED = env_bool("PILATES_PAGE_CACHE", False)  # noqa: F405

# A file, not memory, so that server processes started by a test can open the test database.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.mkdtemp(prefix="pilates-test-db-")) / "test.sqlite3")
    }
# Pages are cached for whatever host a test asks for unless a test configures one.
SITE_HOST = os.environ.get("PILATES_SITE_HOST", "")
