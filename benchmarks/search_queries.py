"""Search on the current database: each query's match count, top three and time.

    .venv/bin/python benchmarks/search_queries.py en plank planks hundread
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/search_queries.py es gluteos

Reads only. Time is the median of five runs of the list's query (count and first page).
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

from django.db import connection  # noqa: E402

from exercises.models import Exercise  # noqa: E402
from exercises.site.selectors import did_you_mean, search_exercises  # noqa: E402


def run(language: str, query: str) -> tuple[int, list[str], float]:
    published = Exercise.objects.published().in_language(language)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        results = search_exercises(published, query=query, language=language)
        total = results.count()
        top = [exercise.title for exercise in results[:3]]
        timings.append(time.perf_counter() - started)
    return total, top, statistics.median(timings) * 1000


def main(language: str, queries: list[str]) -> None:
    print(f"{connection.vendor}, {language}")
    for query in queries:
        total, top, milliseconds = run(language, query)
        hint = "" if total else f"  (did you mean: {did_you_mean(query=query, language=language)})"
        print(f"{query!r:>22}  {total:4d} found  {milliseconds:6.1f} ms  {' | '.join(top)}{hint}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
