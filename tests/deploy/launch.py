"""Real server processes for the production-topology tests: an S3 API (moto's server mode),
gunicorn app servers and nginx, each on a free port and stopped when the block ends."""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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


def gunicorn_command(port: int, workers: int = 2) -> list[str]:
    return [
        str(BIN / "gunicorn"),
        "pilates.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
    ]


@contextlib.contextmanager
def app_server(environment: dict[str, str], log: Path, workers: int = 2) -> Iterator[int]:
    """gunicorn serving the project with ``environment``; yields its port."""
    port = free_port()
    with (
        log.open("ab") as output,
        running(
            gunicorn_command(port, workers),
            port=port,
            what=f"gunicorn (log: {log})",
            cwd=ROOT,
            env={**os.environ, **environment},
            stdout=output,
            stderr=subprocess.STDOUT,
        ),
    ):
        yield port


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None
    )
