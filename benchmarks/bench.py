"""``make bench``: seed N demo exercises, measure the site, write docs/benchmarks.md.

For every run (a database and a size N) it seeds N exercises with ``seed_demo``, runs
``ANALYZE``, then with the page cache off and on:

- server time (median, p95) and queries of the main pages, in process (benchmarks/pages.py);
- loopback throughput with ``wrk`` against ``gunicorn -w 2``: ``/robots.txt`` (the floor)
  and detail, filtered list and search, warm (one URL) and cold (thousands of distinct
  URLs, benchmarks/rotate.lua), each as a ratio of the floor.

Then import and unchanged re-import speed per database (benchmarks/import_speed.py), and
the peak memory of each step. Settings come from the environment:

    BENCH_RUNS="postgres:1000 postgres:10000 sqlite:10000"   database:N, space separated
    BENCH_CACHE="off on"          page cache states to measure
    BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/pilates_bench   (dropped and
                                  recreated: its name must contain "bench")
    BENCH_REDIS_URL=              when set, the cache-on runs use Redis (and flush it)
    BENCH_POSTGRES_TEMPLATE="100000:pilates_seed100k"   size:database pairs: a PostgreSQL
                                  database already seeded with that N (``seed_demo --count N
                                  --seed 1``), copied, migrated and analysed instead of
                                  seeded again (15 minutes at 100,000)
    BENCH_WRK_SECONDS=5  BENCH_WRK_CONNECTIONS=16  BENCH_REPEAT=10  BENCH_IMPORT=1
    BENCH_OUTPUT=docs/benchmarks.md
"""

import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(sys.executable).parent
RUNS = os.environ.get("BENCH_RUNS", "postgres:1000 postgres:10000 sqlite:10000").split()
CACHE_STATES = os.environ.get("BENCH_CACHE", "off on").split()
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/pilates_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "")
POSTGRES_TEMPLATES = dict(
    pair.split(":", 1) for pair in os.environ.get("BENCH_POSTGRES_TEMPLATE", "").split()
)
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "5"))
WRK_CONNECTIONS = int(os.environ.get("BENCH_WRK_CONNECTIONS", "16"))
REPEAT = os.environ.get("BENCH_REPEAT", "10")
IMPORT = os.environ.get("BENCH_IMPORT", "1") == "1"
OUTPUT = ROOT / os.environ.get("BENCH_OUTPUT", "docs/benchmarks.md")
SEED = 1


class MeasuredPopen(subprocess.Popen):
    """A Popen that records the child's own peak resident memory when it is reaped
    (``RUSAGE_CHILDREN`` would give the maximum over every child so far)."""

    peak_mb = 0.0

    def _try_wait(self, wait_flags):
        try:
            pid, status, usage = os.wait4(self.pid, wait_flags)
        except ChildProcessError:
            return self.pid, 0
        if pid == self.pid:
            self.peak_mb = usage.ru_maxrss / 1024
        return pid, status


def run(command: list[str], env: dict, *, check: bool = True) -> tuple[str, float, float]:
    """Runs a child; returns its stdout, wall seconds and peak memory in MB."""
    started = time.perf_counter()
    process = MeasuredPopen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    stdout, stderr = process.communicate()
    elapsed = time.perf_counter() - started
    if check and process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr}")
    return stdout, elapsed, process.peak_mb


def django_env(database_url: str, scratch: Path, *, cache: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PILATES_")) and key not in ("REDIS_URL",)
    }
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="pilates.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="benchmark-only-not-a-secret",
        DJANGO_ALLOWED_HOSTS="localhost,127.0.0.1,testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=str(scratch / "static"),
        MEDIA_ROOT=str(scratch / "media"),
        PILATES_CACHE_DIR=str(scratch / "cache"),
        PILATES_PAGE_CACHE="1" if cache == "on" else "0",
        # wrk is one client asking thousands of times a second: no API rate limit.
        PILATES_API_THROTTLE="0",
    )
    if cache == "on" and REDIS_URL:
        env["REDIS_URL"] = REDIS_URL
    return env


