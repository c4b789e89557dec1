"""Settings are read at import time, so each case runs Django in a fresh process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

PROJECT = Path(__file__).resolve().parent.parent
PRODUCTION_KEY = "k" * 20 + "-production-secret-key-with-enough-entropy-0123456789"


def run_django(*args: str, **environ: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS_URL", "DATABASE_URL"))
    }
    env |= {"DJANGO_SETTINGS_MODULE": "pilates.settings", **environ}
    return subprocess.run(
        [sys.executable, *args], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=60
    )


def read_settings(*names: str, **environ: str) -> dict:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = run_django("-c", code, **environ)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_debug_is_on_with_a_generated_key_when_asked_for_local_runs():
    values = read_settings("DEBUG", "SECRET_KEY", "SECURE_SSL_REDIRECT", DJANGO_DEBUG="1")

    assert values["DEBUG"] is True
    assert len(values["SECRET_KEY"]) >= 50
    assert values["SECURE_SSL_REDIRECT"] is False


def test_debug_is_off_unless_the_environment_turns_it_on():
    assert read_settings("DEBUG")["DEBUG"] is False


def test_a_bare_shell_starts_and_reports_debug_off():
    result = run_django(
        "manage.py", "shell", "-c", "from django.conf import settings; print(settings.DEBUG)"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_the_wsgi_entry_point_refuses_to_serve_without_a_secret_key():
    result = run_django("-c", "import pilates.wsgi", DJANGO_DEBUG="0")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_middleware_is_declared_once_and_never_modified():
    source = (PROJECT / "pilates" / "settings.py").read_text()

    assert source.count("MIDDLEWARE") == 1


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django("manage.py", "check", "--deploy", DJANGO_DEBUG="0")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_turns_https_protections_on_by_default():
    values = read_settings(
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=PRODUCTION_KEY,
    )

    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
    }


def test_each_production_protection_can_be_switched_off():
    values = read_settings(
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=PRODUCTION_KEY,
        DJANGO_SECURE_SSL_REDIRECT="0",
    )

    assert values == {"SECURE_SSL_REDIRECT": False, "SESSION_COOKIE_SECURE": True}


def test_check_deploy_is_clean_with_production_settings():
    result = run_django(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=PRODUCTION_KEY,
        DJANGO_ALLOWED_HOSTS="pilates.example.com",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_database_and_cache_come_from_the_environment():
    values = read_settings(
        "DATABASES",
        "CACHES",
        DATABASE_URL="postgres://someone@db.example.com:5432/library",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )

    database = values["DATABASES"]["default"]
    assert (database["ENGINE"], database["NAME"], database["HOST"]) == (
        "django.db.backends.postgresql",
        "library",
        "db.example.com",
    )
    assert values["CACHES"]["default"]["BACKEND"].endswith("RedisCache")
    assert values["CACHES"]["default"]["LOCATION"] == "redis://127.0.0.1:6379/3"


def test_unresponsive_services_time_out_in_seconds():
    values = read_settings(
        "DATABASES",
        "CACHES",
        DATABASE_URL="postgres://someone@db.example.com:5432/library",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )

    assert values["DATABASES"]["default"]["OPTIONS"]["connect_timeout"] == 5
    for alias in ("default", "pages", "content_version"):
        options = values["CACHES"][alias]["OPTIONS"]
        assert options == {"socket_connect_timeout": 1.0, "socket_timeout": 1.0}


def test_pages_are_cached_for_the_first_allowed_host_in_production():
    values = read_settings(
        "SITE_HOST",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=PRODUCTION_KEY,
        DJANGO_ALLOWED_HOSTS=".example.com,Pilates.example.com,www.example.com",
    )
    assert values["SITE_HOST"] == "pilates.example.com"
    configured = read_settings(
        "SITE_HOST", DJANGO_ALLOWED_HOSTS="*", PILATES_SITE_HOST="pilates.example.com"
    )
    assert configured["SITE_HOST"] == "pilates.example.com"


def test_default_database_is_a_sqlite_file_in_the_project():
    database = read_settings("DATABASES")["DATABASES"]["default"]

    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(database["NAME"]) == PROJECT / "db.sqlite3"


@pytest.mark.parametrize("module", ["pilates.wsgi", "pilates.asgi"])
def test_application_entry_points_load_with_production_settings(module):
    result = run_django(
        "-c",
        f"import {module} as entry; print(type(entry.application).__name__)",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=PRODUCTION_KEY,
        DJANGO_ALLOWED_HOSTS="pilates.example.com",
    )

    assert result.returncode == 0, result.stderr
    assert "Handler" in result.stdout


@pytest.mark.django_db
def test_sqlite_writes_ahead_so_imports_commit_cheaply_and_readers_are_not_blocked():
    if connection.vendor != "sqlite":
        pytest.skip("a SQLite setting")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal_mode = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]
    assert journal_mode == "wal"
    assert synchronous == 1  # NORMAL


def test_postgresql_connections_run_without_jit_and_sqlite_ones_are_left_alone():
    postgres = read_settings("DATABASES", DATABASE_URL="postgres://someone@db.example.com/lib")
    sqlite = read_settings("DATABASES", DATABASE_URL="sqlite:////tmp/pilates.sqlite3")

    assert postgres["DATABASES"]["default"]["OPTIONS"]["options"] == "-c jit=off"
    assert "options" not in sqlite["DATABASES"]["default"]["OPTIONS"]
