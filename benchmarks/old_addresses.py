"""What an old-address lookup costs: the one query a 404 makes, at a given number of addresses.

    .venv/bin/python benchmarks/old_addresses.py 20000
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/old_addresses.py 100000

Adds N exercises with three old addresses each (committed, so the lookups see what a
server sees) and deletes them at the end, so the database is left as it was. Prints the
median time of a lookup that finds its exercise and of one that finds nothing, a bare
round trip to read them by, the queries each makes, and the database's plan (which must use
the unique index of the paths, not scan the table).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilates.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from exercises.models import Exercise, OldAddress, Status  # noqa: E402
from exercises.site.redirects import exercise_at_old_address  # noqa: E402

SLUG_PREFIX = "bench-old-address-"


def _median_microseconds(path: str, runs: int = 200) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        exercise_at_old_address(path)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1_000_000


def _round_trip_microseconds(runs: int = 200) -> float:
    """A query that does no work: what the connection alone costs, to read the others by."""
    timings = []
    with connection.cursor() as cursor:
        for _ in range(runs):
            started = time.perf_counter()
            cursor.execute("SELECT 1")
            cursor.fetchone()
            timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1_000_000


def _plan(path: str) -> str:
    queryset = Exercise.objects.published().filter(old_addresses__path=path).order_by()[:1]
    return queryset.only("slug", "language").explain()


def main(count: int) -> None:
    try:
        with transaction.atomic():
            exercises = Exercise.objects.bulk_create(
                Exercise(title=f"Bench {n}", slug=f"{SLUG_PREFIX}{n}", status=Status.PUBLISHED)
                for n in range(count)
            )
            OldAddress.objects.bulk_create(
                OldAddress(path=f"/exercises/section-{kind}/bench-{n}/", exercise=exercise)
                for n, exercise in enumerate(exercises)
                for kind in range(3)
            )
        found = f"/exercises/section-1/bench-{count // 2}/"
        missing = "/exercises/section-1/nothing-here/"
        with CaptureQueriesContext(connection) as queries:
            assert exercise_at_old_address(found) is not None
            assert exercise_at_old_address(missing) is None
        print(f"{connection.vendor}, {count * 3:,} old addresses")
        print(f"  found:    {_median_microseconds(found):8.1f} us")
        print(f"  missing:  {_median_microseconds(missing):8.1f} us")
        print(f"  SELECT 1: {_round_trip_microseconds():8.1f} us (the connection's round trip)")
        print(f"  queries:  {len(queries) // 2} per lookup")
        print("  plan:     " + _plan(found).replace("\n", "\n            "))
    finally:
        Exercise.objects.filter(slug__startswith=SLUG_PREFIX).delete()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
