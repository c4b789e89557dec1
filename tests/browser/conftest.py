"""Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

One browser per session (``tests.chromium``, shared with tests/deploy) keeps the suite fast;
every test gets a fresh context (cookies, storage) whose requests to anywhere but the live
server are refused, so nothing waits on the network. A failing test leaves a screenshot
and the page's HTML in test-artifacts/.
"""

import os
import re
from datetime import date
from pathlib import Path

import pytest

from exercises.models import Category, Equipment, Muscle, Step, VideoReference
from tests.factories import make_exercise, make_term

# Playwright's sync API runs an event loop in this thread; the ORM would otherwise refuse
# to run here with SynchronousOnlyOperation. Set before any test touches the database.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def page(request, browser, live_server, transactional_db):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.set_default_timeout(10_000)

    def only_the_live_server(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_the_live_server)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        (ARTIFACTS / f"{name}.html").write_text(page.content(), encoding="utf-8")
    context.close()


@pytest.fixture
def library(transactional_db):
    """Four English exercises with terms, steps and a video, and one Spanish translation."""
    mat = make_term(Category, "Mat")
    mat_equipment = make_term(Equipment, "Mat")
    band = make_term(Equipment, "Band")
    core = make_term(Muscle, "Core")
    glutes = make_term(Muscle, "Glutes")
    rows = [
        ("The Hundred", "beginner", [mat_equipment], [core]),
        ("Shoulder Bridge", "beginner", [mat_equipment], [glutes]),
        ("Band Kickback", "intermediate", [band], [glutes]),
        ("Teaser", "advanced", [mat_equipment], [core]),
    ]
    exercises = {}
    for title, difficulty, equipment, muscles in rows:
        exercise = make_exercise(
            title=title,
            difficulty=difficulty,
            category=mat,
            duration=60,
            description=f"{title} in a few calm steps.",
            published_on=date(2024, 1, 1),
        )
        exercise.equipment.add(*equipment)
        exercise.muscles.add(*muscles)
        Step.objects.create(exercise=exercise, position=1, text="Start lying down.")
        exercises[title] = exercise
    hundred = exercises["The Hundred"]
    hundred.translation_key = "hundred"
    hundred.save()
    VideoReference.objects.create(exercise=hundred, position=1, video_id="O5-ROTyo2dA")
    exercises["El Cien"] = make_exercise(
        title="El Cien", slug="el-cien", language="es", translation_key="hundred"
    )
    return exercises