def fresh_database(kind: str, size: int, scratch: Path, *, template: str = "") -> str:
    if kind == "sqlite":
        path = scratch / f"bench-{size}.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    parts = urlsplit(POSTGRES_URL)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"Refusing to drop {name!r}: BENCH_POSTGRES_URL must name a 'bench' database.")
    import psycopg

    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        copy = f' TEMPLATE "{template}"' if template else ""
        connection.execute(f'CREATE DATABASE "{name}"{copy}')
    return POSTGRES_URL


def manage(env: dict, *arguments: str) -> tuple[str, float, float]:
    return run([PYTHON, "manage.py", *arguments], env)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    # Pages are stored only for the configured host (issue 16): the one wrk asks for.
    env = {**env, "PILATES_SITE_HOST": f"127.0.0.1:{port}"}
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", "pilates.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/robots.txt", timeout=5).read()
            return server, base
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                sys.exit("gunicorn did not start")
            time.sleep(0.2)


def wrk(base: str, path: str = "", paths_file: Path | None = None) -> dict:
    command = [
        "wrk",
        "-t2",
        f"-c{WRK_CONNECTIONS}",
        f"-d{WRK_SECONDS}s",
        "--timeout",
        "30s",
    ]
    if paths_file:  # cold: every request a URL not asked for before
        command += ["-s", str(ROOT / "benchmarks" / "rotate.lua"), base, "--", str(paths_file)]
    else:  # warm: one URL, requested once first so the cache (when on) holds it
        urllib.request.urlopen(base + path, timeout=60).read()
        command.append(base + path)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": rate, "errors": int(errors.group(1)) if errors else 0}


def measure_load(env: dict, detail: str, paths: Path) -> dict:
    server, base = start_gunicorn(env)
    try:
        results = {"floor": wrk(base, "/robots.txt")}
        targets = {
            "detail": detail,
            "filtered list": "/exercises/?difficulty=beginner&equipment=mat&muscle=core",
            "search": "/exercises/?q=plank",
        }
        for name, path in targets.items():
            results[f"{name} warm"] = wrk(base, path)
            cold_file = {"detail": "detail", "filtered list": "filtered", "search": "search"}
            results[f"{name} cold"] = wrk(base, paths_file=paths / f"{cold_file[name]}.txt")
        # The API is never in the page cache (its answers carry their own validators), so
        # one URL asked again and again is its cold path as well as its warm one.
        slug = detail.rstrip("/").rsplit("/", 1)[-1]
        results["api list of 100"] = wrk(base, "/api/v1/exercises/?language=en&limit=100")
        results["api detail"] = wrk(base, f"/api/v1/exercises/en/{slug}/")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


