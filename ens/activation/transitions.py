"""Scheduled transitions of the space lifecycle (design §3, issue 4 item 7).

Without opposition, a notified space is created automatically once its automatic creation
date has passed (6 weeks after the notification): `notified → auto_created`, recorded as a
SpaceEvent by "système". Run by `manage.py run_transitions` and by Celery beat every hour.
"""

from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from ens.lib.bulk import bulk_insert

from .models import HealthSpace, SpaceEvent, SpaceState

SYSTEM_ACTOR = "système"
# Spaces moved per transaction: one statement does the work (see _auto_create_batch), so a
# batch is cheap per row and can be large; still bounded, so millions of due spaces never
# hold one long transaction.
TRANSITION_BATCH_SIZE = 50_000


@transaction.atomic
def _auto_create_batch(*, now: datetime, batch_size: int) -> int:
    """Move one batch of due spaces and record their events; how many moved (0: none left).

    Two runs may overlap (a slow run and the next beat, two workers). On PostgreSQL each
    takes a batch of rows nobody else holds (SKIP LOCKED), so they share the work instead
    of waiting for each other. Exactness does not rest on that: the UPDATE checks the state
    again and only the rows it really moved (RETURNING) get an event. SQLite has no row locks
    but runs one writing transaction at a time (transaction_mode IMMEDIATE in the settings).
    """
    spaces = connection.ops.quote_name(HealthSpace._meta.db_table)
    events = connection.ops.quote_name(SpaceEvent._meta.db_table)
    at = HealthSpace._meta.get_field("state_changed_at").get_db_prep_value(now, connection)
    notified, created = SpaceState.NOTIFIED.value, SpaceState.AUTO_CREATED.value
    due = (
        f"SELECT id FROM {spaces} WHERE state = %s AND auto_creation_due_at <= %s "  # noqa: S608
        "ORDER BY auto_creation_due_at LIMIT %s"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One statement: pick, move and record, without the ids leaving the server. The
            # ids go through an array so that the UPDATE reads the rows by primary key: joined
            # to the CTE, PostgreSQL hashed the whole table for every batch.
            cursor.execute(
                f"WITH picked AS ({due} FOR UPDATE SKIP LOCKED), "  # noqa: S608
                f"moved AS (UPDATE {spaces} SET state = %s, state_changed_at = %s "
                "WHERE id = ANY(ARRAY(SELECT id FROM picked)) AND state = %s RETURNING id) "
                f"INSERT INTO {events} (space_id, from_state, to_state, at, actor) "
                "SELECT id, %s, %s, %s, %s FROM moved",
                [notified, at, batch_size, created, at, notified]
                + [notified, created, at, SYSTEM_ACTOR],
            )
            return cursor.rowcount
        cursor.execute(
            f"UPDATE {spaces} SET state = %s, state_changed_at = %s "  # noqa: S608
            f"WHERE id IN ({due}) AND state = %s RETURNING id",
            [created, at, notified, at, batch_size, notified],
        )
        moved = [row[0] for row in cursor.fetchall()]
    bulk_insert(
        SpaceEvent,
        ["space_id", "from_state", "to_state", "at", "actor"],
        [(pk, notified, created, now, SYSTEM_ACTOR) for pk in moved],
    )
    return len(moved)


def spaces_auto_create(
    *,
    now: datetime | None = None,
    batch_size: int = TRANSITION_BATCH_SIZE,
    progress=None,
) -> int:
    """Create automatically the notified spaces whose date has passed; returns how many.

    Rule (design §3; décret n° 2021-1048): without opposition, the space is created 6 weeks
    after the notification. Only `notified` spaces move: an active, opposed or closed space
    is never touched, and running it again moves nothing more (idempotent). One transaction
    per batch, so millions of due spaces never hold one long transaction.
    """
    now = now or timezone.now()
    total = 0
    while moved := _auto_create_batch(now=now, batch_size=batch_size):
        total += moved
        if progress is not None:
            progress(moved)
    return total
