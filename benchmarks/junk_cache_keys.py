"""How many Redis keys 1,000 junk variants of three public pages add to the page cache.

    REDIS_URL=redis://127.0.0.1:6379/2 .venv/bin/python benchmarks/junk_cache_keys.py
    ... --project /path/to/another/checkout   (measure another version of the code)

Builds a throw-away SQLite database from ``fixtures/`` and collects static files, starts
``runserver`` (debug off) on a free port with the page cache in Redis, asks for three pages
once, counts the Redis keys, sends 1,000 junk variants (tracking parameters, unknown ones,
repeated, reordered and re-encoded values, Host ports and capitals), and counts again.
EMPTIES the Redis database it is given: use one of your own.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

PAGES = ["/exercises/", "/exercises/?difficulty=beginner&sort=title", "/es/ejercicios/"]
JUNK = [
    "utm_source=newsletter-{n}&utm_medium=email",
    "fbclid=IwAR{n}",
    "gclid=Cj0K{n}",
    "undeclared{n}=x",
    "ref={n}&page=1",
    "sort=title&sort=title&difficulty=BEGINNER&_={n}",
    "q=+++&utm_content=%F0%9F%92%A5{n}",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_keys(redis_url: str) -> int:
    import redis

    return redis.Redis.from_url(redis_url).dbsize()


def get(port: int, path: str, host: str) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--requests", type=int, default=1000)
    options = parser.parse_args()
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        sys.exit("Set REDIS_URL to a Redis database this may empty.")
    port = free_port()
    host = f"127.0.0.1:{port}"
    workdir = Path(tempfile.mkdtemp(prefix="pilates-junk-keys-"))
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pilates.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "benchmark-only-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "PILATES_CACHE_DIR": str(workdir / "cache"),
        "PILATES_SITE_HOST": host,
        "REDIS_URL": redis_url,
    }

    def manage(*args: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=options.project,
            env=environ,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    manage("migrate", "--noinput")
    manage("collectstatic", "--noinput")
    manage("import_exercises", "fixtures/", "--verbosity", "0")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", host],
        cwd=options.project,
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        import redis

        redis.Redis.from_url(redis_url).flushdb()
        statuses = [get(port, page, host) for page in PAGES]
        before = redis_keys(redis_url)
        started = time.monotonic()
        for number in range(options.requests):
            page = PAGES[number % len(PAGES)]
            junk = JUNK[number % len(JUNK)].format(n=number)
            separator = "&" if "?" in page else "?"
            asked_host = [host, f"127.0.0.1:{port}".upper(), f"localhost:{port}"][number % 3]
            statuses.append(get(port, f"{page}{separator}{junk}", asked_host))
        elapsed = time.monotonic() - started
        after = redis_keys(redis_url)
    finally:
        server.terminate()
        server.wait(timeout=15)
    print(f"project: {options.project}")
    print(f"statuses: { {status: statuses.count(status) for status in sorted(set(statuses))} }")
    print(f"Redis keys after the {len(PAGES)} canonical pages: {before}")
    print(f"Redis keys after {options.requests} junk requests: {after} (+{after - before})")
    print(f"junk requests: {elapsed:.1f} s, {options.requests / elapsed:.0f} per second")


if __name__ == "__main__":
    main()
