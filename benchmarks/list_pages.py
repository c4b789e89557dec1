"""Cold list, filtered list and search pages: queries, median ms and the slowest query.

    PILATES_PAGE_CACHE=0 DATABASE_URL=postgres://... .venv/bin/python benchmarks/list_pages.py
    BENCH_EXPLAIN=1 ... (adds EXPLAIN (ANALYZE, BUFFERS) of each page's slowest query)

In process through Django's test client, DEBUG off. Each page is timed two ways, BENCH_REPEAT
times each: "kept", after one untimed request (what the facet counts kept per content
version give: the page cache itself is off), and "cold", with every cache emptied before each
request (the first visitor after an edit). Prints one JSON object per page.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("BENCH_REPEAT", "7"))
EXPLAIN = os.environ.get("BENCH_EXPLAIN", "") == "1"
PAGES = [
    ("home", "/"),
    ("list", "/exercises/"),
    ("Spanish list", "/es/ejercicios/"),
    ("one facet", "/exercises/?equipment=mat"),
    ("two facets", "/exercises/?difficulty=beginner&equipment=mat"),
    ("two facets, muscle", "/exercises/?muscle=core&equipment=band"),
    ("search, common word", "/exercises/?q=" + os.environ.get("BENCH_COMMON", "position")),
    ("search, plank", "/exercises/?q=plank"),
    ("search, rare word", "/exercises/?q=" + os.environ.get("BENCH_RARE", "corkscrew")),
    ("search, misspelling", "/exercises/?q=" + os.environ.get("BENCH_MISSPELT", "corksrew")),
    ("search + facet", "/exercises/?q=position&difficulty=beginner"),
]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilates.settings")
    import django

    django.setup()
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    wanted = set(sys.argv[1:])
    client = Client(HTTP_HOST="localhost")

    def clear() -> None:
        for cache in caches.all():
            cache.clear()

    def timed(url: str) -> float:
        started = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return (time.perf_counter() - started) * 1000

    for name, url in PAGES:
        if wanted and name not in wanted:
            continue
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        kept_queries = len(captured)
        cpu_started = time.process_time()
        kept = sorted(timed(url) for _ in range(REPEAT))
        kept_cpu = (time.process_time() - cpu_started) * 1000 / REPEAT
        cold = []
        for _ in range(REPEAT):
            clear()
            cold.append(timed(url))
        clear()
        client.get("/robots.txt")  # the content version and schedule, read once
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries = [(float(query["time"]) * 1000, query["sql"]) for query in captured]
        slowest_ms, slowest = max(queries)
        result = {
            "page": name,
            "url": url,
            "queries_kept": kept_queries,
            "queries_cold": len(queries),
            "kept_median_ms": round(statistics.median(kept), 1),
            # This process's CPU time per kept request (the load average swings the wall clock).
            "kept_cpu_ms": round(kept_cpu, 1),
            "cold_median_ms": round(statistics.median(cold), 1),
            "cold_query_ms": [round(ms, 1) for ms, _sql in queries],
            "slowest_query_ms": round(slowest_ms, 1),
            "slowest_query": slowest[:300],
        }
        if EXPLAIN and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest)
                result["explain"] = [row[0] for row in cursor.fetchall()]
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
