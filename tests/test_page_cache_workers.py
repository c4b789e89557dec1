"""The page cache across worker processes: an edit is visible on the very next request,
whichever process answers it.

Two real servers run on the test database, each with its own in-memory page cache, sharing
only the content version (Redis when REDIS_URL is set, else the file-based cache).
"""

import pytest

from exercises.models import Exercise, Status
from exercises.services import exercises_set_status
from tests.factories import make_exercise
from tests.servers import AppServer


def _get(server: AppServer, path: str) -> tuple[int, str]:
    response = server.get(path)
    return response.status, response.body


@pytest.fixture
def two_workers(transactional_db):
    servers = [AppServer(environ={"PILATES_PAGE_CACHE": "1"}) for _ in range(2)]
    try:
        for server in servers:
            server.start()
        yield servers
    finally:
        for server in servers:
            server.stop()


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
