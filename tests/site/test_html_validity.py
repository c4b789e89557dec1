"""Pages pass the W3C Nu HTML checker with no errors.

The checker (npm ``vnu-jar``, installed by ``make vnu``) runs once over a sample of pages
saved to files: home, list, filtered list, an English and a Spanish detail page, the 404,
the workout generator and the workout list (filtered, and empty).
Skipped where Java or the checker is missing, unless REQUIRE_VNU=1 (CI sets it).
"""

import json
import os
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from exercises.models import Exercise

pytestmark = [pytest.mark.vnu, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / ".vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
FIXTURES = ROOT / "fixtures"


@pytest.fixture
def vnu() -> list[str]:
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        reason = "the Nu HTML checker needs Java and `make vnu`"
        if os.environ.get("REQUIRE_VNU", "0") not in ("", "0"):
            pytest.fail(reason)
        pytest.skip(reason)
    return [java, "-Xss2m", "-jar", str(VNU_JAR)]


def _pages(client) -> dict[str, bytes]:
    call_command("import_exercises", str(FIXTURES), stdout=StringIO(), stderr=StringIO())
    call_command(
        "import_workouts", str(FIXTURES / "workouts"), stdout=StringIO(), stderr=StringIO()
    )
    english = Exercise.objects.published().filter(language="en", steps__isnull=False).first()
    spanish = Exercise.objects.published().filter(language="es", steps__isnull=False).first()
    howto = Exercise.objects.published().filter(source_text__contains="<!-- howto -->").first()
    assert english and spanish and howto
    urls = {
        "home": "/",
        "list": "/exercises/",
        "filtered-list": "/exercises/?difficulty=beginner&sort=title",
        "spanish-list": "/es/ejercicios/",
        "detail-en": english.get_absolute_url(),
        "detail-es": spanish.get_absolute_url(),
        "detail-howto": howto.get_absolute_url(),
        "not-found": "/exercises/no-such-exercise/",
        "generator-en": "/workouts/generator/",
        "generator-es": "/es/entrenamientos/generador/?duration=10&equipment=mat&focus=core",
        "generator-nothing-fits": "/workouts/generator/?duration=60&difficulty=beginner",
        "workout-list-en": "/workouts/",
        "workout-list-es": "/es/entrenamientos/?duration=up-to-10&equipment=mat",
        "workout-list-empty": "/workouts/?duration=over-45&difficulty=advanced",
    }
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not-found" else 200), url
        pages[name] = response.content
    return pages


def test_sample_pages_have_no_html_errors(client, vnu, tmp_path):
    assert html_errors(vnu, _pages(client), tmp_path) == []


def html_errors(vnu: list[str], pages: dict[str, bytes], folder: Path) -> list[str]:
    """The checker's errors over ``pages`` (name: HTML), each as "name.html:line: message"."""
    for name, content in pages.items():
        (folder / f"{name}.html").write_bytes(content)

    result = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{Path(message.get('url', '')).name}:{message.get('lastLine')}: {message['message']}"
        for message in messages
        if message.get("type") == "error"
    ]
    assert errors or result.returncode == 0, result.stderr
    return errors
