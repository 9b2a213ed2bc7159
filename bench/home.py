"""Home of the space under load: Camille's home (logged in) against a static page, same server.

`manage.py bench home` migrates a database of its own (a SQLite file in a temporary
directory, or `--postgres-url`), creates Camille (design §7) and a logged-in session for her
with Django's login machinery, serves the project with gunicorn on 127.0.0.1, then drives
both pages with a small load generator written in Python (a thread pool of http.client
connections: nothing to install). It prints requests/s, p50 and p99 latency for:
  - /espace/ — Camille's home, logged in (session, access helper, menu, unread badge);
  - /a-propos/ — a static page of the same server (same middleware and base template, no
    session, no personal data): the baseline;
and the ratio home/baseline. The load generator runs on the same machine as the server: on a
small machine it takes part of the CPU, so compare the ratio rather than the raw rates.
"""

import http.client
import math
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PAGES = (("accueil de Camille", "/espace/", True), ("page statique", "/a-propos/", False))


def add_arguments(parser) -> None:
    parser.add_argument("--requests", type=int, default=2000, help="requêtes par page")
    parser.add_argument("--concurrency", type=int, default=8, help="clients simultanés")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument(
        "--postgres-url",
        default="",
        help="base PostgreSQL dédiée (créée si besoin) ; SQLite par défaut",
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _ensure_postgres_database(url: str) -> None:
    info = psycopg.conninfo.conninfo_to_dict(url)
    name = info.pop("dbname")
    with psycopg.connect(**info, dbname="postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _get(port: int, path: str, cookie: str) -> tuple[int, float, bytes]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        body = response.read()
        return response.status, time.perf_counter() - started, body
    finally:
        conn.close()


def _wait_until_up(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn s'est arrêté au démarrage")
        try:
            _get(port, "/a-propos/", "")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn ne répond pas")


def _percentile(sorted_values: list[float], q: float) -> float:
    return sorted_values[max(0, math.ceil(q * len(sorted_values)) - 1)]


def _load(port: int, path: str, cookie: str, requests: int, concurrency: int) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    remaining = iter(range(requests))

    def client() -> None:
        nonlocal errors
        for _ in remaining:  # shared iterator: the clients share out the requests
            status, seconds, _body = _get(port, path, cookie)
            with lock:
                latencies.append(seconds)
                errors += status != 200

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for future in [pool.submit(client) for _ in range(concurrency)]:
            future.result()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50": _percentile(latencies, 0.50) * 1000,
        "p99": _percentile(latencies, 0.99) * 1000,
    }


def run(command, *, requests: int, concurrency: int, workers: int, postgres_url: str, **_):
    out = command.stdout.write
    with tempfile.TemporaryDirectory(prefix="ens-bench-home-") as tmp:
        if postgres_url:
            _ensure_postgres_database(postgres_url)
            database_url, database = postgres_url, "PostgreSQL"
        else:
            database_url, database = f"sqlite:///{tmp}/bench.sqlite3", "SQLite"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "ens.settings.dev",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": database_url,
            "DATABASE_CONN_MAX_AGE": "60",
            "ENS_VAR_DIR": tmp,
            "LOG_LEVEL": "WARNING",
        }
        out(f"Base {database} ; migration et session de Camille...\n")
        setup = subprocess.run(
            [sys.executable, "-m", "bench._home_setup"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        cookie = f"sessionid={setup.stdout.strip().splitlines()[-1]}"
        port = _free_port()
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
            _wait_until_up(port, server)
            status, _, body = _get(port, "/espace/", cookie)
            if status != 200 or b"Bonjour Camille" not in body:
                raise RuntimeError(f"l'accueil de Camille ne s'affiche pas (HTTP {status})")
            out(
                f"gunicorn {workers} workers sur {HOST}:{port} ; {requests} requêtes par page, "
                f"{concurrency} clients simultanés (générateur Python sur la même machine).\n"
            )
            results = {}
            for label, path, logged_in in PAGES:
                _load(port, path, cookie if logged_in else "", min(200, requests), concurrency)
                results[path] = figures = _load(
                    port, path, cookie if logged_in else "", requests, concurrency
                )
                out(
                    f"{label:<20} {path:<12} {figures['rps']:8.1f} req/s   "
                    f"p50 {figures['p50']:6.1f} ms   p99 {figures['p99']:6.1f} ms   "
                    f"erreurs {figures['errors']}\n"
                )
        finally:
            server.terminate()
            server.wait(timeout=30)
        ratio = results["/espace/"]["rps"] / results["/a-propos/"]["rps"]
        out(f"Ratio accueil / page statique : {ratio:.2f} (débit)\n")
