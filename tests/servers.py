"""Real app servers for tests: a subprocess on a free port, with its own environment.

    with AppServer(environ={"REDIS_URL": closed_port_redis_url()}) as server:
        status, body = server.get("/exercises/")

The server runs the test settings (``pilates.settings_test``) on the test database (SQLite
file or PostgreSQL, whichever the suite uses) unless ``environ`` says otherwise; ``gunicorn``
runs it as in production, ``runserver`` (the default) starts faster. ``start()`` returns once
the server answers ``/healthz``; ``stop()`` (or leaving the ``with`` block) ends it and its
workers. What the server printed is in ``output()`` for failure messages.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 60


def free_port() -> int:
    """A port nothing listens on now (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url_for_servers() -> str:
    """The database the running tests use, as a ``DATABASE_URL`` for a server process."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    user = database["USER"] or "postgres"
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    port = database["PORT"] or 5432
    return f"postgres://{user}{password}@{database['HOST']}:{port}/{database['NAME']}"


def closed_port_url(scheme: str, path: str = "") -> str:
    """An address on this machine where nothing listens: a service that is down."""
    return f"{scheme}://127.0.0.1:{free_port()}{path}"


def shared_cache_environ() -> dict[str, str]:
    """What a server needs to share this process's content version (Redis or the files)."""
    if settings.REDIS_URL:
        return {"REDIS_URL": settings.REDIS_URL}
    return {"PILATES_CACHE_DIR": settings.CACHES["content_version"]["LOCATION"]}


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx comes back as the answer (HTTPError), not followed


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    content: bytes

    @property
    def body(self) -> str:
        return self.content.decode()


@dataclass
class AppServer:
    environ: dict[str, str] = field(default_factory=dict)
    server: str = "runserver"  # or "gunicorn"
    workers: int = 2  # gunicorn only
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    _log: Any = None
    _captured: str = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        if self.server == "gunicorn":
            return [
                sys.executable,
                "-m",
                "gunicorn",
                "pilates.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "60",
            ]
        return [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{self.port}"]

    def full_environ(self) -> dict[str, str]:
        environ = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DATABASE_URL", "REDIS_URL", "PILATES_CACHE_DIR"))
        }
        environ |= {
            "DJANGO_SETTINGS_MODULE": "pilates.settings_test",
            "DATABASE_URL": database_url_for_servers(),
            "PYTHONUNBUFFERED": "1",
            **shared_cache_environ(),
        }
        environ |= self.environ
        return {key: value for key, value in environ.items() if value is not None}

    def start(self) -> "AppServer":
        # Closed by __exit__ (or the garbage collector for a bare start()/stop()).
        self._log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115
        self.process = subprocess.Popen(
            self.command(),
            cwd=ROOT,
            env=self.full_environ(),
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.server} exited at start:\n{self.output()}")
            try:
                if self.get("/healthz", timeout=2).status == 200:
                    return self
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{self.server} did not answer:\n{self.output()}")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)

    def tracebacks(self) -> int:
        """How many tracebacks the server printed so far."""
        return self.output().count("Traceback")

    def output(self) -> str:
        """What the server printed (still readable once it has stopped)."""
        if self._log is None or self._log.closed:
            return self._captured
        self._log.seek(0)
        return self._log.read()

    def get(
        self, path: str, *, headers: dict[str, str] | None = None, timeout: float = 15
    ) -> Response:
        """Any status (redirects included: they are not followed) comes back as a Response;
        only a failure to connect raises."""
        return self._send(urllib.request.Request(self.url + path, headers=headers or {}), timeout)

    def post(
        self,
        path: str,
        data: dict,
        *,
        headers: dict[str, str] | None = None,
        timeout: float = 15,
    ) -> Response:
        """Posts ``data`` as a form (list values repeat their field); redirects are not
        followed, so a successful admin save comes back as its 302."""
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(
            self.url + path, data=body, headers=headers or {}, method="POST"
        )
        return self._send(request, timeout)

    def _send(self, request: urllib.request.Request, timeout: float) -> Response:
        opener = urllib.request.build_opener(_NoRedirects)
        try:
            with opener.open(request, timeout=timeout) as answer:
                return Response(answer.status, dict(answer.headers), answer.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, dict(error.headers), error.read())

    def __enter__(self) -> "AppServer":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
        if self._log is not None:
            self._captured = self.output()
            self._log.close()
