"""Notification waves: notify a whole population at once (design §3, issue 4 item 7).

Each person of the population who has no space yet gets a space in state `notified`, with the
automatic creation date 6 weeks later (settings.AUTO_CREATION_DELAY_DAYS), a SpaceEvent, and a
provisional code valid until that date, sent by e-mail, or by postal letter when the registry
knows no e-mail address (design §3). A person who already has a space (notified, active,
opposed...) is skipped: a wave never notifies anyone twice.

A wave can reach millions of people: people are read in batches of a few thousand, keyed on
the primary key, and each batch is written with a handful of queries (bulk inserts of spaces,
events and codes, one bulk notification call, one PDF of letters) in its own transaction, so a
wave stopped half-way keeps its finished batches and can simply be run again.
"""

from __future__ import annotations

import csv
import io
import json
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ens.lib.bulk import bulk_insert
from ens.lib.codes import PROVISIONAL_ALPHABET, PROVISIONAL_LENGTH, code_hash
from ens.notifications.addresses import normalize_address
from ens.notifications.services import notification_send_bulk
from ens.operator.models import LetterBatch, NotificationWave, WaveKind, WaveStatus
from ens.registry.models import InsuredPerson, ParentLink
from ens.registry.nir import parse_nir

from .letters import Letter, letters_pdf
from .models import CodeChannel, HealthSpace, ProvisionalCode, SpaceEvent, SpaceState
from .services import PROVISIONAL_PURPOSE

# People handled per transaction: big enough for bulk inserts to pay, small enough for a
# batch to take a second or two and for its PDF of letters to stay printable.
WAVE_BATCH_SIZE = 2000
# NIRs of a list looked up per query (SQLite allows 32,766 parameters in a query).
NIR_CHUNK = 5000

_LIMIT = 256 - 256 % len(PROVISIONAL_ALPHABET)


def new_provisional_codes(count: int) -> list[str]:
    """`count` provisional codes, like ens.lib.codes.new_provisional_code, made in bulk.

    Same alphabet, length and uniform distribution (rejection sampling on random bytes from
    `secrets`), about ten times faster than one `secrets.choice` call per character.
    """
    alphabet, size, need = (
        PROVISIONAL_ALPHABET,
        len(PROVISIONAL_ALPHABET),
        count * PROVISIONAL_LENGTH,
    )
    chars: list[str] = []
    while len(chars) < need:
        chunk = secrets.token_bytes((need - len(chars)) * 256 // _LIMIT + 16)
        chars.extend(alphabet[b % size] for b in chunk if b < _LIMIT)
    text = "".join(chars[:need])
    return [text[i : i + PROVISIONAL_LENGTH] for i in range(0, need, PROVISIONAL_LENGTH)]


# --- Who is in a wave ---

VALID_DEPARTMENTS = (
    {f"{n:02d}" for n in range(1, 96) if n != 20} | {"2A", "2B"} | {f"97{n}" for n in range(1, 7)}
)


def normalize_department(value: str) -> str:
    """A department code as the registry derives it from postal codes ("76", "2A", "971")."""
    code = value.strip().upper()
    if code.isdigit() and len(code) == 1:
        code = f"0{code}"
    if code not in VALID_DEPARTMENTS:
        raise ValidationError(
            _("« %(value)s » n'est pas un numéro de département (par exemple 76, 2A ou 971).")
            % {"value": value},
            code="invalid",
        )
    return code


def department_filter(department: str) -> Q:
    """People living in `department`, from their postal code (InsuredPerson.department).

    Written as a range of postal codes rather than a prefix: a range can be read from the
    postal code's index on both databases, a LIKE prefix cannot (PostgreSQL outside the C
    collation, SQLite's case-insensitive LIKE), and a department is 1 % of the registry.
    """
    if department in ("2A", "2B"):
        start, end = ("20000", "20200") if department == "2A" else ("20200", "21000")
    elif len(department) == 3:  # overseas: 971 is 97100 to 97199
        start, end = f"{department}00", f"{int(department) + 1}00"
    else:
        start, end = f"{department}000", f"{int(department) + 1:02d}000"
    return Q(postal_code__gte=start, postal_code__lt=end)


def normalize_nir(raw: str) -> str | None:
    """The stored form of a NIR listed by an operator, or None when it cannot be one."""
    try:
        return parse_nir(raw).value
    except ValidationError:
        return None


def read_nirs(text: str) -> tuple[list[str], int]:
    """The NIRs of a list (one a line, or a CSV with a `nir` column) and how many were invalid.

    Duplicates are dropped; the order of the list is kept.
    """
    lines = text.lstrip("\ufeff").splitlines()
    first = lines[0] if lines else ""
    raw_values: Iterable[str]
    if ";" in first or "," in first:
        delimiter = ";" if ";" in first else ","
        reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter=delimiter)
        column = next(
            (name for name in reader.fieldnames or [] if name.strip().lower() == "nir"), None
        )
        if column is None:
            raise ValidationError(
                _("Le fichier CSV n'a pas de colonne « nir »."), code="no_nir_column"
            )
        raw_values = (row.get(column) or "" for row in reader)
    else:
        raw_values = lines[1:] if first.strip().lower() == "nir" else lines
    nirs: dict[str, None] = {}
    invalid = 0
    for raw in raw_values:
        if not raw.strip():
            continue
        nir = normalize_nir(raw)
        if nir is None:
            invalid += 1
        else:
            nirs[nir] = None
    return list(nirs), invalid


