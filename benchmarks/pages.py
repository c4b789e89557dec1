"""In-process server time and query count of the main pages (run by benchmarks/bench.py).

Runs against whatever database DATABASE_URL names, already seeded; prints one JSON object.
Each page gets one untimed request (which fills the page cache when it is on), one request
counting queries, then BENCH_REPEAT timed requests through Django's test client.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("BENCH_REPEAT", "10"))


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilates.settings")
    import django

    django.setup()


def write_cold_paths(directory: Path) -> None:
    """Thousands of distinct URLs per page kind, for wrk's rotating (cold) load."""
    from itertools import product

    from exercises.demo_content import EQUIPMENT, MOVES, MUSCLES
    from exercises.models import Difficulty, Exercise

    details = [
        exercise.get_absolute_url()
        for exercise in Exercise.objects.published().order_by("?").only("slug", "language")[:5000]
    ]
    difficulties = ["", *Difficulty.values]
    equipment = ["", *(slug for _, slug in EQUIPMENT)]
    muscles = ["", *(name.lower().replace(" ", "-") for name in MUSCLES)]
    filtered = [
        "/exercises/?" + _query(difficulty=difficulty, equipment=item, muscle=muscle, sort=sort)
        for difficulty, item, muscle, sort in product(
            difficulties, equipment, muscles, ("", "newest")
        )
    ]
    words = [word for move, _ in MOVES for word in move.lower().split()] + ["plank", "core"]
    searches = [
        "/exercises/?" + _query(q=word, difficulty=difficulty, equipment=item)
        for word, difficulty, item in product(sorted(set(words)), difficulties, equipment)
    ]
    for name, paths in (("detail", details), ("filtered", filtered), ("search", searches)):
        (directory / f"{name}.txt").write_text("\n".join(paths) + "\n")


def _query(**parameters) -> str:
    from urllib.parse import urlencode

    return urlencode({key: value for key, value in parameters.items() if value})


def main() -> None:
    setup_django()
    if len(sys.argv) == 3 and sys.argv[1] == "--paths":
        write_cold_paths(Path(sys.argv[2]))
        return
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from exercises.models import Exercise
    from workouts.models import Workout

    middle = Exercise.objects.published().in_language("en").order_by("pk")
    exercise = middle[middle.count() // 2]
    detail = exercise.get_absolute_url()
    workout = Workout.objects.published().in_language("en").order_by("pk").first()
    admin, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    visitor = Client(HTTP_HOST="localhost")
    staff = Client(HTTP_HOST="localhost")
    staff.force_login(admin)
    pages = [
        ("home", visitor, "/"),
        ("list", visitor, "/exercises/"),
        ("filtered list", visitor, "/exercises/?difficulty=beginner&equipment=mat&muscle=core"),
        ("search ?q=plank", visitor, "/exercises/?q=plank"),
        ("detail", visitor, detail),
        ("sitemap section", visitor, "/sitemap-exercises.xml"),
        ("admin changelist", staff, "/admin/exercises/exercise/"),
        ("admin search", staff, "/admin/exercises/exercise/?q=plank"),
        ("API list of 100", visitor, "/api/v1/exercises/?limit=100"),
        ("API detail", visitor, f"/api/v1/exercises/{exercise.language}/{exercise.slug}/"),
        ("workout list", visitor, "/workouts/"),
    ]
    if workout is not None:  # seed_demo writes exercises; bench.py imports example workouts
        pages.append(("workout detail", visitor, workout.get_absolute_url()))
    results = []
    for name, client, url in pages:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        query_count = len(queries)  # read now: the next request clears the connection's log
        timings = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        results.append(
            {
                "page": name,
                "url": url,
                "queries": query_count,
                "median_ms": statistics.median(timings),
                "p95_ms": timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))],
            }
        )
    plain = visitor.get("/exercises/?difficulty=beginner")
    gzipped = visitor.get("/exercises/?difficulty=beginner", headers={"accept-encoding": "gzip"})
    print(
        json.dumps(
            {
                "pages": results,
                "list_bytes": len(plain.content),
                "list_bytes_gzip": len(gzipped.content)
                if gzipped.get("Content-Encoding") == "gzip"
                else None,
            }
        )
    )


if __name__ == "__main__":
    main()
