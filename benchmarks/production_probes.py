"""Issue 16's probes against production-shaped servers, one line per probe with its outcome.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pilates_probe \
    REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python benchmarks/production_probes.py

Needs a database that holds imported content (exercises and workouts). Starts gunicorn
(2 workers, debug off, the production settings) several times: with the database and Redis
given; with Redis at a closed port; without Redis and a cache directory that is a file; with
the database at a closed port and the same Redis (after the healthy server cached pages).
Counts Redis keys before and after 1,000 junk variants of three pages. EMPTIES the Redis
database it is given: use one of your own.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import AppServer, closed_port_url  # noqa: E402

HOST = "localhost"
JUNK = (
    "utm_source=news-{n}&utm_medium=email",
    "fbclid=IwAR{n}",
    "gclid=Cj0K{n}",
    "undeclared{n}=x",
    "sort=title&sort=title&difficulty=BEGINNER&_={n}",
)
PRODUCTION_ENVIRON = {
    "DJANGO_SETTINGS_MODULE": "pilates.settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "probe-" + "k" * 60,
    "DJANGO_ALLOWED_HOSTS": HOST,
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "PILATES_SITE_HOST": HOST,
    "PILATES_DATABASE_CONNECT_TIMEOUT": "2",
}


def gunicorn(**environ: str | None) -> AppServer:
    """Two gunicorn workers on the production settings; ``None`` removes a variable."""
    return AppServer(environ={**PRODUCTION_ENVIRON, **environ}, server="gunicorn")


def get(server: AppServer, path: str, host: str = HOST):
    return server.get(path, headers={"Host": host}, timeout=30)


def sample_paths() -> dict[str, str]:
    """Real paths from the database: a detail page per language, a workout, an old address."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilates.settings")
    import django

    django.setup()
    from exercises.models import Exercise, OldAddress
    from workouts.models import Workout

    english = Exercise.objects.published().filter(language="en").order_by("pk").first()
    spanish = Exercise.objects.published().filter(language="es").order_by("pk").first()
    workout = Workout.objects.published().filter(language="en").order_by("pk").first()
    old_en = OldAddress.objects.filter(exercise__language="en").order_by("pk").first()
    old_es = OldAddress.objects.filter(exercise__language="es").order_by("pk").first()
    pictured = Exercise.objects.exclude(image="").order_by("pk").first()
    paths = {
        "home": "/",
        "list": "/exercises/",
        "Spanish list": "/es/ejercicios/",
        "filtered": "/exercises/?difficulty=beginner",
        "search": "/exercises/?q=plank",
        "suggest": "/exercises/suggest/?q=pla",
        "detail": english.get_absolute_url(),
        "Spanish detail": spanish.get_absolute_url(),
        "workout": workout.get_absolute_url() if workout else "",
        "generator": "/workouts/generator/?duration=20",
        "API list": "/api/v1/exercises/",
        "sitemap": "/sitemap.xml",
        "old address (en)": old_en.path if old_en else "",
        "old address (es)": old_es.path if old_es else "",
        "picture": pictured.image.url if pictured else "",
    }
    return {name: path for name, path in paths.items() if path}


def probe_pages(title: str, server: AppServer, paths: dict[str, str]) -> None:
    print(f"\n## {title}")
    for name, path in paths.items():
        answer = get(server, path)
        status, headers, body = answer.status, answer.headers, answer.content
        extra = ""
        if status in (301, 302):
            extra = f" -> {headers.get('Location')}"
        if status == 503:
            extra = f" Retry-After={headers.get('Retry-After')}"
        if name == "picture":
            extra = f" Cache-Control={headers.get('Cache-Control')}"
        print(f"{name:18} {path[:60]:60} {status}{extra} ({len(body):,} bytes)")
    for path in ("/healthz", "/readyz"):
        answer = get(server, path)
        print(f"{path:18} {'':60} {answer.status} {answer.body[:120]}")
    print(f"tracebacks in the server log: {server.tracebacks()}")


def main() -> None:
    import redis

    redis_url = os.environ["REDIS_URL"]
    store = redis.Redis.from_url(redis_url)
    store.flushdb()
    paths = sample_paths()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        check=True,
        env={**os.environ, "DJANGO_DEBUG": "0"},
    )

    with gunicorn() as healthy:
        probe_pages("Healthy: PostgreSQL + Redis, debug off", healthy, paths)
        pages = ["/exercises/", "/exercises/?difficulty=beginner", "/es/ejercicios/"]
        for page in pages:
            get(healthy, page)
        before = store.dbsize()
        statuses: dict[int, int] = {}
        for n in range(1000):
            page = pages[n % 3]
            junk = JUNK[n % len(JUNK)].format(n=n)
            joiner = "&" if "?" in page else "?"
            host = (HOST, f"{HOST}:8{n % 10}", HOST.upper())[n % 3]
            status = get(healthy, f"{page}{joiner}{junk}", host=host).status
            statuses[status] = statuses.get(status, 0) + 1
        print(f"\nRedis keys before 1,000 junk requests: {before}; after: {store.dbsize()}")
        print(f"junk answers by status: {statuses}")

    with gunicorn(REDIS_URL=closed_port_url("redis", "/0")) as cacheless:
        probe_pages("Redis at a closed port", cacheless, paths)

    with (
        tempfile.NamedTemporaryFile() as not_a_directory,
        gunicorn(REDIS_URL=None, PILATES_CACHE_DIR=not_a_directory.name) as fileless,
    ):
        probe_pages("No Redis, the cache directory is a file", fileless, paths)

    with gunicorn(DATABASE_URL=closed_port_url("postgres", "/pilates")) as databaseless:
        title = "Database at a closed port (same Redis, pages cached above)"
        probe_pages(title, databaseless, paths)
        for path in ("/admin/", "/admin/login/?next=/admin/"):
            answer = get(databaseless, path)
            retry_after = answer.headers.get("Retry-After")
            print(f"admin {path:50} {answer.status} Retry-After={retry_after}")


if __name__ == "__main__":
    main()
