"""Notification wave: notify N people on PostgreSQL and run the transitions, against a baseline.

`manage.py bench wave --people 1000000` creates a fresh PostgreSQL database, migrates it and
loads N insured people with COPY (91 % with an e-mail address, the others get a letter).
Then, in a child process whose DATABASE_URL is that database (outbox backend, eager tasks,
letters' PDFs in a temporary directory), it times:
  - `manage.py notify_wave --all`: spaces, events, codes, e-mails into the outbox, PDFs;
  - `manage.py run_transitions --now <43 days later>`: every space auto-created;
  - the baseline: the rows the wave writes (spaces, events, codes and the outbox's e-mails,
    of the same size) written straight with COPY into plain tables (no index, no
    constraint, no work); and, for information, the same without the e-mails;
  - the baseline of the transitions: one bare UPDATE and one INSERT ... SELECT.
It prints people/s for each and the ratios wave/baseline.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/ens_benchwave"

_LAST = ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand")
_FIRST = ("Jean", "Marie", "Louis", "Jade", "Gabriel", "Louise", "Léo", "Emma")
_DEPARTMENTS = [f"{d:02d}" for d in range(1, 96) if d != 20]


def add_arguments(parser) -> None:
    parser.add_argument("--people", type=int, default=1_000_000, help="assurés à notifier")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--batch-size", type=int, default=None, help="personnes par lot")
    parser.add_argument("--keep", action="store_true", help="garder la base après la mesure")


# --- Parent process ---


def _admin(url: str, sql: str) -> None:
    info = psycopg.conninfo.conninfo_to_dict(url)
    info.pop("dbname")
    with psycopg.connect(**info, dbname="postgres", autocommit=True) as conn:
        conn.execute(sql)


def _name(url: str) -> str:
    return psycopg.conninfo.conninfo_to_dict(url)["dbname"]


def run(command, *, people: int, postgres_url: str, batch_size: int | None, keep: bool, **_):
    name = _name(postgres_url)
    _admin(postgres_url, f'DROP DATABASE IF EXISTS "{name}"')
    _admin(postgres_url, f'CREATE DATABASE "{name}"')
    with tempfile.TemporaryDirectory(prefix="ens-bench-wave-") as workdir:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "ens.settings.dev",
            "DEBUG": "false",
            "DATABASE_URL": postgres_url,
            "ENS_VAR_DIR": workdir,
            "MEDIA_ROOT": str(Path(workdir) / "media"),
            "NOTIFICATIONS_EMAIL_BACKEND": "outbox",
            "LOG_LEVEL": "WARNING",
        }
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        env.pop("REDIS_URL", None)
        try:
            subprocess.run(  # noqa: S603
                [sys.executable, "manage.py", "migrate", "--verbosity", "0"],
                cwd=ROOT,
                env=env,
                check=True,
            )
            args = [sys.executable, "-m", "bench.wave", str(people)]
            if batch_size:
                args.append(str(batch_size))
            child = subprocess.run(  # noqa: S603
                args, cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE
            )
            figures = json.loads(child.stdout)
        finally:
            if not keep:
                _admin(postgres_url, f'DROP DATABASE IF EXISTS "{name}"')
    _report(command, figures)


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f} personnes/s ({seconds:,.1f} s)".replace(",", " ")


def _report(command, f: dict) -> None:
    n = f["people"]
    out = command.stdout.write
    out(f"Vague de notification sur PostgreSQL, {n:,} assurés".replace(",", " "))
    out(f"  chargement des assurés (COPY)         {_rate(n, f['load'])}")
    out(f"  notify_wave --all                     {_rate(f['notified'], f['notify'])}")
    out(f"    dont e-mails {f['email']}, courriers {f['letter']} en {f['pdfs']} PDF")
    out(
        f"    temps des e-mails (rendu + boîte d'envoi) {f['mail_seconds']:.1f} s,"
        f" des PDF de courriers {f['pdf_seconds']:.1f} s"
    )
    own = f["notify"] - f["mail_seconds"]
    out(f"  vague hors e-mails (espaces, événements, codes, PDF)  {_rate(f['notified'], own)}")
    # The baseline is a bare bulk insert of the rows the wave writes: spaces,
    # events, codes AND the e-mails stored in the outbox. Without the e-mails it is shown
    # too, for information: it leaves out most of what the wave writes.
    out("  référence : COPY des mêmes lignes (espaces, événements, codes, e-mails)")
    out(f"                                        {_rate(n, f['baseline_outbox'])}")
    out(f"  référence partielle : sans les e-mails  {_rate(n, f['baseline'])}")
    out(f"  run_transitions                       {_rate(f['moved'], f['transitions'])}")
    out(f"  référence : UPDATE + INSERT ... SELECT      {_rate(n, f['baseline_transitions'])}")
    out(f"  ratio vague / COPY des mêmes lignes          {f['baseline_outbox'] / f['notify']:.3f}")
    out(f"  ratio vague / référence partielle            {f['baseline'] / f['notify']:.3f}")
    out(
        f"  ratio transitions / SQL nu                   "
        f"{f['baseline_transitions'] / f['transitions']:.3f}"
    )
    out(f"  (rendu des e-mails seul : {f['render_ms']:.3f} ms par message)")


# --- Child process: `python -m bench.wave PEOPLE [BATCH_SIZE]` ---


def _nir(i: int) -> str:
    """The i-th person's NIR: unique by construction (department, commune, order)."""
    from ens.registry.nir import nir_control_key

    n = len(_DEPARTMENTS)
    commune, order = 1 + (i // n) % 999, 1 + (i // n // 999) % 999
    body = f"{1 + i % 2}84{1 + i % 12:02d}{_DEPARTMENTS[i % n]}{commune:03d}{order:03d}"
    return f"{body}{nir_control_key(body):02d}"


def _load_people(count: int) -> None:
    from django.db import connection
    from django.utils import timezone

    from ens.registry.models import InsuredPerson

    now = timezone.now()
    values = {
        "birth_date": date(1984, 12, 14),
        "sex": "M",
        "mobile": "",
        "created_at": now,
        "updated_at": now,
    }
    fields = [f for f in InsuredPerson._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = InsuredPerson._meta.db_table
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            f"COPY {table} ({columns}) FROM STDIN"  # noqa: S608
        ) as copy,
    ):
        for k in range(count):
            row = {
                **values,
                "nir": _nir(k),
                "last_name": _LAST[k % 8],
                "first_name": _FIRST[k % 8],
                "email": "" if k % 11 == 0 else f"assure.{k}@example.fr",
                "address": f"{1 + k % 120} rue de la République",
                "postal_code": f"{_DEPARTMENTS[k % len(_DEPARTMENTS)]}{k % 1000:03d}",
                "city": f"Commune {k % 500}",
            }
            copy.write_row([row.get(f.name, f.get_default()) for f in fields])


