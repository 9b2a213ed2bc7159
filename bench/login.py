"""Full logins per second under gunicorn on PostgreSQL, against Argon2's hashes per second.

`manage.py bench login` (re)creates a PostgreSQL database of its own (`--postgres-url`),
migrates it and creates one account per client, then serves the project with gunicorn on
127.0.0.1 and has `--concurrency` clients log in over and over, each as its own person, the
way a browser does: GET /connexion/, POST identifier and password, POST the channel (e-mail),
read the code from the outbox table, POST the code (302 to /espace/). It prints:
  - full logins per second, with p50/p99 of one full login;
  - the floor: Argon2id hashes per second with the configured parameters (ARGON2_*), on one
    core and on all cores (one process per core). A login verifies one hash, so logins/s can
    never exceed the all-core figure; the ratio says how much of the machine the hash takes;
  - the answer time of a wrong password and of an unknown identifier (median over the same
    number of alternating requests): design §4 wants them alike (a dummy hash is checked for
    unknown identifiers). The failure limits are raised for the server of the bench only, so
    that every request reaches the hash.
The load generator (Python threads) runs on the same machine as the server.
"""

import http.client
import os
import re
import secrets
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import date
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import psycopg
from psycopg import sql

from bench._http import HOST, ROOT, gunicorn, percentile, server_env

PASSWORD = "Bench-Login-2026!"  # noqa: S105 - accounts of a throw-away database
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ens_bench_login"


def add_arguments(parser) -> None:
    parser.add_argument("--logins", type=int, default=200, help="connexions complètes")
    parser.add_argument("--concurrency", type=int, default=4, help="clients simultanés")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--hashes", type=int, default=40, help="hachages Argon2 par mesure")
    parser.add_argument("--timing-requests", type=int, default=60, help="requêtes par cas")
    parser.add_argument(
        "--postgres-url", default=DEFAULT_DB, help="base PostgreSQL dédiée, recréée à chaque fois"
    )


# --- Setup, in a child process with the bench's environment (python -m bench.login N) ---


def _setup(accounts: int) -> None:
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone

    from ens.accounts.models import User
    from ens.medical_profile.models import MedicalProfile
    from ens.registry.demo import make_nir
    from ens.registry.models import InsuredPerson

    call_command("migrate", verbosity=0, interactive=False)
    encoded = make_password(PASSWORD)  # one hash for all: the setup is not what is measured
    for n in range(accounts):
        born = date(1990, 1, 1)
        person = InsuredPerson.objects.create(
            nir=make_nir(sex="F", birth_date=born, birth_place="75112", order=n + 1),
            birth_date=born,
            last_name="Banc",
            first_name=f"Essai{n}",
            sex="F",
            email=f"banc{n}@example.org",
        )
        MedicalProfile.objects.create(person=person, first_visit_done_at=timezone.now())
        User.objects.create(
            username=f"banc.essai{n:03d}", person=person, email=person.email, password=encoded
        )


# --- HTTP, with a small cookie jar ---


class Browser:
    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            form = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **form}
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{HOST}:{self.port}{path}"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
            for header in response.msg.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.getheader("Location", ""), content
        finally:
            conn.close()


def _latest_code(conn, address: str) -> str:
    row = conn.execute(
        'SELECT body_text FROM notifications_notification WHERE "to" = %s ORDER BY id DESC LIMIT 1',
        [address],
    ).fetchone()
    return re.search(r"\b(\d{6})\b", row[0]).group(1)


def _full_login(port: int, n: int, conn) -> float:
    started = time.perf_counter()
    browser = Browser(port)
    browser.request("GET", "/connexion/")
    status, location, _ = browser.request(
        "POST", "/connexion/", {"identifier": f"banc.essai{n:03d}", "password": PASSWORD}
    )
    if status != 302 or location != "/connexion/methode/":
        raise RuntimeError(f"mot de passe refusé (HTTP {status})")
    browser.request("POST", "/connexion/methode/", {"channel": "email"})
    code = _latest_code(conn, f"banc{n}@example.org")
    status, location, _ = browser.request("POST", "/connexion/code/", {"code": code})
    if status != 302 or location != "/espace/":
        raise RuntimeError(f"code refusé (HTTP {status})")
    return time.perf_counter() - started


def _logins(port: int, database_url: str, logins: int, concurrency: int) -> dict:
    durations: list[float] = []
    lock = threading.Lock()
    remaining = iter(range(logins))

    def client(n: int) -> None:
        with psycopg.connect(database_url, autocommit=True) as conn:
            for _ in remaining:
                seconds = _full_login(port, n, conn)
                with lock:
                    durations.append(seconds)

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for future in [pool.submit(client, n) for n in range(concurrency)]:
            future.result()
    elapsed = time.perf_counter() - started
    return {
        "rate": len(durations) / elapsed,
        "p50": percentile(durations, 0.5) * 1000,
        "p99": percentile(durations, 0.99) * 1000,
    }


