"""The page cache across worker processes: an edit is visible on the very next request,
whichever process answers it.

Two real servers run on the test database, each with its own in-memory page cache, sharing
only the content version (Redis when REDIS_URL is set, else the file-based cache).
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from exercises.models import Exercise, Status
from exercises.services import exercises_set_status
from tests.factories import make_exercise

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    user = database["USER"] or "postgres"
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    port = database["PORT"] or 5432
    return f"postgres://{user}{password}@{database['HOST']}:{port}/{database['NAME']}"


def _get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


@pytest.fixture
def two_workers(transactional_db):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pilates.settings_test",
        "DATABASE_URL": _database_url(),
        "PILATES_PAGE_CACHE": "1",
        "PYTHONUNBUFFERED": "1",
    }
    if not settings.REDIS_URL:
        environment["PILATES_CACHE_DIR"] = settings.CACHES["content_version"]["LOCATION"]
    ports = [_free_port(), _free_port()]
    servers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        deadline = time.monotonic() + 30
        for port in ports:
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        pytest.fail("the worker processes did not start")
                    time.sleep(0.1)
        yield ports
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


def test_an_edit_is_visible_on_the_next_request_in_every_worker(settings, two_workers):
    settings.PAGE_CACHE_ENABLED = True
    first, second = two_workers
    exercise = make_exercise(title="Roll Up", slug="roll-up")
    for port in (first, second, first, second):  # both workers now hold the page
        assert "Roll Up" in _get(port, "/exercises/roll-up/")[1]

    exercise.title = "Roll Up, slowly"
    exercise.save()

    assert "Roll Up, slowly" in _get(second, "/exercises/roll-up/")[1]
    assert "Roll Up, slowly" in _get(first, "/exercises/roll-up/")[1]
    assert "Roll Up, slowly" in _get(first, "/exercises/")[1]

    exercises_set_status(exercises=Exercise.objects.all(), status=Status.DRAFT)

    assert _get(first, "/exercises/roll-up/")[0] == 404
    assert _get(second, "/exercises/roll-up/")[0] == 404
