"""Workout import speed and matching: the generated corpus beside realistic exercises.

    .venv/bin/python benchmarks/workout_import_speed.py        # a throwaway SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pilates_bench \\
        .venv/bin/python benchmarks/workout_import_speed.py    # PostgreSQL

Imports fixtures/ and the real-shape exercise corpus, then the workout corpus
(benchmarks/workout_corpus.py) twice, printing files per second for the first import and
the unchanged re-import, and the share of items linked to an exercise. The database is
emptied first, so a PostgreSQL database must have "bench" in its name.
"""

import os
import shutil
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="pilates-workout-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch / 'bench.sqlite3'}")
    os.environ["MEDIA_ROOT"] = str(scratch / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilates.settings")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from benchmarks.real_shape_corpus import write_corpus as write_exercises
    from benchmarks.workout_corpus import write_corpus as write_workouts
    from exercises.models import Exercise
    from workouts.models import Workout, WorkoutCategory, WorkoutItem

    database = connection.settings_dict["NAME"]
    if connection.vendor != "sqlite" and "bench" not in str(database):
        sys.exit(f"Refusing to empty {database!r}: use a database with 'bench' in its name.")
    try:
        call_command("migrate", verbosity=0)
        Workout.objects.all().delete()
        WorkoutCategory.objects.all().delete()
        Exercise.objects.all().delete()
        exercises = write_exercises(scratch / "exercises")
        for folder in (ROOT / "fixtures", scratch / "exercises"):
            call_command("import_exercises", str(folder), stdout=StringIO(), stderr=StringIO())
        files = write_workouts(scratch / "workouts")
        print(
            f"{connection.vendor} ({database}): {files} workout files; "
            f"{Exercise.objects.count()} exercises ({exercises} corpus files + fixtures/)"
        )
        for label in ("first import", "unchanged re-import"):
            output = StringIO()
            started = time.perf_counter()
            call_command(
                "import_workouts", str(scratch / "workouts"), stdout=output, stderr=StringIO()
            )
            elapsed = time.perf_counter() - started
            summary = output.getvalue().strip().splitlines()[-1]
            print(f"{label:>20}: {files / elapsed:8.1f} files/s ({elapsed:.2f} s)  {summary}")
        items = WorkoutItem.objects.exclude(kind="rest")
        linked = items.filter(exercise__isnull=False).count()
        print(
            f"{Workout.objects.count()} workouts; {linked} of {items.count()} items other than "
            f"rests linked to an exercise ({100 * linked / max(items.count(), 1):.1f}%)"
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
