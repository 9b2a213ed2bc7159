"""Home of the space under load: Camille's home (logged in) against a static page, same server.

`manage.py bench home` migrates a database of its own (a SQLite file in a temporary
directory, or `--postgres-url`), creates Camille (design §7) and a logged-in session for her
with Django's login machinery, serves the project with gunicorn on 127.0.0.1, then drives
both pages with a small load generator written in Python (bench/_http.py: a thread pool of
http.client connections, nothing to install). It prints requests/s, p50 and p99 latency for:
  - /espace/ — Camille's home, logged in (session, access helper, menu, unread badge);
  - /a-propos/ — a static page of the same server (same middleware and base template, no
    session, no personal data): the baseline;
and the ratio home/baseline. The load generator runs on the same machine as the server: on a
small machine it takes part of the CPU, so compare the ratio rather than the raw rates.
"""

import os
import subprocess
import sys
import tempfile

from bench._http import HOST, ROOT, bench_database, get, gunicorn, load, server_env

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


def run(command, *, requests: int, concurrency: int, workers: int, postgres_url: str, **_):
    out = command.stdout.write
    with tempfile.TemporaryDirectory(prefix="ens-bench-home-") as tmp:
        database_url, database = bench_database(postgres_url, tmp)
        env = server_env(database_url, ENS_VAR_DIR=tmp)
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
        with gunicorn(env, workers, wait_path="/a-propos/") as port:
            status, _, body = get(port, "/espace/", cookie)
            if status != 200 or b"Bonjour Camille" not in body:
                raise RuntimeError(f"l'accueil de Camille ne s'affiche pas (HTTP {status})")
            out(
                f"gunicorn {workers} workers sur {HOST}:{port} ; {requests} requêtes par page, "
                f"{concurrency} clients simultanés (générateur Python sur la même machine).\n"
            )
            results = {}
            for label, path, logged_in in PAGES:
                load(port, path, cookie if logged_in else "", min(200, requests), concurrency)
                results[path] = figures = load(
                    port, path, cookie if logged_in else "", requests, concurrency
                )
                out(
                    f"{label:<20} {path:<12} {figures['rps']:8.1f} req/s   "
                    f"p50 {figures['p50']:6.1f} ms   p99 {figures['p99']:6.1f} ms   "
                    f"erreurs {figures['errors']}\n"
                )
        ratio = results["/espace/"]["rps"] / results["/a-propos/"]["rps"]
        out(f"Ratio accueil / page statique : {ratio:.2f} (débit)\n")
