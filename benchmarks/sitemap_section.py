"""Server time, queries and bytes of the sitemap (issue 19: a section of 50,000 URLs in
<= 500 ms), in-process through Django's test client, page cache off, DEBUG off.

    createdb -h 127.0.0.1 -U postgres pilates_bench_sitemap
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pilates_bench_sitemap \\
        .venv/bin/python benchmarks/sitemap_section.py [EXERCISES]

Migrates, then tops the database up with ``seed_demo`` to EXERCISES (default 50,000;
about 92% of them published) and prints one JSON object: per URL (``/sitemap.xml``, each
page of the exercises section) its queries, URLs, bytes and median/min ms over
BENCH_REPEAT requests (default 5). Run it from another checkout (``git worktree add``) on
the same database to compare before and after.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilates.settings")
    os.environ.update(
        PILATES_PAGE_CACHE="0",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="benchmark-only-not-a-secret",
        DJANGO_ALLOWED_HOSTS="localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        PILATES_CACHE_DIR=os.environ.get("PILATES_CACHE_DIR", "/tmp/sitemap-bench-cache"),
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from exercises.models import Exercise

    call_command("migrate", verbosity=0)
    missing = size - Exercise.objects.count()
    if missing > 0:
        call_command("seed_demo", count=missing, seed=size, verbosity=0)
    published = Exercise.objects.published().count()
    pages = -(-published // settings.SITEMAP_SECTION_SIZE)
    urls = ["/sitemap.xml", "/sitemap-exercises.xml"]
    urls += [f"/sitemap-exercises.xml?p={page}" for page in range(2, pages + 1)]
    client = Client(HTTP_HOST="localhost")
    results = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        query_count = len(queries)
        timings = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        results.append(
            {
                "url": url,
                "queries": query_count,
                "urls": response.content.count(b"<url>"),
                "sitemaps": response.content.count(b"<sitemap>"),
                "bytes": len(response.content),
                "median_ms": round(statistics.median(timings), 1),
                "min_ms": round(min(timings), 1),
            }
        )
    database = connection.vendor
    print(
        json.dumps(
            {"exercises": size, "published": published, "database": database, "results": results},
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