def _answer_times(port: int, requests: int) -> tuple[float, float]:
    wrong, unknown = [], []
    for i in range(requests):
        for identifier, bucket in (("banc.essai000", wrong), (f"inconnu.{i:06d}", unknown)):
            browser = Browser(port)
            browser.request("GET", "/connexion/")
            started = time.perf_counter()
            status, _, body = browser.request(
                "POST", "/connexion/", {"identifier": identifier, "password": "Pas-Le-Bon-1!"}
            )
            bucket.append(time.perf_counter() - started)
            if status != 200 or b"incorrect" not in body:
                raise RuntimeError("réponse inattendue à un mauvais mot de passe")
    return statistics.median(wrong) * 1000, statistics.median(unknown) * 1000


# --- Argon2 floor ---


def _hash_many(args: tuple[int, int, int, int]) -> None:
    from argon2 import Type
    from argon2.low_level import hash_secret

    count, time_cost, memory_cost, parallelism = args
    for _ in range(count):
        hash_secret(
            PASSWORD.encode(),
            secrets.token_bytes(16),
            time_cost=time_cost,
            memory_cost=memory_cost,
            parallelism=parallelism,
            hash_len=32,
            type=Type.ID,
        )


def _hashes_per_second(count: int, params: tuple[int, int, int], processes: int) -> float:
    started = time.perf_counter()
    if processes == 1:
        _hash_many((count, *params))
    else:
        with ProcessPoolExecutor(processes) as pool:
            list(pool.map(_hash_many, [(count, *params)] * processes))
    return count * processes / (time.perf_counter() - started)


# --- The benchmark ---


def _recreate_database(url: str) -> None:
    info = psycopg.conninfo.conninfo_to_dict(url)
    name = info.pop("dbname")
    with psycopg.connect(**info, dbname="postgres", autocommit=True) as conn:
        database = sql.Identifier(name)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(database))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(database))


def run(command, *, logins, concurrency, workers, hashes, timing_requests, postgres_url, **_):
    from django.conf import settings

    out = command.stdout.write
    params = (
        settings.ARGON2_TIME_COST,
        settings.ARGON2_MEMORY_COST_KIB,
        settings.ARGON2_PARALLELISM,
    )
    cores = os.cpu_count() or 1
    out(f"Argon2id t={params[0]}, m={params[1]} Kio, p={params[2]} ; {cores} cœurs.\n")
    one_core = _hashes_per_second(hashes, params, 1)
    all_cores = _hashes_per_second(hashes, params, cores)
    out(f"Plancher : {one_core:.1f} hachages/s sur 1 processus, {all_cores:.1f} sur {cores}.\n")

    _recreate_database(postgres_url)
    env = server_env(
        postgres_url,
        NOTIFICATIONS_EMAIL_BACKEND="outbox",
        # Every request of the bench must reach the hash (see the module's docstring).
        LOGIN_FAILURES_PER_ACCOUNT="1000000000",
        LOGIN_FAILURES_PER_ADDRESS="1000000000",
    )
    subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "bench.login", str(concurrency)], cwd=ROOT, env=env, check=True
    )
    with gunicorn(env, workers, wait_path="/connexion/") as port:
        out(
            f"gunicorn {workers} workers, PostgreSQL ; {logins} connexions complètes, "
            f"{concurrency} clients simultanés.\n"
        )
        _logins(port, postgres_url, min(2 * concurrency, logins), concurrency)  # warm-up
        figures = _logins(port, postgres_url, logins, concurrency)
        wrong_ms, unknown_ms = _answer_times(port, timing_requests)
    out(
        f"Connexions complètes : {figures['rate']:.1f}/s   p50 {figures['p50']:.0f} ms   "
        f"p99 {figures['p99']:.0f} ms\n"
    )
    out(f"Ratio connexions/s ÷ hachages/s ({cores} cœurs) : {figures['rate'] / all_cores:.2f}\n")
    out(
        f"Réponse médiane : mauvais mot de passe {wrong_ms:.1f} ms, identifiant inconnu "
        f"{unknown_ms:.1f} ms (écart {abs(wrong_ms - unknown_ms):.1f} ms, "
        f"{timing_requests} requêtes chacun)\n"
    )


if __name__ == "__main__":
    _setup(int(sys.argv[1]))
