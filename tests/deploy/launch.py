"""Real server processes for the production-topology tests besides the app servers
(``tests.servers.AppServer``): an S3 API (moto's server mode) and nginx, each on a free port
and stopped when the block ends; and the production environment the app servers run with."""

import contextlib
import os
import shutil
import socket
import string
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from tests.servers import ROOT, free_port

BIN = Path(sys.executable).parent


def wait_for_port(port: int, process: subprocess.Popen, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"{what} exited with status {process.returncode}") from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not listen on port {port}") from None
            time.sleep(0.1)


@contextlib.contextmanager
def running(command: list[str], *, port: int, what: str, **popen) -> Iterator[int]:
    """Start ``command``, wait until ``port`` answers, yield it; stop the process after."""
    process = subprocess.Popen(command, **popen)
    try:
        wait_for_port(port, process, what)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def s3_server() -> Iterator[str]:
    """moto's S3-compatible server; yields its endpoint URL."""
    port = free_port()
    command = [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)]
    with running(
        command,
        port=port,
        what="moto_server",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ):
        yield f"http://127.0.0.1:{port}"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None
    )


# Variables a server inherits from the test run that would point it at the wrong services.
_ENVIRONMENT_OF_THE_RUN = (
    "DATABASE_URL",
    "REDIS_URL",
    "PILATES_CACHE_DIR",
    "MEDIA_ROOT",
    "STATIC_ROOT",
    "AWS_",
    "DJANGO_",
)


def production_environ(**settings: str) -> dict[str, str]:
    """The production settings (``pilates.settings``, debug off) on plain HTTP on loopback,
    with ``settings`` on top; nothing else from the test run leaks in."""
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(_ENVIRONMENT_OF_THE_RUN)
    }
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "pilates.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "deploy-test-" + "not-a-secret-" * 4,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SESSION_COOKIE_SECURE": "0",
        "DJANGO_CSRF_COOKIE_SECURE": "0",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "PYTHONUNBUFFERED": "1",
        **settings,
    }


def manage(*arguments: str, environment: dict[str, str]) -> str:
    """Run a management command as an operator would; its output, or the error with it."""
    finished = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if finished.returncode != 0:
        raise RuntimeError(
            f"manage.py {' '.join(arguments)} failed:\n{finished.stdout}\n{finished.stderr}"
        )
    return finished.stdout


def nginx_config(template: Path, prefix: Path, **names: str) -> Path:
    """``template`` (deploy/nginx.conf) with its ``${PILATES_...}`` names filled in, inside a
    minimal main configuration whose files all live under ``prefix``."""
    server = string.Template(template.read_text()).safe_substitute(names)
    (prefix / "pilates.conf").write_text(server)
    # Run as root (a container, CI), the workers would switch to an unprivileged user that
    # cannot read the test's private temporary folders.
    user = "user root;" if os.geteuid() == 0 else ""
    main = f"""
{user}
worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/pilates.conf;
}}
"""
    path = prefix / "nginx.conf"
    path.write_text(main)
    return path


@contextlib.contextmanager
def nginx(config: Path, port: int) -> Iterator[int]:
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed: `make nginx` (apt-get install nginx)")
    prefix = config.parent
    check = subprocess.run(
        [binary, "-t", "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(config)],
        capture_output=True,
        text=True,
    )
    if check.returncode != 0:
        raise RuntimeError(f"nginx refuses the configuration:\n{check.stderr}")
    with running(
        [binary, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(config)],
        port=port,
        what=f"nginx (log: {prefix / 'error.log'})",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ):
        yield port
