"""Settings for the Pilates exercise library, read from the environment.

Debug is off unless ``DJANGO_DEBUG`` turns it on (``make run`` does, for local use), so a
production start that forgets a variable is never a debug server. The database is a SQLite
file in the project unless ``DATABASE_URL`` names another. Without ``DJANGO_SECRET_KEY`` a
throw-away key is generated per process: enough for a shell or a local run, and refused by
the ``pilates.E001`` system check and the WSGI/ASGI entry points when debug is off. With
debug off the HTTPS, cookie and HSTS protections are on unless switched off one by one.
"""

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
# Whether the key is the deployment's own; pilates.checks and pilates.wsgi refuse to serve
# without it when debug is off (several app servers must share one key).
SECRET_KEY_CONFIGURED = bool(SECRET_KEY)
if not SECRET_KEY:
    # A fresh key per process: fine for development, where sessions need not survive restarts.
    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "pilates",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "taggit",
    "reversion",
    "reversion_compare",
    "axes",
    "publishing",
    "exercises",
    "workouts",
    # After exercises: its change-log step runs after the library's pipeline steps.
    "api",
    # The API's schema and docs page (Swagger UI, served from the package: no CDN).
    "ninja",
]

MIDDLEWARE = [
    # First: load balancers probe /healthz and /readyz by address, over plain HTTP, with a
    # Host that is not a site name; nothing below (SSL redirect, host validation) may answer.
    "pilates.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "pilates.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Media on the local disk, answered before sessions, the page cache and gzip see them.
    "exercises.media.serving.MediaFilesMiddleware",
    # The page cache stores the response as sent (gzipped, with its validators), so it sits
    # outside GZip and ConditionalGet; its fetch half is last, once the language is known.
    "publishing.caching.PageCacheUpdateMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # The public API's rate limit, CORS, cache headers and error format (inside ETag/gzip).
    "api.http.ApiHttpMiddleware",
    # Turns a database outage in a view into the branded 503; the page cache's fetch half,
    # below it, first serves the page's last good copy when it has one.
    "pilates.outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After authentication, as django-axes asks: it turns a locked-out login into its response.
    "axes.middleware.AxesMiddleware",
    # Old addresses (imported pages, renamed slugs) answer 301 where the site answers 404;
    # before the page cache's fetch, so a page served from the cache costs it nothing.
    "exercises.site.redirects.OldAddressRedirectMiddleware",
    "publishing.caching.PageCacheFetchMiddleware",
]

ROOT_URLCONF = "pilates.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "pilates.wsgi.application"
ASGI_APPLICATION = "pilates.asgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that does not answer fails a request in seconds (the branded 503:
    # pilates/outage.py) instead of holding a worker until gunicorn kills it.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("PILATES_DATABASE_CONNECT_TIMEOUT", "5")
    )
    # The app's queries are short: PostgreSQL's JIT compiled the admin search's plan for a
    # second (1.1 s of 1.9 s at 50,000 exercises) to save milliseconds of execution.
    DATABASES["default"]["OPTIONS"]["options"] = "-c jit=off"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead logging lets readers (page requests) go on while an import writes, and
    # synchronous=NORMAL makes each per-file commit cheap without risking corruption; writers
    # take the lock up front instead of failing to upgrade it mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES: dict[str, dict[str, Any]]
