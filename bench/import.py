"""Registry import: rows/s and peak memory on SQLite and PostgreSQL, against a bare baseline.

`manage.py bench import --rows 1000000` writes a registry CSV of valid rows (design §2:
adults, children with two parents, one of them further down the file) into a temporary
directory, then for each database runs, each in its own process so its peak memory
(ru_maxrss) is its own:
  - the import (`registry_import`, as `manage.py import_registry` runs it) into a freshly
    migrated database;
  - a baseline that loads the same file with no checks into a plain table: PostgreSQL's
    COPY, SQLite's executemany;
  - the floor: the same import into a fresh database with every row checked beforehand
    (untimed), so only reading and writing remain. The writes keep the NIR unique (the key
    of an idempotent re-import), the cartes Vitale and the parent links: they cost several
    times the bare baseline whatever the checks cost.
It prints rows/s, peak memory and the ratios import/baseline and floor/baseline.
"""

import functools
import json
import os
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import psycopg

from ens.registry.nir import nir_control_key
from ens.registry.rows import HEADER
from ens.registry.services import DEFAULT_BATCH_SIZE

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/ens_bench"

_LAST = ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand")
_FIRST_M = ("Jean", "Louis", "Gabriel", "Léo", "Hugo", "Arthur", "Mohamed", "Noé")
_FIRST_F = ("Marie", "Jade", "Louise", "Emma", "Chloé", "Inès", "Léa", "Zoé")
_STREETS = ("rue de la République", "avenue Jean-Jaurès", "place de l'Église", "rue Pasteur")
# 01 to 95 without 20 (Corsica is 2A/2B since 1976).
_DEPARTMENTS = [f"{d:02d}" for d in range(1, 96) if d != 20]


@functools.cache
def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def add_arguments(parser) -> None:
    parser.add_argument("--rows", type=int, default=1_000_000, help="lignes du fichier CSV")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--no-postgres", action="store_true", help="SQLite seulement")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)


def _person(i: int) -> tuple[str, int, int, int, int]:
    """(NIR, year, month, day, sex digit) of the i-th person, unique by construction."""
    child = i % 5 == 4
    year = 2010 + (i * 13) % 13 if child else 1940 + (i * 13) % 60
    month = 1 + (i * 7) % 12
    day = 1 + (i * 11) % 28
    sex = 1 + (i // 3) % 2
    n = len(_DEPARTMENTS)
    department = _DEPARTMENTS[i % n]
    commune = 1 + (i // n) % 999
    order = 1 + (i // n // 999) % 999
    body = f"{sex}{year % 100:02d}{month:02d}{department}{commune:03d}{order:03d}"
    return f"{body}{nir_control_key(body):02d}", year, month, day, sex


def write_csv(path: Path, rows: int) -> None:
    """`rows` lines: every fifth person is a child, with a row per parent (one after it)."""
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write(";".join(HEADER) + "\n")
        written = 0
        i = 0
        while written < rows:
            nir, year, month, day, sex = _person(i)
            last = _LAST[i % len(_LAST)]
            first = (_FIRST_M if sex == 1 else _FIRST_F)[i % 8]
            email = "" if i % 11 == 0 else f"{_ascii(first)}.{i}@example.fr"
            mobile = "" if i % 5 == 1 else f"06 {i % 100:02d} {i // 100 % 100:02d} 00 {i % 97:02d}"
            address = f"{1 + i % 120} {_STREETS[i % 4]}"
            postal = f"{_DEPARTMENTS[i % len(_DEPARTMENTS)]}{i % 1000:03d}"
            common = (
                f"{nir};{day:02d}/{month:02d}/{year};{last};{first};{'MF'[sex - 1]};{email};"
                f"{mobile};{address};{postal};Commune {i % 500}"
            )
            if i % 5 == 4:  # a child: one row per parent, the second parent comes later
                for parent in (i - 1, i + 1):
                    if written < rows:
                        f.write(f"{common};;;{_person(parent)[0]}\n")
                        written += 1
            else:
                f.write(f"{common};{8_000_000_000 + i:010d};{'oui' if i % 3 else 'non'};\n")
                written += 1
            i += 1


def _run_child(args: list[str], env: dict[str, str]) -> tuple[dict, float]:
    """Run `python -m bench._import_run ARGS`; its JSON answer and its peak memory in MB."""
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "bench._import_run", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
    )
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"bench child {args} failed with exit code {process.returncode}")
    return json.loads(output), usage.ru_maxrss / 1024  # ru_maxrss is in kB on Linux


def _migrate(env: dict[str, str]) -> None:
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, env=env, check=True
    )