def wave_nirs(wave: NotificationWave) -> list[str]:
    if wave.kind != WaveKind.FILE:
        return []
    with wave.nir_file.open("rb") as f:
        return read_nirs(f.read().decode("utf-8-sig", errors="replace"))[0]


def _population(wave: NotificationWave, nirs: list[str]) -> Iterator[QuerySet[InsuredPerson]]:
    """The wave's population as one queryset, or one per chunk of a list of NIRs."""
    people = InsuredPerson.objects.all()
    if wave.kind == WaveKind.DEPARTMENT:
        yield people.filter(department_filter(wave.department))
    elif wave.kind == WaveKind.ALL:
        yield people
    else:
        for start in range(0, len(nirs), NIR_CHUNK):
            yield people.filter(nir__in=nirs[start : start + NIR_CHUNK])


@dataclass(frozen=True)
class WaveCount:
    to_notify: int  # people of the population without a space yet
    already: int  # people of the population who already have one


def wave_count(wave: NotificationWave, nirs: list[str] | None = None) -> WaveCount:
    """How many people the wave would notify (the operator confirms this figure)."""
    nirs = wave_nirs(wave) if nirs is None else nirs
    to_notify = already = 0
    for people in _population(wave, nirs):
        to_notify += people.filter(space__isnull=True).count()
        already += people.filter(space__isnull=False).count()
    return WaveCount(to_notify=to_notify, already=already)


def _candidates(wave: NotificationWave, nirs: list[str], batch_size: int) -> Iterator[list[dict]]:
    """People without a space, batch after batch, keyed on the primary key.

    The people of a batch and, apart, which of them have a space are two index lookups of
    the batch's size: an anti-join in one query lets PostgreSQL scan the whole table of
    spaces for every batch, which made a wave of a million quadratic.
    """
    fields = ("pk", "first_name", "last_name", "email", "address", "postal_code", "city")
    is_child = Exists(ParentLink.objects.filter(child=OuterRef("pk")))
    for people in _population(wave, nirs):
        last = 0
        while True:
            batch = list(
                people.filter(pk__gt=last)
                .annotate(is_child=is_child)
                .order_by("pk")
                .values(*fields, "is_child")[:batch_size]
            )
            if not batch:
                break
            last = batch[-1]["pk"]
            with_space = set(
                HealthSpace.objects.filter(person_id__in=[p["pk"] for p in batch]).values_list(
                    "person_id", flat=True
                )
            )
            if without := [p for p in batch if p["pk"] not in with_space]:
                yield without


# --- Notifying one batch ---


@dataclass
class BatchResult:
    email: int = 0
    letter: int = 0
    child: int = 0
    skipped: int = 0
    no_contact: int = 0


def _channel(person: dict) -> tuple[str, str] | None:
    """E-mail when the registry has a valid address, else a letter, else nothing (design §3).

    With the e-mail channel comes the address as normalize_address gives it, so the message
    is sent to it without checking it again.
    """
    if person["email"]:
        try:
            return CodeChannel.EMAIL.value, normalize_address("email", person["email"])
        except ValidationError:
            pass  # a stale address in the registry: the post still reaches the person
    if person["address"].strip() and person["postal_code"].strip():
        return CodeChannel.LETTER.value, ""
    return None


