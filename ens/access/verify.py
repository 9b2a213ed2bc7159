"""Verification of the access-log chains (issue 7: prove that no entry was changed or removed).

Two ordered streams are merged: every entry by (person, seq), and every chain head by person.
Nothing but the current person's last hash is held in memory, so millions of entries are
verified in one pass with constant memory (server-side cursors on PostgreSQL).

What each check proves, for one person's chain:
- `seq` runs 1, 2, 3... without a gap: no entry was removed from the middle;
- an entry's `prev_hash` is the previous entry's `entry_hash`: no entry was replaced;
- an entry's `entry_hash` is the keyed hash of its fields: no field was changed (without the
  key, a changed entry cannot be given a valid hash);
- the head's `last_seq` and `last_hash` are those of the last entry: the tail was not removed.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from . import chain
from .models import AccessChainHead, AccessLogEntry

ENTRY_FIELDS = (
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
)
CHUNK_SIZE = 5000


@dataclass(frozen=True)
class Problem:
    person_id: int
    seq: int
    created_at: datetime | None
    reason: str

    def describe(self, nir: str) -> str:
        when = (
            timezone.localtime(self.created_at).strftime("%d/%m/%Y %H:%M:%S")
            if self.created_at
            else "date inconnue"
        )
        return f"assuré {nir}, entrée n° {self.seq} ({when}) : {self.reason}"


@dataclass
class Report:
    chains: int = 0
    entries: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _entries(person_id: int | None) -> Iterator:
    rows = AccessLogEntry.objects.order_by("person_id", "seq")
    if person_id is not None:
        rows = rows.filter(person_id=person_id)
    return rows.values_list(*ENTRY_FIELDS, named=True).iterator(chunk_size=CHUNK_SIZE)


def _heads(person_id: int | None) -> Iterator:
    heads = AccessChainHead.objects.order_by("person_id")
    if person_id is not None:
        heads = heads.filter(person_id=person_id)
    return heads.values_list("person_id", "last_seq", "last_hash", named=True).iterator(
        chunk_size=CHUNK_SIZE
    )


class _Chain:
    """The walk along one person's chain."""

    def __init__(self, person_id: int, report: Report):
        self.person_id = person_id
        self.report = report
        self.expected_seq = 1
        self.expected_prev = chain.GENESIS_HASH
        self.last = None
        report.chains += 1

    def problem(self, seq: int, created_at: datetime | None, reason: str) -> None:
        self.report.problems.append(Problem(self.person_id, seq, created_at, reason))

    def add(self, row) -> None:
        self.report.entries += 1
        if row.seq > self.expected_seq:
            missing = (
                f"n° {self.expected_seq}"
                if row.seq == self.expected_seq + 1
                else f"n° {self.expected_seq} à {row.seq - 1}"
            )
            self.problem(row.seq, row.created_at, f"entrée(s) {missing} supprimée(s) avant elle")
        elif row.prev_hash != self.expected_prev:
            self.problem(
                row.seq,
                row.created_at,
                "ne suit pas l'entrée précédente (prev_hash différent) : "
                "l'entrée précédente a été modifiée ou remplacée",
            )
        if chain.hash_of(row) != row.entry_hash:
            self.problem(row.seq, row.created_at, "modifiée (son empreinte ne correspond plus)")
        self.expected_seq = row.seq + 1
        self.expected_prev = row.entry_hash
        self.last = row

    def close(self, head) -> None:
        last_seq = self.last.seq if self.last else 0
        last_date = self.last.created_at if self.last else None
        if head is None:
            self.problem(last_seq, last_date, "fin de chaîne absente (table des têtes modifiée)")
        elif head.last_seq > last_seq:
            missing = (
                f"n° {head.last_seq}"
                if head.last_seq == last_seq + 1
                else f"n° {last_seq + 1} à {head.last_seq}"
            )
            self.problem(head.last_seq, None, f"dernière(s) entrée(s) {missing} supprimée(s)")
        elif head.last_seq < last_seq or head.last_hash != self.expected_prev:
            self.problem(last_seq, last_date, "ne correspond pas à la fin de chaîne enregistrée")


def verify_chains(*, person_id: int | None = None) -> Report:
    """Walk every chain (or one person's) and report each entry changed or removed."""
    report = Report()
    heads = _heads(person_id)
    head = next(heads, None)
    current: _Chain | None = None

    def close_until(next_person_id: int | None) -> None:
        """Close the current chain and every head-only chain before `next_person_id`."""
        nonlocal head, current
        if current is not None:
            while head is not None and head.person_id < current.person_id:
                _Chain(head.person_id, report).close(head)
                head = next(heads, None)
            matching = head if head is not None and head.person_id == current.person_id else None
            current.close(matching)
            if matching is not None:
                head = next(heads, None)
            current = None
        while head is not None and (next_person_id is None or head.person_id < next_person_id):
            # A head without entries: every entry of that chain was removed.
            _Chain(head.person_id, report).close(head)
            head = next(heads, None)

    for row in _entries(person_id):
        if current is None or row.person_id != current.person_id:
            close_until(row.person_id)
            current = _Chain(row.person_id, report)
        current.add(row)
    close_until(None)
    return report
