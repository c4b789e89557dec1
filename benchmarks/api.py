"""Server time and queries of the public API (/api/v1/) on a seeded database.

    DATABASE_URL=sqlite:////tmp/api-bench.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=... .venv/bin/python manage.py seed_demo --count 10000
    DATABASE_URL=... .venv/bin/python benchmarks/api.py

Prints one JSON object: per request kind, its queries and the median of BENCH_REPEAT timed
requests through Django's test client (no network, no page cache: the API has none).
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("BENCH_REPEAT", "10"))


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilates.settings")
    os.environ["PILATES_API_THROTTLE"] = "0"
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from exercises.models import Exercise

    setup_test_environment()
    client = Client(headers={"accept-encoding": "identity"})
    first = client.get("/api/v1/exercises/", {"limit": 100}).json()
    details = [
        f"/api/v1/exercises/{exercise.language}/{exercise.slug}/"
        for exercise in Exercise.objects.published().order_by("?").only("slug", "language")[:REPEAT]
    ]
    kinds = {
        "list, first page (100)": ["/api/v1/exercises/?limit=100"],
        "list, a later page (100)": [first["next"]],
        "list, filtered (100)": ["/api/v1/exercises/?language=en&difficulty=beginner&limit=100"],
        "list, search (100)": ["/api/v1/exercises/?language=en&q=plank&limit=100"],
        "changes since the start (100)": ["/api/v1/exercises/?updated_since=0&limit=100"],
        "detail": details,
        "terms (muscles)": ["/api/v1/terms/muscle/"],
    }
    figures = {"exercises": Exercise.objects.count(), "database": connection.vendor}
    for kind, urls in kinds.items():
        client.get(urls[0])  # warm
        connection.queries_log.clear()
        connection.force_debug_cursor = True
        response = client.get(urls[0])
        connection.force_debug_cursor = False
        queries = list(connection.queries_log)
        assert response.status_code == 200, (urls[0], response.status_code)
        timings, cpu = [], []
        for number in range(REPEAT):
            started, cpu_started = time.perf_counter(), time.process_time()
            client.get(urls[number % len(urls)])
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        figures[kind] = {
            "queries": len(queries),
            "median_ms": round(statistics.median(timings), 1),
            # This process's CPU time (SQLite's work included, PostgreSQL's not): a figure
            # a busy machine changes less than the wall clock.
            "median_cpu_ms": round(statistics.median(cpu), 1),
            "bytes": len(response.content),
        }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
