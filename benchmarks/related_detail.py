"""Detail pages and one admin-style save, in process, page cache off, DEBUG off (issue 19,
related exercises ranked at write time). Prints one JSON object.

    PILATES_PAGE_CACHE=0 DATABASE_URL=... .venv/bin/python benchmarks/related_detail.py [N]

N distinct published exercises (default 20, the same ones on every run of one database:
every k-th by id) are asked for once each, timed and counted, after one untimed request of
another page (connections and templates warm). The save changes one exercise's title and
muscles in one transaction, as the admin does, and runs the publishing pipeline when it
commits; it is timed whole and, when the related-exercises step exists, that step alone.
``BENCH_ROOT`` runs another checkout's code (the "before" column).
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(os.environ.get("BENCH_ROOT", Path(__file__).resolve().parent.parent))


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilates.settings")
    os.environ["PILATES_PAGE_CACHE"] = "0"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from exercises.models import Exercise, Muscle

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    # No collectstatic needed: the pages' work is the same with plain static URLs.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    published = Exercise.objects.published().order_by("pk").values_list("pk", flat=True)
    ids = list(published)
    step = max(1, len(ids) // count)
    chosen = Exercise.objects.filter(pk__in=ids[::step][:count]).order_by("pk")
    client = Client()
    client.get(chosen[0].get_absolute_url(), secure=True)  # warm: connection, templates, settings
    timings, queries = [], []
    for exercise in chosen:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(exercise.get_absolute_url(), secure=True)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, exercise
        queries.append(len(captured))

    step_ms: list[float] = []
    try:
        from exercises import related
        from publishing import pipeline

        original = related.related_upkeep

        def timed(changes):
            started = time.perf_counter()
            original(changes)
            step_ms.append((time.perf_counter() - started) * 1000)

        pipeline._steps[Exercise] = tuple(
            timed if item is original else item for item in pipeline._steps[Exercise]
        )
    except ImportError:
        pass
    saved = chosen[len(chosen) // 2]
    muscles = list(Muscle.objects.order_by("pk")[:2])
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        with transaction.atomic():
            saved.title = f"{saved.title} (edited)"
            saved.save()
            saved.muscles.set(muscles)
        save_ms = (time.perf_counter() - started) * 1000
    print(
        json.dumps(
            {
                "root": str(ROOT),
                "exercises": len(ids),
                "detail_median_ms": round(statistics.median(timings), 1),
                "detail_min_ms": round(min(timings), 1),
                "detail_queries": sorted(set(queries)),
                "save_ms": round(save_ms, 1),
                "save_queries": len(captured),
                "related_step_ms": [round(ms, 1) for ms in step_ms],
                "load": os.getloadavg(),
            }
        )
    )


if __name__ == "__main__":
    main()