def _recreate_database(url: str) -> None:
    info = psycopg.conninfo.conninfo_to_dict(url)
    name = info.pop("dbname")
    with psycopg.connect(**info, dbname="postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def _drop_database(url: str) -> None:
    info = psycopg.conninfo.conninfo_to_dict(url)
    name = info.pop("dbname")
    with psycopg.connect(**info, dbname="postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def measure(csv_path: Path, *, backend: str, url: str, workdir: Path, batch_size: int) -> dict:
    """Import and baseline on one backend; figures of both."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ens.settings.dev",
        "DEBUG": "false",
        "DATABASE_URL": url,
        "ENS_VAR_DIR": str(workdir),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if backend == "postgresql":
        _recreate_database(url)
    try:
        _migrate(env)
        imported, import_mb = _run_child(
            ["import", str(csv_path), "--batch-size", str(batch_size)], env
        )
        baseline, baseline_mb = _run_child(["baseline", str(csv_path)], env)
        if backend == "postgresql":
            _recreate_database(url)
        else:
            Path(url.removeprefix("sqlite:///")).unlink()
        _migrate(env)
        writes, _ = _run_child(["writes", str(csv_path), "--batch-size", str(batch_size)], env)
    finally:
        if backend == "postgresql":
            _drop_database(url)
    return {
        "backend": backend,
        "import": imported,
        "import_mb": import_mb,
        "baseline": baseline,
        "baseline_mb": baseline_mb,
        "writes": writes,
    }


def run(command, *, rows: int, postgres_url: str, no_postgres: bool, batch_size: int, **_):
    out = command.stdout
    with tempfile.TemporaryDirectory(prefix="ens-bench-import-") as tmp:
        workdir = Path(tmp)
        csv_path = workdir / "registry.csv"
        started = time.monotonic()
        write_csv(csv_path, rows)
        size_mb = csv_path.stat().st_size / 1e6
        out.write(
            f"Fichier : {rows} lignes, {size_mb:.1f} Mo, généré en "
            f"{time.monotonic() - started:.1f} s"
        )
        runs = [("sqlite", f"sqlite:///{workdir / 'bench.sqlite3'}")]
        if not no_postgres:
            runs.append(("postgresql", postgres_url))
        results = []
        for backend, url in runs:
            r = measure(csv_path, backend=backend, url=url, workdir=workdir, batch_size=batch_size)
            results.append(r)
            imp, base = r["import"], r["baseline"]
            imp_rate = imp["rows"] / imp["seconds"]
            base_rate = base["rows"] / base["seconds"]
            report = imp["report"]
            out.write(
                f"{backend:>10} import   : {imp_rate:>10,.0f} lignes/s  "
                f"({imp['seconds']:.1f} s, pic mémoire {r['import_mb']:.0f} Mo; "
                f"créés {report['created']}, rejetés {report['rejected']}, "
                f"rattachements {report['links_created']})"
            )
            out.write(
                f"{backend:>10} baseline : {base_rate:>10,.0f} lignes/s  "
                f"({base['seconds']:.1f} s, pic mémoire {r['baseline_mb']:.0f} Mo; "
                f"{base['how']})"
            )
            writes_rate = r["writes"]["rows"] / r["writes"]["seconds"]
            out.write(
                f"{backend:>10} écritures seules : {writes_rate:>10,.0f} lignes/s  "
                f"({r['writes']['seconds']:.1f} s; les mêmes lignes vérifiées d'avance)"
            )
            out.write(f"{backend:>10} ratio import/baseline : {imp_rate / base_rate:.2f}")
            out.write(
                f"{backend:>10} ratio écritures seules/baseline : {writes_rate / base_rate:.2f}"
                f" (plafond de l'import avec ce schéma)"
            )
    return results
