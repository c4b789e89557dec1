"""Two imports of one folder at once, in two processes, on PostgreSQL: both finish cleanly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from exercises.models import Category, Equipment, Exercise, Muscle
from tests.importing.helpers import write

ROOT = Path(__file__).resolve().parents[2]
FILES = 40

pytestmark = [
    # Committed rows, so the two child processes see each other's work.
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite serialises writers on one lock"
    ),
]


def database_url() -> str:
    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    port = settings.get("PORT") or 5432
    return (
        f"postgres://{settings['USER']}{password}@{settings['HOST'] or 'localhost'}:{port}/"
        f"{settings['NAME']}"
    )


def test_two_imports_of_one_folder_at_once_both_finish_without_errors(tmp_path):
    # Counted from empty vocabularies: a fresh test database holds the seeded terms, which a
    # transactional test run earlier would have flushed, so the outcome must not depend on order.
    for model in (Category, Equipment, Muscle):
        model.objects.all().delete()
    for number in range(FILES):
        # New terms in every file, shared by all of them; every fourth slug taken twice.
        write(
            tmp_path / f"mat/ex-{number:02d}.md",
            f"---\ntitle: Exercise {number // 4 if number % 4 == 0 else number}\n"
            f"equipment: [mat, ring-{number % 5}]\nmuscles: [core, glutes-{number % 3}]\n"
            f"keywords: [shared, tag-{number % 7}]\n---\nBody {number}.\n",
        )
    environment = os.environ | {
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "pilates.settings_test",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    command = [sys.executable, str(ROOT / "manage.py"), "import_exercises", str(tmp_path)]

    children = [
        subprocess.Popen(
            command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [child.communicate(timeout=300) for child in children]

    for child, (stdout, stderr) in zip(children, outputs, strict=True):
        assert child.returncode == 0, stderr
        assert "0 failed" in stdout
        assert "Traceback" not in stderr
    assert Exercise.objects.count() == FILES
    assert Exercise.objects.values("source_path").distinct().count() == FILES
    assert sorted(Category.objects.values_list("slug", flat=True)) == ["mat"]
    assert Equipment.objects.count() == 1 + 5
    assert Muscle.objects.count() == 1 + 3
    # Between them the two runs created each exercise once; the other found it made.
    created = sum(int(stdout.split(" created")[0].rsplit(" ", 1)[-1]) for stdout, _ in outputs)
    assert created == FILES