def _create_spaces(person_ids: list[int], *, now: datetime, due: datetime) -> dict[int, int]:
    """Notified spaces for `person_ids`; {person id: space id} of the spaces really created.

    Someone may have activated or opposed since the batch was read: their row wins (ON
    CONFLICT DO NOTHING) and RETURNING names exactly the spaces this statement created, so
    only those get an event, a code and a message. On PostgreSQL the ids are sent with COPY
    into a temporary table (an array parameter goes through psycopg's slow Python array
    dumper); SQLite reads them from one JSON parameter (no limit on the batch size).
    """
    table = connection.ops.quote_name(HealthSpace._meta.db_table)
    prep = HealthSpace._meta.get_field("notified_at").get_db_prep_value
    params = [
        SpaceState.NOTIFIED.value,
        prep(now, connection),
        prep(due, connection),
        prep(now, connection),
    ]
    # "WHERE true": SQLite's grammar needs a WHERE before ON CONFLICT in INSERT ... SELECT.
    insert = (
        f"INSERT INTO {table} (person_id, state, notified_at, auto_creation_due_at, "  # noqa: S608
        "state_changed_at) SELECT person_id, %s, %s, %s, %s FROM {source} WHERE true "
        "ORDER BY person_id ON CONFLICT (person_id) DO NOTHING RETURNING person_id, id"
    )
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            source = "(SELECT value AS person_id FROM json_each(%s))"
            cursor.execute(insert.format(source=source), [*params, json.dumps(person_ids)])
            return dict(cursor.fetchall())
        # Dropped at the end of the batch (a rollback drops it too): the next batch, maybe in
        # the same surrounding transaction, creates it again.
        cursor.execute("CREATE TEMPORARY TABLE wave_people (person_id bigint)")
        copy_ids = "COPY wave_people (person_id) FROM STDIN"
        with connection.wrap_database_errors, cursor.cursor.copy(copy_ids) as copy:
            for pk in person_ids:
                copy.write_row((pk,))
        cursor.execute(insert.format(source="wave_people"), params)
        created = dict(cursor.fetchall())
        cursor.execute("DROP TABLE wave_people")
    return created


