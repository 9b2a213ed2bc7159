"""Writes of the registry: loading the Assurance Maladie's file of insured people (design §2).

The import is streamed: the file is read line by line, each row is checked in Python
(`rows.parse_row`, the single place of the rules), and valid rows are written in batches
with a handful of statements per batch, whatever its size:
- PostgreSQL: COPY into a temporary staging table, then one upsert of the people and one
  of their cartes Vitale, set-based, from it; a second thread writes a batch while the
  caller checks the next one (the server works while Python parses);
- SQLite: one executemany upsert of the people and one of the cards (SQLite runs in
  the process: a staging table would only add a pass).
Memory stays flat whatever the size of the file. Parent links wait in a temporary table
and are resolved at the end, since a parent may come after the child in the file.
"""
# The SQL below is built from model table names and constant column names, never from the
# file's content, which only ever travels as parameters or through COPY.
# ruff: noqa: S608

import datetime
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CarteVitale, InsuredPerson, ParentLink
from .nir import format_nir
from .rows import HEADER, RegistryRow, RowInvalid, parse_line

# A registry line is about 200 bytes; a longer one is not a row, and reading it whole
# would let one bad file (no line breaks) fill the memory.
MAX_LINE_BYTES = 4096
# The report keeps the first rejections; all of them go to `on_error` (the --errors file).
MAX_KEPT_ERRORS = 1000
# Big batches, sorted, write the NIR index in long runs (see flush); 20,000 rows weigh
# about 15 MB.
DEFAULT_BATCH_SIZE = 20_000
SQLITE_CACHE_KB = 64 * 1024

_ROWS_TABLE = "registry_import_rows"
_LINKS_TABLE = "registry_import_links"
_PERSON_COLUMNS = (
    "nir",
    "birth_date",
    "last_name",
    "first_name",
    "sex",
    "email",
    "mobile",
    "address",
    "postal_code",
    "city",
)
_ROW_COLUMNS = (*_PERSON_COLUMNS, "serial", "has_photo")


class RegistryFileError(Exception):
    """The file as a whole cannot be imported (header, encoding, empty); nothing was written."""


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str
    content: str = ""


@dataclass
class ImportReport:
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    links_created: int = 0
    links_unresolved: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected and not self.links_unresolved


