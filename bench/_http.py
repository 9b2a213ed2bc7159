"""What the HTTP benchmarks share: a gunicorn of their own on 127.0.0.1, and a load generator.

`bench home`, `bench documents` and `bench login` each serve the project with gunicorn on a
free port of 127.0.0.1, with a database of their own (`bench_database`, `server_env`), wait
until it answers and stop it at the end (`gunicorn`). `load` is a small load generator
written in Python (a thread pool of http.client connections: nothing to install) that gives
requests/s, p50 and p99 latency of one page.
"""

import http.client
import math
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def ensure_postgres_database(url: str) -> None:
    info = psycopg.conninfo.conninfo_to_dict(url)
    name = info.pop("dbname")
    with psycopg.connect(**info, dbname="postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def bench_database(postgres_url: str, folder: str) -> tuple[str, str]:
    """The database URL of the bench and its name for the report: the PostgreSQL database of
    `postgres_url` (created if missing), else a SQLite file in `folder`."""
    if postgres_url:
        ensure_postgres_database(postgres_url)
        return postgres_url, "PostgreSQL"
    return f"sqlite:///{folder}/bench.sqlite3", "SQLite"


def server_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of the bench's setup process and server: production-like settings
    (no debug, a fresh secret key, persistent connections) on `database_url`, plus `extra`."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ens.settings.dev",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def get(port: int, path: str, cookie: str) -> tuple[int, float, bytes]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        body = response.read()
        return response.status, time.perf_counter() - started, body
    finally:
        conn.close()


def wait_until_up(port: int, server: subprocess.Popen, path: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn s'est arrêté au démarrage")
        try:
            get(port, path, "")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn ne répond pas")


@contextmanager
def gunicorn(env: dict[str, str], workers: int, *, wait_path: str) -> Iterator[int]:
    """Serve the project with gunicorn on a free port of 127.0.0.1 until the block ends; the
    block runs once GET `wait_path` answers, and is given the port."""
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "ens.wsgi:application",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up(port, server, wait_path)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def load(port: int, path: str, cookie: str, requests: int, concurrency: int) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    remaining = iter(range(requests))

    def client() -> None:
        nonlocal errors
        for _ in remaining:  # shared iterator: the clients share out the requests
            status, seconds, _body = get(port, path, cookie)
            with lock:
                latencies.append(seconds)
                errors += status != 200

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for future in [pool.submit(client) for _ in range(concurrency)]:
            future.result()
    elapsed = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50": percentile(latencies, 0.50) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
    }
