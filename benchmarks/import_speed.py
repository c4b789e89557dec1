"""Import speed: the project's fixtures copied a hundred times over under new slugs, or
the real-shape corpus (``BENCHMARK_CORPUS=real-shape``: ~1,000 files in the two real shapes,
benchmarks/real_shape_corpus.py).

    .venv/bin/python benchmarks/import_speed.py            # a throwaway SQLite file
    BENCHMARK_CORPUS=real-shape .venv/bin/python benchmarks/import_speed.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pilates_bench \\
        .venv/bin/python benchmarks/import_speed.py        # PostgreSQL

Prints files per second for the first import and for re-importing the unchanged files, and
the peak memory of the process. ``BENCHMARK_PROFILE=path`` writes a cProfile of each run
to ``path.first`` and ``path.unchanged``.
The database is emptied first, so a PostgreSQL database must have "bench" in its name.
"""

import cProfile
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from contextlib import suppress
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIES = int(os.environ.get("BENCHMARK_COPIES", "100"))
CORPUS = os.environ.get("BENCHMARK_CORPUS", "fixtures")
PROFILE = os.environ.get("BENCHMARK_PROFILE", "")
_SLUG_OR_KEY = re.compile(r"^(?:slug|translationKey):.*\n", re.MULTILINE)
_KEY = re.compile(r"^translationKey:\s*[\"']?([^\"'\n]+)[\"']?\s*$", re.MULTILINE)


def copy_fixtures(target: Path) -> int:
    """Each copy gets its own slugs and translation keys, images alongside as in fixtures/."""
    # Exercise pages only: fixtures/workouts is import_workouts' (import_exercises skips it).
    sources = sorted(
        path
        for path in (ROOT / "fixtures").rglob("*.md")
        if "workouts" not in path.relative_to(ROOT / "fixtures").parts
    )
    files = 0
    for number in range(1, COPIES + 1):
        copy = target / f"copy-{number:03d}"
        for extra in (ROOT / "fixtures").iterdir():
            if extra.is_dir() and extra.name not in ("en", "es", "workouts"):
                shutil.copytree(extra, copy / extra.name)
        for source in sources:
            text = source.read_text(encoding="utf-8")
            relative = source.relative_to(ROOT / "fixtures")
            if text.startswith("---\n") and source.name != "_index.md":
                key = _KEY.search(text)
                fields = f"slug: copy-{number}-{re.sub(r'[^a-z0-9]+', '-', source.stem.lower())}\n"
                if key:
                    fields += f"translationKey: {key.group(1)}-{number}\n"
                text = "---\n" + fields + _SLUG_OR_KEY.sub("", text[4:], count=0)
            destination = copy / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_text(text, encoding="utf-8")
            files += 1
    return files


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="pilates-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch / 'bench.sqlite3'}")
    os.environ["MEDIA_ROOT"] = str(scratch / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilates.settings")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.db import connection

    from exercises.models import Exercise

    database = connection.settings_dict["NAME"]
    if connection.vendor != "sqlite" and "bench" not in str(database):
        sys.exit(f"Refusing to empty {database!r}: use a database with 'bench' in its name.")
    try:
        call_command("migrate", verbosity=0)
        Exercise.objects.all().delete()
        if CORPUS == "real-shape":
            sys.path.insert(0, str(ROOT / "benchmarks"))
            from real_shape_corpus import write_corpus

            files = write_corpus(scratch / "content")
            print(f"{connection.vendor} ({database}): {files} files of the real-shape corpus")
        else:
            files = copy_fixtures(scratch / "content")
            print(f"{connection.vendor} ({database}): {files} files, {COPIES} copies of fixtures/")
        for label in ("first import", "unchanged re-import"):
            output = StringIO()
            profile = cProfile.Profile() if PROFILE else None
            started, cpu_started = time.perf_counter(), time.process_time()
            if profile:
                profile.enable()
            with suppress(CommandError):  # the summary line below says how many failed
                call_command(
                    "import_exercises", str(scratch / "content"), stdout=output, stderr=StringIO()
                )
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu_started
            if profile:
                profile.disable()
                profile.dump_stats(f"{PROFILE}.{label.split()[0]}")
            summary = output.getvalue().strip().splitlines()[-1]
            # CPU seconds of this process: on a shared machine, steadier than the wall clock
            # (on SQLite nearly all the work; PostgreSQL's own share is not in it).
            print(
                f"{label:>20}: {files / elapsed:8.1f} files/s ({elapsed:.2f} s, "
                f"{files / cpu:.1f} files per CPU second)  {summary}"
            )
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{'peak memory':>20}: {peak_mb:.0f} MB")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