@transaction.atomic
def _notify_batch(
    *, wave: NotificationWave, people: list[dict], now: datetime, actor: str, activation_url: str
) -> BatchResult:
    result = BatchResult()
    due = now + timedelta(days=settings.AUTO_CREATION_DELAY_DAYS)
    channels: dict[int, tuple[str, str] | None] = {}
    for person in people:
        channel = None if person["is_child"] else _channel(person)
        if channel is None and not person["is_child"]:
            result.no_contact += 1
            continue
        channels[person["pk"]] = channel

    created = _create_spaces(list(channels), now=now, due=due)
    result.skipped = len(channels) - len(created)
    bulk_insert(
        SpaceEvent,
        ["space_id", "from_state", "to_state", "at", "actor"],
        [(space_id, "", SpaceState.NOTIFIED.value, now, actor) for space_id in created.values()],
    )

    senders = [p for p in people if p["pk"] in created and channels[p["pk"]] is not None]
    result.child = len(created) - len(senders)
    codes = new_provisional_codes(len(senders))
    bulk_insert(
        ProvisionalCode,
        ["person_id", "code_hash", "channel", "expires_at"],
        [
            (p["pk"], code_hash(c, purpose=PROVISIONAL_PURPOSE), channels[p["pk"]][0], due)
            for p, c in zip(senders, codes, strict=True)
        ],
    )

    day = timezone.localdate(due)
    mails = [
        (
            channels[p["pk"]][1],
            {
                "code": c,
                "first_name": p["first_name"],
                "auto_creation_date": day,
                "activation_url": activation_url,
            },
        )
        for p, c in zip(senders, codes, strict=True)
        if channels[p["pk"]][0] == CodeChannel.EMAIL
    ]
    if mails:
        result.email = notification_send_bulk(
            channel="email",
            template="wave_notification",
            recipients=mails,
            batch_size=len(mails),
            addresses_normalized=True,
        )
    letters = [
        Letter(
            first_name=p["first_name"],
            last_name=p["last_name"],
            address=p["address"],
            postal_code=p["postal_code"],
            city=p["city"],
            code=c,
        )
        for p, c in zip(senders, codes, strict=True)
        if channels[p["pk"]][0] == CodeChannel.LETTER
    ]
    if letters:
        number = (
            wave.letters.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
        batch = LetterBatch(wave=wave, number=number, letters=len(letters), codes_expire_at=due)
        batch.pdf.save(
            f"vague-{wave.pk}-lot-{number:04d}.pdf",
            ContentFile(letters_pdf(letters, auto_creation_date=day)),
            save=False,
        )
        batch.save()
        result.letter = len(letters)

    NotificationWave.objects.filter(pk=wave.pk).update(
        notified_email=F("notified_email") + result.email,
        notified_letter=F("notified_letter") + result.letter,
        notified_child=F("notified_child") + result.child,
        skipped=F("skipped") + result.skipped,
        no_contact=F("no_contact") + result.no_contact,
    )
    return result


# --- The wave ---


def wave_create(
    *,
    kind: str,
    launched_by_label: str,
    launched_by=None,
    department: str = "",
    nir_file: tuple[str, bytes] | None = None,
) -> NotificationWave:
    """Record a wave to confirm (status draft) with its population; nothing is sent yet."""
    wave = NotificationWave(
        kind=kind,
        department=normalize_department(department) if kind == WaveKind.DEPARTMENT else "",
        launched_by=launched_by,
        launched_by_label=launched_by_label,
    )
    if kind == WaveKind.FILE:
        if nir_file is None:
            raise ValueError("a wave of kind 'file' needs its list of NIRs")
        name, content = nir_file
        wave.nir_file_name = name[:200]
        wave.nir_file.save("nir.txt", ContentFile(content), save=False)
    wave.save()
    wave.expected = wave_count(wave).to_notify
    wave.save(update_fields=["expected"])
    return wave


def wave_confirm(*, wave: NotificationWave) -> bool:
    """Move a draft wave to pending, once: a double submission does not launch it twice."""
    return bool(
        NotificationWave.objects.filter(pk=wave.pk, status=WaveStatus.DRAFT).update(
            status=WaveStatus.PENDING
        )
    )


def wave_notify(
    *,
    wave: NotificationWave,
    batch_size: int = WAVE_BATCH_SIZE,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> NotificationWave:
    """Notify the wave's population (design §3): space, event, code, e-mail or letter.

    Not one transaction: each batch is its own (see the module docstring). The wave is
    claimed with a conditional UPDATE, so a task delivered twice by the broker runs it once;
    and since only people without a space are read, running a wave again notifies nobody
    twice. `now` moves the clock (tests, benchmark); `progress` is called with each batch's
    size.
    """
    claimed = NotificationWave.objects.filter(
        pk=wave.pk, status__in=[WaveStatus.DRAFT, WaveStatus.PENDING]
    ).update(status=WaveStatus.RUNNING, started_at=timezone.now())
    if not claimed:
        wave.refresh_from_db()
        return wave
    actor = f"opérateur:{wave.launched_by_label}"[:100]
    activation_url = settings.SITE_URL.rstrip("/") + "/activation/"
    try:
        with translation.override(settings.LANGUAGE_CODE):
            nirs = wave_nirs(wave)
            count = wave_count(wave, nirs)
            NotificationWave.objects.filter(pk=wave.pk).update(
                skipped=F("skipped") + count.already, expected=count.to_notify
            )
            for people in _candidates(wave, nirs, batch_size):
                _notify_batch(
                    wave=wave,
                    people=people,
                    now=now or timezone.now(),
                    actor=actor,
                    activation_url=activation_url,
                )
                if progress is not None:
                    progress(len(people))
    except Exception as exc:
        NotificationWave.objects.filter(pk=wave.pk).update(
            status=WaveStatus.FAILED, finished_at=timezone.now(), error=repr(exc)[:2000]
        )
        raise
    NotificationWave.objects.filter(pk=wave.pk).update(
        status=WaveStatus.DONE, finished_at=timezone.now()
    )
    wave.refresh_from_db()
    return wave