def flush_redis() -> None:
    if not REDIS_URL:
        return
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def bench_run(kind: str, size: int, scratch: Path) -> dict:
    template = POSTGRES_TEMPLATES.get(str(size), "") if kind == "postgres" else ""
    database_url = fresh_database(kind, size, scratch, template=template)
    env = django_env(database_url, scratch, cache="off")
    print(f"== {kind}, {size:,} exercises", flush=True)
    manage(env, "migrate", "--noinput", "-v0")
    if template:
        seeded, seed_seconds, seed_mb = f"Copied {template} (seeded before).", 0.0, 0.0
        # A template seeded before the rankings table existed ranks once (a no-op after).
        manage(env, "rank_related")
    else:
        seeded, seed_seconds, seed_mb = manage(
            env, "seed_demo", "--count", str(size), "--seed", "1"
        )
    # Workout pages need workouts; the example ones link the exercises whose titles match.
    manage(env, "import_workouts", "fixtures/workouts/", "-v0")
    manage(
        env,
        "shell",
        "-c",
        "from django.db import connection; connection.cursor().execute('ANALYZE')",
    )
    print("   " + seeded.strip(), flush=True)
    paths = scratch / f"paths-{kind}-{size}"
    paths.mkdir(exist_ok=True)
    run([PYTHON, "benchmarks/pages.py", "--paths", str(paths)], env)
    result = {
        "database": kind,
        "size": size,
        "seed": {"seconds": seed_seconds, "peak_mb": seed_mb, "copied_from": template},
        "states": {},
    }
    for cache in CACHE_STATES:
        env = django_env(database_url, scratch, cache=cache)
        flush_redis()
        shutil.rmtree(scratch / "cache", ignore_errors=True)
        output, _, pages_mb = run([PYTHON, "benchmarks/pages.py"], env)
        pages = json.loads(output)
        detail = next(page["url"] for page in pages["pages"] if page["page"] == "detail")
        load = measure_load(env, detail, paths)
        result["states"][cache] = {**pages, "pages_peak_mb": pages_mb, "load": load}
        floor = load["floor"]["rps"]
        print(
            f"   cache {cache}: floor {floor:,.0f} req/s; "
            + ", ".join(f"{name} {value['rps'] / floor:.3f}x" for name, value in load.items()),
            flush=True,
        )
    return result


def bench_import(kind: str, scratch: Path) -> dict:
    database_url = fresh_database(kind, 0, scratch)
    env = django_env(database_url, scratch, cache="off")
    output, _, peak = run([PYTHON, "benchmarks/import_speed.py"], env)
    rates = dict(
        re.findall(r"^\s*(first import|unchanged re-import):\s+([\d.]+) files/s", output, re.M)
    )
    files = re.search(r"(\d+) files", output)
    print(f"== import on {kind}: {rates}", flush=True)
    return {
        "database": kind,
        "files": int(files.group(1)) if files else 0,
        "first": float(rates.get("first import", 0)),
        "again": float(rates.get("unchanged re-import", 0)),
        "peak_mb": peak,
        "output": output.strip(),
    }


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        line.split(":", 1)[1].strip()
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        "cpu": f"{cpu} × {os.cpu_count()}",
        "memory": memory,
        "load": " ".join(f"{value:.1f}" for value in os.getloadavg()),
        "python": platform.python_version(),
        "wrk": (wrk_version.split("\n")[0] or "wrk").strip(),
    }