def _time(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _baselines(count: int) -> dict:
    """The same rows, written straight with COPY into plain tables: no index, no checks."""
    from django.db import connection
    from django.utils import timezone

    from ens.notifications.rendering import MessageTemplates

    now = timezone.now()
    due = now + timedelta(days=42)
    mail = MessageTemplates("email", "wave_notification").render(
        {
            "code": "ABCDEFGHJKLM",
            "first_name": "Jean",
            "auto_creation_date": due.date(),
            "activation_url": "http://127.0.0.1:8000/activation/",
        }
    )
    hash_hex = os.urandom(32).hex()
    with connection.cursor() as c:
        raw = c.cursor
        for ddl in (
            "CREATE TABLE b_space (id bigserial, person_id bigint, state varchar(16), "
            "notified_at timestamptz, auto_creation_due_at timestamptz, "
            "state_changed_at timestamptz)",
            "CREATE TABLE b_event (id bigserial, space_id bigint, from_state varchar(16), "
            "to_state varchar(16), at timestamptz, actor varchar(100))",
            "CREATE TABLE b_code (id bigserial, person_id bigint, code_hash varchar(64), "
            "channel varchar(8), created_at timestamptz, expires_at timestamptz, "
            "used_at timestamptz)",
            'CREATE TABLE b_mail (id bigserial, channel varchar(5), "to" varchar(254), '
            "template varchar(100), backend varchar(6), status varchar(7), attempts smallint, "
            "error text, created_at timestamptz, sent_at timestamptz, subject text, "
            "body_text text, body_html text)",
        ):
            raw.execute(ddl)

        def rows(outbox: bool) -> None:
            with raw.copy(
                "COPY b_space (person_id, state, notified_at, auto_creation_due_at, "
                "state_changed_at) FROM STDIN"
            ) as copy:
                for i in range(1, count + 1):
                    copy.write_row((i, "notified", now, due, now))
            with raw.copy(
                "COPY b_event (space_id, from_state, to_state, at, actor) FROM STDIN"
            ) as copy:
                for i in range(1, count + 1):
                    copy.write_row((i, "", "notified", now, "opérateur:bench"))
            with raw.copy(
                "COPY b_code (person_id, code_hash, channel, created_at, expires_at) FROM STDIN"
            ) as copy:
                for i in range(1, count + 1):
                    copy.write_row((i, hash_hex, "email", now, due))
            if outbox:
                with raw.copy(
                    'COPY b_mail (channel, "to", template, backend, status, '
                    "attempts, error, created_at, sent_at, subject, body_text, "
                    "body_html) FROM STDIN"
                ) as copy:
                    for i in range(1, count + 1):
                        if i % 11:
                            copy.write_row(
                                (
                                    "email",
                                    f"assure.{i}@example.fr",
                                    "wave_notification",
                                    "outbox",
                                    "sent",
                                    1,
                                    "",
                                    now,
                                    now,
                                    mail.subject,
                                    mail.text,
                                    mail.html,
                                )
                            )
            raw.connection.commit()

        plain = _time(lambda: rows(False))
        for table in ("b_space", "b_event", "b_code"):
            raw.execute(f"TRUNCATE {table}")  # noqa: S608
        raw.connection.commit()
        with_outbox = _time(lambda: rows(True))

        def transitions() -> None:
            raw.execute(
                "UPDATE b_space SET state = 'auto_created', state_changed_at = now() "
                "WHERE state = 'notified'"
            )
            raw.execute(
                "INSERT INTO b_event (space_id, from_state, to_state, at, actor) "
                "SELECT id, 'notified', 'auto_created', now(), 'système' FROM b_space"
            )
            raw.connection.commit()

        moved = _time(transitions)
        for table in ("b_space", "b_event", "b_code", "b_mail"):
            raw.execute(f"DROP TABLE {table}")  # noqa: S608
        raw.connection.commit()
    return {"baseline": plain, "baseline_outbox": with_outbox, "baseline_transitions": moved}


def _timed(fn, spent: dict, key: str):
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[key] += time.perf_counter() - started

    return wrapper


def _child(count: int, batch_size: int | None) -> dict:
    import io

    from django.core.management import call_command
    from django.utils import timezone

    from ens.activation import waves
    from ens.activation.models import HealthSpace, SpaceState
    from ens.notifications.rendering import MessageTemplates
    from ens.operator.models import LetterBatch, NotificationWave

    load = _time(lambda: _load_people(count))
    extra = ["--batch-size", str(batch_size)] if batch_size else []
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    # Where the wave's time goes: the e-mails (rendered and stored by the notifications app)
    # and the letters' PDFs are timed apart; only measured, nothing is replaced.
    spent = {"mail": 0.0, "pdf": 0.0}
    for name, key in (("notification_send_bulk", "mail"), ("letters_pdf", "pdf")):
        setattr(waves, name, _timed(getattr(waves, name), spent, key))
    notify = _time(lambda: call_command("notify_wave", "--all", *extra, **quiet))
    wave = NotificationWave.objects.get()
    later = (timezone.now() + timedelta(days=43)).isoformat()
    transitions = _time(lambda: call_command("run_transitions", "--now", later, **quiet))
    moved = HealthSpace.objects.filter(state=SpaceState.AUTO_CREATED).count()

    templates = MessageTemplates("email", "wave_notification")
    context = {
        "code": "ABCDEFGHJKLM",
        "first_name": "Jean",
        "auto_creation_date": date.today(),
        "activation_url": "http://127.0.0.1:8000/activation/",
    }
    render = _time(lambda: [templates.render(context) for _ in range(2000)]) / 2000 * 1000
    return {
        "people": count,
        "load": load,
        "notify": notify,
        "notified": wave.notified,
        "email": wave.notified_email,
        "letter": wave.notified_letter,
        "pdfs": LetterBatch.objects.count(),
        "transitions": transitions,
        "moved": moved,
        "render_ms": render,
        "mail_seconds": spent["mail"],
        "pdf_seconds": spent["pdf"],
        **_baselines(count),
    }


if __name__ == "__main__":
    import django

    django.setup()
    figures = _child(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else None)
    sys.stdout.write(json.dumps(figures))