# Seconds a Redis connect or command may take before the cache counts as down (the site
# then serves uncached pages: publishing/failopen.py).
REDIS_TIMEOUT = float(os.environ.get("PILATES_REDIS_TIMEOUT", "1"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pilates",
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Media (uploads, renditions, imported pictures) go through the default storage: the local
# disk under MEDIA_ROOT, served by exercises.media.serving, or an S3-compatible bucket shared
# by every app server when AWS_STORAGE_BUCKET_NAME is set. The AWS_* names are django-storages'
# own; objects are public-read and linked unsigned (exercises/media/storage.py says why).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID") or None
AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY") or None
AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
AWS_S3_URL_PROTOCOL = os.environ.get("AWS_S3_URL_PROTOCOL", "https:")
# Empty for a bucket with ACLs switched off that a bucket policy or a CDN makes readable.
AWS_DEFAULT_ACL = os.environ.get("AWS_DEFAULT_ACL", "public-read") or None
MEDIA_STORAGE = (
    {"BACKEND": "exercises.media.storage.PublicMediaStorage"}
    if AWS_STORAGE_BUCKET_NAME
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads larger than this are refused by the admin; the importer has its own --max-bytes.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Django's default of 1,000 fields is below what the change form of a long exercise posts:
# 100 steps, 50 modifications, 50 FAQs and 20 videos come to about 1,300 (5 to 9 per row).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

SITE_NAME = os.environ.get("PILATES_SITE_NAME", "Pilates Exercise Library")

# Security: on by default whenever debug is off, each switchable for special deployments
# (for example DJANGO_SECURE_SSL_REDIRECT=0 behind a TLS-terminating proxy or on loopback).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("DJANGO_CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = int(
    os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp): the site itself, YouTube's privacy-friendly embed and
# its thumbnails; no inline script or style and no nonces, because whole pages are cached.


def media_origins() -> list[str]:
    """Where pictures are linked from, when not from this site: the bucket or its domain."""
    if AWS_STORAGE_BUCKET_NAME:
        if AWS_S3_CUSTOM_DOMAIN:
            return [f"{AWS_S3_URL_PROTOCOL}//{AWS_S3_CUSTOM_DOMAIN}"]
        if AWS_S3_ENDPOINT_URL:
            endpoint = urlsplit(AWS_S3_ENDPOINT_URL)
            # Path-style (endpoint/bucket/key) or virtual-hosted (bucket.endpoint/key).
            return [
                f"{endpoint.scheme}://{endpoint.netloc}",
                f"{endpoint.scheme}://{AWS_STORAGE_BUCKET_NAME}.{endpoint.netloc}",
            ]
        return [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"] + (
            [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{AWS_S3_REGION_NAME}.amazonaws.com"]
            if AWS_S3_REGION_NAME
            else []
        )
    media_url = urlsplit(MEDIA_URL)
    return [f"{media_url.scheme}://{media_url.netloc}"] if media_url.netloc else []


_MEDIA_HOSTS = media_origins()
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "https://i.ytimg.com", *_MEDIA_HOSTS],
        "frame-src": ["https://www.youtube-nocookie.com"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Browser features the pages never use are switched off; the video embed keeps what it needs.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    'autoplay=(self "https://www.youtube-nocookie.com"), '
    'encrypted-media=(self "https://www.youtube-nocookie.com"), '
    'fullscreen=(self "https://www.youtube-nocookie.com"), '
    'picture-in-picture=(self "https://www.youtube-nocookie.com")'
)

# Admin login throttling (django-axes): after AXES_FAILURE_LIMIT failures for one username
# from one address, that pair is locked out for AXES_COOLOFF_TIME hours.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("DJANGO_AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Behind a proxy that sets X-Forwarded-For, the number of proxies in front of the app.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("DJANGO_AXES_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# The history's compare view compares a foreign key by the id it holds; otherwise a category
# or "translated from" shows as changed whenever any other field of the exercise changed.
REVERSION_COMPARE_FOREIGN_OBJECTS_AS_ID = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Whole-page cache and HTTP caching of the public site (publishing/caching.py). Pages live in
# the "pages" cache; the content version that invalidates them lives where every worker
# process sees it: Redis, or else a file-based cache on this machine.
PAGE_CACHE_ENABLED = env_bool("PILATES_PAGE_CACHE", True)
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_VERSION_ALIAS = "content_version"
PAGE_CACHE_TIMEOUT = int(os.environ.get("PILATES_PAGE_CACHE_TIMEOUT", "86400"))
PAGE_CACHE_MAX_AGE = int(os.environ.get("PILATES_PAGE_CACHE_MAX_AGE", "60"))
PAGE_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("PILATES_PAGE_CACHE_SWR", "600"))
# Pages are cached for this host whatever the request's Host says (a port, a case or an
# alias never makes another copy), and only renders for it are stored. By default the first
# plain name in DJANGO_ALLOWED_HOSTS when debug is off; empty: the request's own host.
SITE_HOST = (
    os.environ.get("PILATES_SITE_HOST", "").strip().lower()
    or next(
        (host for host in ALLOWED_HOSTS if not DEBUG and host != "*" and not host.startswith(".")),
        "",
    ).lower()
)
# Seconds a client should wait before retrying a page the database could not serve (503).
RETRY_AFTER = int(os.environ.get("PILATES_RETRY_AFTER", "30"))
if REDIS_URL:
    CACHES[PAGE_CACHE_ALIAS] = {**CACHES["default"], "KEY_PREFIX": "pilates-pages"}
    CACHES[PAGE_CACHE_VERSION_ALIAS] = {**CACHES["default"], "KEY_PREFIX": "pilates-version"}
else:
    CACHES[PAGE_CACHE_ALIAS] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pilates-pages",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
    CACHES[PAGE_CACHE_VERSION_ALIAS] = {
        "BACKEND": "publishing.filecache.LazyFileBasedCache",
        "LOCATION": os.environ.get("PILATES_CACHE_DIR", str(BASE_DIR / "var" / "cache")),
    }

# The sitemap protocol's limit; /sitemap.xml becomes an index of sections past it.
SITEMAP_SECTION_SIZE = 50_000

# The public API (/api/v1/): requests per minute per client address (0: no limit), counted
# in the default cache (Redis when REDIS_URL is set; a cache that is down lets requests
# through), and how long its answers may be reused.
API_THROTTLE = int(os.environ.get("PILATES_API_THROTTLE", "600"))
API_MAX_AGE = int(os.environ.get("PILATES_API_MAX_AGE", str(PAGE_CACHE_MAX_AGE)))
