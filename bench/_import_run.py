"""Child process of `bench import`: one timed run, its figures as JSON on stdout.

`python -m bench._import_run import FILE [--batch-size N]`: registry_import into the
database of DATABASE_URL. `... writes FILE [--batch-size N]`: the same import with every
row checked beforehand, untimed, so that only reading the lines and writing remain: the
floor the checks are measured against. `python -m bench._import_run baseline FILE`: the same file
loaded with no checks into a plain table (PostgreSQL COPY, SQLite executemany).
"""

import argparse
import csv
import dataclasses
import json
import sys
import time

import django


def _import(path: str, batch_size: int) -> dict:
    from ens.registry.services import registry_import

    started = time.perf_counter()
    with open(path, "rb") as stream:
        report = registry_import(stream=stream, batch_size=batch_size)
    seconds = time.perf_counter() - started
    figures = dataclasses.asdict(report)
    figures.pop("errors")
    return {"rows": report.read, "seconds": seconds, "report": figures}


def _writes_only(path: str, batch_size: int) -> dict:
    from django.utils import timezone

    from ens.registry import services
    from ens.registry.rows import parse_line

    today = timezone.localdate()
    with open(path, encoding="utf-8") as f:
        next(f)
        checked = {line.rstrip("\r\n"): parse_line(line.rstrip("\r\n"), today=today) for line in f}
    services.parse_line = lambda text, today: checked[text]  # a dict lookup instead
    return _import(path, batch_size)


def _baseline(path: str) -> dict:
    from django.db import connection

    columns = ", ".join(f"c{i} text" for i in range(13))
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_plain")
        cursor.execute(f"CREATE TABLE bench_plain ({columns})")
    started = time.perf_counter()
    if connection.vendor == "postgresql":
        how = "COPY FROM STDIN (csv)"
        with connection.cursor() as cursor, open(path, "rb") as f:
            sql = "COPY bench_plain FROM STDIN (FORMAT csv, DELIMITER ';', HEADER true)"
            with cursor.copy(sql) as copy:
                while chunk := f.read(1 << 20):
                    copy.write(chunk)
    else:
        how = "csv.reader + executemany, une transaction"
        marks = ", ".join(["?"] * 13)
        connection.ensure_connection()
        raw = connection.connection  # the sqlite3 connection, in autocommit mode
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.reader(f, delimiter=";")
            next(reader)
            raw.execute("BEGIN")
            raw.executemany(f"INSERT INTO bench_plain VALUES ({marks})", reader)  # noqa: S608
            raw.execute("COMMIT")
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM bench_plain")
        rows = cursor.fetchone()[0]
        cursor.execute("DROP TABLE bench_plain")
    return {"rows": rows, "seconds": seconds, "how": how}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["import", "writes", "baseline"])
    parser.add_argument("file")
    parser.add_argument("--batch-size", type=int, default=0, help="import only")
    args = parser.parse_args()
    django.setup()
    batch = args.batch_size
    if args.mode == "baseline":
        result = _baseline(args.file)
    elif args.mode == "writes":
        result = _writes_only(args.file, batch)
    else:
        result = _import(args.file, batch)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
