"""Access log on PostgreSQL: chained appends/s under concurrent writers, against plain inserts.

`manage.py bench access_log` creates a fresh PostgreSQL database (`--postgres-url`), migrates
it, then measures, with `--writers` writer processes (8: each its own interpreter and its own
database connection, like gunicorn workers), `--appends` entries in total:
  - `access_record` (ens.access.services: lock the person's chain head, insert the chained
    entry, move the head, one transaction per entry) with the writers spread over
    `--persons` persons (entry k of writer w goes to person (w + k) mod persons);
  - the worst case: every writer appending to the same person, one chain, so every append
    queues on that chain head's lock;
  - the baseline: the same rows inserted by the same writers into a plain table with the
    same columns (raw SQL INSERT, one transaction per row, no index, no lock, no hash);
and prints appends/s and the ratios chained/plain.
Then it builds one chain of `--verify-entries` entries (hashed in Python with
ens.access.chain, loaded with COPY) and times `manage.py verify_access_log` on it.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

import psycopg

from bench._http import ensure_postgres_database, server_env

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/ens_bench_access"
PLAIN_TABLE = "bench_plain_access"
RESOURCE = "Compte rendu de consultation"
LABEL = "Mon espace santé (traitement automatique)"


def add_arguments(parser) -> None:
    parser.add_argument("--appends", type=int, default=20_000, help="entrées ajoutées en tout")
    parser.add_argument("--writers", type=int, default=8, help="processus écrivains")
    parser.add_argument("--persons", type=int, default=4, help="assurés du cas réparti")
    parser.add_argument("--verify-entries", type=int, default=1_000_000)
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--keep", action="store_true", help="garder la base après la mesure")


# --- Parent process ---


def _drop_database(url: str) -> None:
    info = psycopg.conninfo.conninfo_to_dict(url)
    name = info.pop("dbname")
    with psycopg.connect(**info, dbname="postgres", autocommit=True) as conn:
        conn.execute(
            psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                psycopg.sql.Identifier(name)
            )
        )


def _python(args: list[str], env: dict[str, str]) -> dict:
    child = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "bench.access_log", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
    )
    return json.loads(child.stdout)


def _writers(env: dict[str, str], mode: str, appends: int, writers: int, persons: list) -> dict:
    """Start `writers` processes, release them together once all are ready; appends/s."""
    shares = [appends // writers + (w < appends % writers) for w in range(writers)]
    ids = ",".join(str(p) for p in persons)
    procs = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "bench.access_log", "writer", mode, str(w), str(n), ids],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for w, n in enumerate(shares)
    ]
    try:
        for proc in procs:  # each says "ready" once set up and connected
            if proc.stdout.readline().strip() != "ready":
                raise RuntimeError(f"bench access_log: writer {mode} did not start")
        started = time.perf_counter()
        for proc in procs:
            proc.stdin.write("go\n")
            proc.stdin.flush()
        results = [json.loads(proc.stdout.readline()) for proc in procs]
        seconds = time.perf_counter() - started
    finally:
        for proc in procs:
            proc.stdin.close()
            returncode = proc.wait(timeout=600)
            proc.stdout.close()
            if returncode != 0:
                raise RuntimeError(f"bench access_log: writer {mode} exited {returncode}")
    done = sum(r["rows"] for r in results)
    return {"rows": done, "seconds": seconds, "rate": done / seconds}


def _figure(label: str, f: dict) -> str:
    return f"  {label:<46}{f['rate']:>9,.0f} entrées/s  ({f['rows']} en {f['seconds']:.1f} s)"


def run(
    command,
    *,
    appends: int,
    writers: int,
    persons: int,
    verify_entries: int,
    postgres_url: str,
    keep: bool,
    **_,
):
    out = command.stdout.write
    _drop_database(postgres_url)
    ensure_postgres_database(postgres_url)
    # One environment for every process: the same SECRET_KEY, so the same ACCESS_LOG_KEY.
    env = server_env(postgres_url, DATABASE_CONN_MAX_AGE="0")
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    try:
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "migrate", "--verbosity", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        ids = _python(["setup", str(persons + 2)], env)["persons"]
        spread_ids, single_id, verify_id = ids[:persons], ids[persons], ids[persons + 1]
        spread = _writers(env, "chained", appends, writers, spread_ids)
        single = _writers(env, "chained", appends, writers, [single_id])
        plain = _writers(env, "plain", appends, writers, spread_ids)
        checked = _python(["check", ",".join(str(i) for i in [*spread_ids, single_id])], env)
        verify = _python(["verify", str(verify_id), str(verify_entries)], env)
    finally:
        if not keep:
            _drop_database(postgres_url)

    out(
        f"Historique des accès sur PostgreSQL : {appends} ajouts par {writers} écrivains "
        f"(processus, une connexion chacun)"
    )
    out(_figure(f"access_record, réparti sur {persons} assurés", spread))
    out(_figure("access_record, tous sur le même assuré", single))
    out(_figure("référence : INSERT dans une table simple", plain))
    out(f"  ratio chaîné/simple (réparti)                 {spread['rate'] / plain['rate']:.3f}")
    out(f"  ratio chaîné/simple (même assuré)             {single['rate'] / plain['rate']:.3f}")
    out(
        f"  chaînes vérifiées après les ajouts : {checked['chains']} chaînes, "
        f"{checked['entries']} entrées, {checked['problems']} anomalie(s)"
    )
    n = verify["entries"]
    out(
        f"Vérification d'une chaîne de {n} entrées (construite en {verify['build']:.1f} s : "
        f"empreintes en Python, COPY)"
    )
    out(
        f"  verify_access_log                             {n / verify['seconds']:>9,.0f} "
        f"entrées/s  ({verify['seconds']:.1f} s)"
    )
    out(f"  {verify['output']}")
    return {"spread": spread, "single": single, "plain": plain, "verify": verify}


# --- Child processes: `python -m bench.access_log setup|writer|check|verify ...` ---


def _setup(count: int) -> dict:
    from datetime import date

    from ens.registry.models import InsuredPerson

    people = InsuredPerson.objects.bulk_create(
        InsuredPerson(
            nir=f"1840175{i:06d}{i % 97:02d}",
            birth_date=date(1984, 1, 1),
            last_name="Martin",
            first_name="Jean",
            sex="M",
        )
        for i in range(1, count + 1)
    )
    from django.db import connection

    columns = (
        "id bigserial, person_id bigint, seq bigint, created_at timestamptz, actor_id integer, "
        "actor_label varchar(200), actor_kind varchar(16), action varchar(16), "
        "resource varchar(300), mode varchar(16), detail text, prev_hash varchar(64), "
        "entry_hash varchar(64)"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {PLAIN_TABLE} ({columns})")
    return {"persons": [p.pk for p in people]}


def _writer(mode: str, writer: int, count: int, person_ids: list[int]) -> dict:
    from django.db import connection
    from django.utils import timezone

    from ens.access.services import access_record
    from ens.registry.models import InsuredPerson

    people = {p.pk: p for p in InsuredPerson.objects.filter(pk__in=person_ids)}
    chosen = [people[person_ids[(writer + k) % len(person_ids)]] for k in range(count)]
    connection.ensure_connection()
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    if sys.stdin.readline().strip() != "go":
        sys.exit(1)
    started = time.perf_counter()
    if mode == "chained":
        for k, person in enumerate(chosen):
            access_record(person=person, actor=None, action="read", resource=f"{RESOURCE} {k}")
    else:
        fake_hash = "f" * 64
        sql = (
            f"INSERT INTO {PLAIN_TABLE} (person_id, seq, created_at, actor_id, actor_label, "  # noqa: S608
            "actor_kind, action, resource, mode, detail, prev_hash, entry_hash) "
            "VALUES (%s, %s, %s, NULL, %s, 'system', 'read', %s, 'normal', '', %s, %s)"
        )
        with connection.cursor() as cursor:  # autocommit: one transaction per row
            for k, person in enumerate(chosen):
                cursor.execute(
                    sql,
                    [
                        person.pk,
                        k + 1,
                        timezone.now(),
                        LABEL,
                        f"{RESOURCE} {k}",
                        fake_hash,
                        fake_hash,
                    ],
                )
    return {"rows": count, "seconds": time.perf_counter() - started}


def _check(person_ids: list[int]) -> dict:
    from ens.access.verify import verify_chains

    chains = entries = problems = 0
    for person_id in person_ids:
        report = verify_chains(person_id=person_id)
        chains += report.chains
        entries += report.entries
        problems += len(report.problems)
    return {"chains": chains, "entries": entries, "problems": problems}


def _build_chain(person_id: int, count: int) -> None:
    """One chain of `count` entries for `person_id`, hashed as access_record hashes them."""
    from datetime import timedelta

    from django.db import connection
    from django.utils import timezone

    from ens.access import chain
    from ens.access.models import AccessChainHead, AccessLogEntry

    fields = [
        "person_id",
        "seq",
        "created_at",
        "actor_id",
        "actor_label",
        "actor_kind",
        "action",
        "resource",
        "mode",
        "detail",
        "prev_hash",
        "entry_hash",
    ]
    columns = ", ".join(AccessLogEntry._meta.get_field(f).column for f in fields)
    table = AccessLogEntry._meta.db_table
    start = timezone.now() - timedelta(days=30)
    prev = chain.GENESIS_HASH
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # noqa: S608
            for seq in range(1, count + 1):
                created_at = start + timedelta(milliseconds=seq)
                resource = f"{RESOURCE} {seq}"
                digest = chain.entry_hash(
                    chain.canonical_bytes(
                        person_id=person_id,
                        seq=seq,
                        created_at=created_at,
                        actor_id=None,
                        actor_label=LABEL,
                        actor_kind="system",
                        action="read",
                        resource=resource,
                        mode="normal",
                        detail="",
                        prev_hash=prev,
                    )
                )
                copy.write_row(
                    (
                        person_id,
                        seq,
                        created_at,
                        None,
                        LABEL,
                        "system",
                        "read",
                        resource,
                        "normal",
                        "",
                        prev,
                        digest,
                    )
                )
                prev = digest
        cursor.execute(f"ANALYZE {table}")
    AccessChainHead.objects.create(person_id=person_id, last_seq=count, last_hash=prev)


def _verify(person_id: int, count: int) -> dict:
    import io

    from django.core.management import call_command
    from django.db import connection

    from ens.access.models import AccessChainHead, AccessLogEntry

    # Only the chain built here is verified: the appends of the first part are removed
    # (raw SQL: the application itself never deletes an entry).
    with connection.cursor() as cursor:
        cursor.execute(
            f"TRUNCATE {AccessLogEntry._meta.db_table}, {AccessChainHead._meta.db_table}"
        )
    started = time.perf_counter()
    _build_chain(person_id, count)
    build = time.perf_counter() - started
    output = io.StringIO()
    started = time.perf_counter()
    call_command("verify_access_log", stdout=output, stderr=io.StringIO())
    seconds = time.perf_counter() - started
    return {
        "entries": count,
        "build": build,
        "seconds": seconds,
        "output": output.getvalue().strip(),
    }


def _main(argv: list[str]) -> dict:
    import django

    django.setup()
    mode, *args = argv
    if mode == "setup":
        return _setup(int(args[0]))
    if mode == "writer":
        kind, writer, count, ids = args
        return _writer(kind, int(writer), int(count), [int(i) for i in ids.split(",")])
    if mode == "check":
        return _check([int(i) for i in args[0].split(",")])
    if mode == "verify":
        return _verify(int(args[0]), int(args[1]))
    raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    result = _main(sys.argv[1:])
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