def markdown(info: dict, runs: list[dict], imports: list[dict]) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (benchmarks/bench.py); numbers from one run on one machine,",
        "with other work running beside it unless said otherwise: compare within a table.",
        "",
        f"- Date: {info['date']}",
        f"- Machine: {info['system']}, {info['cpu']}, {info['memory']} memory",
        f"- Load average when the run started: {info['load']}",
        f"- Python {info['python']}, {info['wrk']}, gunicorn -w 2 (sync workers), DEBUG off",
        f'- Command: `BENCH_RUNS="{" ".join(RUNS)}" BENCH_CACHE="{" ".join(CACHE_STATES)}" '
        f"BENCH_REDIS_URL={REDIS_URL or '(unset)'} BENCH_WRK_SECONDS={WRK_SECONDS} "
        f"BENCH_WRK_CONNECTIONS={WRK_CONNECTIONS} BENCH_REPEAT={REPEAT} "
        + (
            f'BENCH_POSTGRES_TEMPLATE="{os.environ["BENCH_POSTGRES_TEMPLATE"]}" '
            if POSTGRES_TEMPLATES
            else ""
        )
        + "make bench`",
        "- Cache on: pages in "
        + ("Redis" if REDIS_URL else "each worker's memory, content version in a file cache")
        + "; cache off: every request renders.",
        "- Server time: Django's test client in one process, median and p95 of the repeated",
        "  request after one untimed request (so with the cache on it is a cache hit; the",
        "  admin is never cached). Throughput: wrk on loopback, as a ratio of `/robots.txt`",
        "  through the same stack in the same run; cold = a rotating set of thousands of",
        "  distinct URLs (detail pages, filter combinations, searches).",
        "",
    ]
    for result in runs:
        states = result["states"]
        seed = result["seed"]
        seeding = (
            f"Copied from `{seed['copied_from']}`, seeded before with the same command."
            if seed["copied_from"]
            else f"Seeded in {seed['seconds']:.1f} s "
            f"({result['size'] / seed['seconds']:,.0f} exercises/s, "
            f"peak {seed['peak_mb']:.0f} MB)."
        )
        lines += [f"## {result['database']}, {result['size']:,} exercises", "", seeding, ""]
        header = "| page |" + "".join(
            f" queries ({state}) | median ms ({state}) | p95 ms ({state}) |" for state in states
        )
        lines += [header, "|---" * (1 + 3 * len(states)) + "|"]
        first = next(iter(states.values()))
        for index, page in enumerate(first["pages"]):
            row = f"| {page['page']} |"
            for state in states.values():
                measured = state["pages"][index]
                row += (
                    f" {measured['queries']} | {measured['median_ms']:.1f} |"
                    f" {measured['p95_ms']:.1f} |"
                )
            lines.append(row)
        lines += ["", "| wrk, req/s (ratio of floor) |" + "".join(f" cache {s} |" for s in states)]
        lines.append("|---" * (1 + len(states)) + "|")
        for target in first["load"]:
            row = f"| {target} |"
            for state in states.values():
                value = state["load"][target]
                ratio = value["rps"] / state["load"]["floor"]["rps"]
                errors = f", {value['errors']} non-2xx" if value["errors"] else ""
                row += f" {value['rps']:,.0f} ({ratio:.3f}x{errors}) |"
            lines.append(row)
        sizes = [
            f"cache {state}: list page {values['list_bytes']:,} bytes, gzipped "
            f"{values['list_bytes_gzip']:,}"
            if values["list_bytes_gzip"]
            else f"cache {state}: list page {values['list_bytes']:,} bytes, not gzipped"
            for state, values in states.items()
        ]
        peaks = ", ".join(
            f"{state} {values['pages_peak_mb']:.0f} MB" for state, values in states.items()
        )
        lines += [
            "",
            "Filtered list size: " + "; ".join(sizes) + ".",
            f"Peak memory of the page timing process: {peaks}.",
            "",
        ]
    if imports:
        lines += [
            "## Import (benchmarks/import_speed.py: the fixtures copied 100 times)",
            "",
            "| database | files | first import files/s | unchanged re-import files/s | peak MB |",
            "|---|---|---|---|---|",
        ]
        for result in imports:
            lines.append(
                f"| {result['database']} | {result['files']:,} | {result['first']:,.0f} |"
                f" {result['again']:,.0f} | {result['peak_mb']:.0f} |"
            )
        lines.append("")
    return "\n".join(lines)


def write_report(info: dict, runs: list[dict], imports: list[dict]) -> None:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(markdown(info, runs, imports))
    OUTPUT.with_suffix(".json").write_text(
        json.dumps({"machine": info, "runs": runs, "imports": imports}, indent=1)
    )


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk; `make bench` does it).")
    info = machine()
    scratch = Path(tempfile.mkdtemp(prefix="pilates-bench-"))
    runs, imports = [], []
    try:
        env = django_env("sqlite:///" + str(scratch / "static.sqlite3"), scratch, cache="off")
        manage(env, "collectstatic", "--noinput", "-v0")
        for spec in RUNS:
            kind, size = spec.split(":")
            runs.append(bench_run(kind, int(size), scratch))
            write_report(info, runs, imports)  # a long run keeps what it measured so far
        if IMPORT:
            for kind in dict.fromkeys(result["database"] for result in runs):
                imports.append(bench_import(kind, scratch))
                write_report(info, runs, imports)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"Wrote {OUTPUT}")


if __name__ == "__main__":
    main()