def _lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of each line; None for a line longer than MAX_LINE_BYTES."""
    number = 0
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while True:  # skip the rest of it without keeping it
                rest = stream.readline(65536)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
        else:
            yield number, line


def _decode(number: int, raw: bytes) -> str:
    try:
        return raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise RowInvalid(
            _(
                "la ligne %(line)d n'est pas en UTF-8 : octet 0x%(byte)02X en position "
                "%(position)d (le fichier doit être enregistré en UTF-8)."
            )
            % {"line": number, "byte": raw[exc.start], "position": exc.start + 1}
        ) from None


def _check_header(lines) -> None:
    expected = ";".join(HEADER)
    try:
        number, raw = next(lines)
    except StopIteration:
        raise RegistryFileError(
            _("Le fichier est vide : il doit commencer par l'en-tête %(header)s")
            % {"header": expected}
        ) from None
    if raw is None:
        raise RegistryFileError(
            _(
                "La première ligne dépasse %(max)d octets : ce n'est pas un fichier du "
                "registre (en-tête attendu : %(header)s)."
            )
            % {"max": MAX_LINE_BYTES, "header": expected}
        )
    try:
        header = _decode(number, raw.removeprefix(b"\xef\xbb\xbf")).strip()
    except RowInvalid as exc:
        raise RegistryFileError(_("En-tête illisible : %(reason)s") % {"reason": exc}) from None
    if header == expected:
        return
    if ";" not in header:
        for separator, name in ((",", _("des virgules")), ("\t", _("des tabulations"))):
            if separator in header:
                raise RegistryFileError(
                    _(
                        "Le fichier semble séparé par %(name)s : le séparateur attendu est le "
                        "point-virgule (;). En-tête attendu : %(header)s"
                    )
                    % {"name": name, "header": expected}
                )
    columns = [c.strip() for c in header.split(";")]
    for position, (found, wanted) in enumerate(zip(columns, HEADER, strict=False), start=1):
        if found != wanted:
            raise RegistryFileError(
                _(
                    "En-tête inattendu : la colonne %(position)d s'appelle « %(found)s » au "
                    "lieu de « %(wanted)s ». En-tête attendu : %(header)s"
                )
                % {"position": position, "found": found[:50], "wanted": wanted, "header": expected}
            )
    raise RegistryFileError(
        _(
            "En-tête inattendu : %(count)d colonnes au lieu de %(expected)d. En-tête "
            "attendu : %(header)s"
        )
        % {"count": len(columns), "expected": len(HEADER), "header": expected}
    )


class _Writer:
    """The statements of one batch, on this connection and its temporary tables."""

    def __init__(self, now: datetime.datetime):
        self.postgres = connection.vendor == "postgresql"
        q = connection.ops.quote_name
        self.person = q(InsuredPerson._meta.db_table)
        self.card = q(CarteVitale._meta.db_table)
        self.link = q(ParentLink._meta.db_table)
        self.now = connection.ops.adapt_datetimefield_value(now)
        # Rows that did not change are left alone: no write, and they count as unchanged.
        changed = " OR ".join(f"{self.person}.{c} <> excluded.{c}" for c in _PERSON_COLUMNS[1:])
        self._person_updates = (
            ", ".join(f"{c} = excluded.{c}" for c in _PERSON_COLUMNS[1:])
            + f", updated_at = excluded.updated_at WHERE {changed}"
        )
        self._card_updates = (
            "serial = excluded.serial, has_photo = excluded.has_photo "
            f"WHERE {self.card}.serial <> excluded.serial "
            f"OR {self.card}.has_photo <> excluded.has_photo"
        )

    def setup(self, cursor) -> None:
        self.teardown(cursor)
        if self.postgres:
            # Losing the last batches to a server crash is harmless (the import is run
            # again and updates what it finds), waiting for each batch's fsync is not.
            cursor.execute("SET synchronous_commit TO off")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {_ROWS_TABLE} (nir varchar(15) NOT NULL, birth_date date "
                "NOT NULL, last_name varchar(100) NOT NULL, first_name varchar(100) NOT NULL, sex "
                "varchar(1) NOT NULL, email varchar(254) NOT NULL, mobile varchar(16) NOT NULL, "
                "address varchar(200) NOT NULL, postal_code varchar(5) NOT NULL, city "
                "varchar(100) NOT NULL, serial varchar(11) NOT NULL, has_photo boolean NOT NULL)"
            )
        else:
            # A page cache that holds the NIR index (random inserts), and a links table
            # that never touches the disk. All reset by teardown.
            if not connection.in_atomic_block:  # SQLite refuses it inside a transaction
                cursor.execute("PRAGMA temp_store = MEMORY")
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KB}")
            # Checkpoint the WAL (an fsync) every 64 MB rather than every 4 MB.
            cursor.execute("PRAGMA wal_autocheckpoint = 16384")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {_LINKS_TABLE} (line integer NOT NULL, child_nir "
            "varchar(15) NOT NULL, parent_nir varchar(15) NOT NULL)"
        )

    def teardown(self, cursor) -> None:
        cursor.execute(f"DROP TABLE IF EXISTS {_ROWS_TABLE}")
        cursor.execute(f"DROP TABLE IF EXISTS {_LINKS_TABLE}")
        if self.postgres:
            cursor.execute("RESET synchronous_commit")
        else:
            if not connection.in_atomic_block:
                cursor.execute("PRAGMA temp_store = DEFAULT")
            cursor.execute("PRAGMA cache_size = -2000")  # SQLite's defaults
            cursor.execute("PRAGMA wal_autocheckpoint = 1000")

    def _load(self, cursor, table: str, columns: tuple[str, ...], rows) -> None:
        if self.postgres:
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def write_batch(self, cursor, rows: list[RegistryRow], links: list[tuple]) -> tuple[int, int]:
        """Upsert the people and cards of a batch; (created, created or changed)."""
        if links:
            self._load(cursor, _LINKS_TABLE, ("line", "child_nir", "parent_nir"), links)
        if self.postgres:
            return self._upsert_postgres(cursor, rows)
        return self._upsert_sqlite(cursor, rows)

    def _upsert_postgres(self, cursor, rows: list[RegistryRow]) -> tuple[int, int]:
        """COPY into the staging table, then two set-based upserts from it."""
        cursor.execute(f"TRUNCATE {_ROWS_TABLE}")
        self._load(cursor, _ROWS_TABLE, _ROW_COLUMNS, (row[:12] for row in rows))
        columns = ", ".join(_PERSON_COLUMNS)
        # xmax is 0 on a row version this statement inserted, not on one it updated: the
        # usual PostgreSQL way to tell the two apart in an upsert's RETURNING.
        cursor.execute(
            f"WITH upserted AS (INSERT INTO {self.person} ({columns}, created_at, updated_at) "
            f"SELECT {columns}, %s, %s FROM {_ROWS_TABLE} "
            f"ON CONFLICT (nir) DO UPDATE SET {self._person_updates} "
            "RETURNING xmax = 0 AS created) "
            "SELECT count(*) FILTER (WHERE created), count(*) FROM upserted",
            [self.now, self.now],
        )
        created, touched = cursor.fetchone()
        # The staging table has no statistics, so the planner would hash the whole table of
        # people for each batch (the import grew quadratic): look each NIR up in its index.
        cursor.execute("SET enable_hashjoin = off")
        cursor.execute("SET enable_mergejoin = off")
        cursor.execute(
            f"INSERT INTO {self.card} (person_id, serial, has_photo) "
            f"SELECT p.id, s.serial, s.has_photo FROM {_ROWS_TABLE} s "
            f"JOIN {self.person} p ON p.nir = s.nir WHERE s.serial <> '' "
            f"ON CONFLICT (person_id) DO UPDATE SET {self._card_updates}"
        )
        cursor.execute("RESET enable_hashjoin")
        cursor.execute("RESET enable_mergejoin")
        return created, touched

    def _upsert_sqlite(self, cursor, rows: list[RegistryRow]) -> tuple[int, int]:
        """Two executemany upserts: SQLite runs them in-process, a staging table adds a pass."""
        # New people get ids above the highest one: counting them is a short range scan.
        cursor.execute(f"SELECT max(id) FROM {self.person}")
        last_id = cursor.fetchone()[0] or 0
        now = self.now
        columns = ", ".join(_PERSON_COLUMNS)
        marks = ", ".join(["%s"] * (len(_PERSON_COLUMNS) + 2))
        cursor.executemany(
            f"INSERT INTO {self.person} ({columns}, created_at, updated_at) VALUES ({marks}) "
            f"ON CONFLICT (nir) DO UPDATE SET {self._person_updates}",
            [(row[0], row[1].isoformat(), *row[2:10], now, now) for row in rows],
        )
        touched = cursor.rowcount
        cursor.executemany(
            f"INSERT INTO {self.card} (person_id, serial, has_photo) "
            f"VALUES ((SELECT id FROM {self.person} WHERE nir = %s), %s, %s) "
            f"ON CONFLICT (person_id) DO UPDATE SET {self._card_updates}",
            [(row[0], row[10], row[11]) for row in rows if row[10]],
        )
        cursor.execute(f"SELECT count(*) FROM {self.person} WHERE id > %s", [last_id])
        return cursor.fetchone()[0], touched

    def resolve_links(self, cursor) -> int:
        """Create the links whose two ends now exist; the number created."""
        cursor.execute(
            f"INSERT INTO {self.link} (child_id, parent_id) "
            f"SELECT DISTINCT c.id, p.id FROM {_LINKS_TABLE} l "
            f"JOIN {self.person} c ON c.nir = l.child_nir "
            f"JOIN {self.person} p ON p.nir = l.parent_nir "
            f"WHERE NOT EXISTS (SELECT 1 FROM {self.link} x "
            "WHERE x.child_id = c.id AND x.parent_id = p.id)"
        )
        return cursor.rowcount

    def unresolved_links(self, cursor):
        cursor.execute(
            f"SELECT l.line, l.child_nir, l.parent_nir FROM {_LINKS_TABLE} l "
            f"WHERE NOT EXISTS (SELECT 1 FROM {self.person} p WHERE p.nir = l.parent_nir) "
            "ORDER BY l.line"
        )
        while chunk := cursor.fetchmany(1000):
            yield from chunk


class _BackgroundWriter:
    """Writes the batches in a second thread while the caller reads and checks the next one.

    Python's checks and the database's work then overlap (the database drivers release
    the GIL while the server or SQLite works). The thread uses the caller's own
    connection, as Django's LiveServerThread does, so the batches belong to the caller's
    transaction when there is one (tests) and see its temporary tables; the caller does
    not touch the connection until the thread is done. At most two batches wait.
    """

    def __init__(self, flush: Callable[[dict, list], None], threaded: bool = True):
        self.flush = flush
        self.threaded = threaded
        self.queue: queue.Queue = queue.Queue(maxsize=1)
        self.failure: BaseException | None = None
        self.connection = connections[DEFAULT_DB_ALIAS]
        self.thread = threading.Thread(target=self._run, name="registry-import-writer")

    def _run(self) -> None:
        connections[DEFAULT_DB_ALIAS] = self.connection
        while (item := self.queue.get()) is not None:
            if self.failure is None:
                try:
                    self.flush(*item)
                except BaseException as exc:  # handed over to the caller's thread
                    self.failure = exc

    def put(self, batch: dict, links: list) -> None:
        if not self.threaded:
            self.flush(batch, links)
            return
        if self.failure is not None:
            raise self.failure
        self.queue.put((batch, links))

    def __enter__(self) -> "_BackgroundWriter":
        if not self.threaded:
            return self
        self.connection.inc_thread_sharing()
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        if not self.threaded:
            return
        self.queue.put(None)
        self.thread.join()
        self.connection.dec_thread_sharing()
        if self.failure is not None and exc_info[0] is None:
            raise self.failure


def registry_import(
    *,
    stream: BinaryIO,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_error: Callable[[RowError], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Load the registry CSV of design §2 from a binary stream; the report of what was done.

    Rules (design §2): the header must be exactly the one of design §2, else
    RegistryFileError and nothing is written; a bad row is reported with its line number
    and reason and never blocks the good ones; the NIR must fit the birth date and sex;
    a re-import updates and never duplicates (the NIR is the key); a child's row names one
    parent, a second row for the same child names the other; a link whose parent is in
    neither the file nor the registry is reported.

    Each batch is its own transaction, so an interrupted import keeps what it wrote and
    can simply be run again; a single transaction around millions of rows would instead
    lose everything at the last line.
    """
    report = ImportReport()
    now = timezone.now()
    today = timezone.localdate()
    lines = _lines(stream)
    _check_header(lines)
    writer = _Writer(now)

    def reject(number: int, reason: str, raw: bytes | None) -> None:
        report.rejected += 1
        content = raw.decode("utf-8", "replace").rstrip("\r\n")[:500] if raw else ""
        error = RowError(number, reason, content)
        if len(report.errors) < MAX_KEPT_ERRORS:
            report.errors.append(error)
        if on_error:
            on_error(error)

    def flush(batch: dict[str, RegistryRow], links: list[tuple]) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            # In NIR order, each batch walks the NIR index once from left to right instead of
            # jumping around it: half the time of an unsorted batch on SQLite.
            created, touched = writer.write_batch(cursor, sorted(batch.values()), links)
        report.created += created
        report.updated += touched - created
        report.unchanged += len(batch) - touched

    with connection.cursor() as cursor:
        writer.setup(cursor)
    try:
        with _BackgroundWriter(flush, threaded=writer.postgres) as background:
            batch: dict[str, RegistryRow] = {}
            links: list[tuple[int, str, str]] = []
            consumed = 0
            for number, raw in lines:
                if raw is None:
                    report.read += 1
                    reject(
                        number,
                        _("ligne de plus de %(max)d octets : ce n'est pas une ligne du registre.")
                        % {"max": MAX_LINE_BYTES},
                        None,
                    )
                    continue
                consumed += len(raw)
                if raw.isspace():
                    continue  # a blank line (often the last one) is no row
                report.read += 1
                try:
                    row = parse_line(_decode(number, raw), today=today)
                except RowInvalid as exc:
                    reject(number, str(exc), raw)
                    continue
                # Two rows of one child (one per parent) are one person: the last one wins.
                batch[row.nir] = row
                if row.parent_nir:
                    links.append((number, row.nir, row.parent_nir))
                if len(batch) >= batch_size:
                    background.put(batch, links)
                    batch, links = {}, []
                    if on_progress:
                        on_progress(consumed)
                        consumed = 0
            if batch or links:
                background.put(batch, links)
        if on_progress:
            on_progress(consumed)

        with transaction.atomic(), connection.cursor() as cursor:
            report.links_created = writer.resolve_links(cursor)
        with connection.cursor() as cursor:
            for line, child_nir, parent_nir in writer.unresolved_links(cursor):
                report.links_unresolved += 1
                error = RowError(
                    line,
                    _(
                        "rattachement non créé : le parent (nir_ouvrant_droit %(parent)s) "
                        "n'est ni dans le fichier ni dans le registre."
                    )
                    % {"parent": format_nir(parent_nir)},
                    child_nir,
                )
                if len(report.errors) < MAX_KEPT_ERRORS:
                    report.errors.append(error)
                if on_error:
                    on_error(error)
    finally:
        with connection.cursor() as cursor:
            writer.teardown(cursor)
    return report
