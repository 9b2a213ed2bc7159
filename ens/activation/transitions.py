"""Scheduled transitions of the space lifecycle (design §3, issue 4 item 7).

Without opposition, a notified space is created automatically once its automatic creation
date has passed (6 weeks after the notification): `notified → auto_created`, recorded as a
SpaceEvent by "système". Run by `manage.py run_transitions` and by Celery beat every hour.
"""

from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from .models import HealthSpace, SpaceEvent, SpaceState

SYSTEM_ACTOR = "système"
TRANSITION_BATCH_SIZE = 5000


@transaction.atomic
def _auto_create_batch(*, now: datetime, batch_size: int) -> int | None:
    """Move one batch; how many spaces moved, or None when no due space was left."""
    # Two runs may overlap (a slow run and the next beat, two workers). On PostgreSQL each
    # takes a batch of rows nobody else holds (SKIP LOCKED), so they share the work instead
    # of waiting for each other. Exactness does not rest on that: the UPDATE checks the
    # state again and returns the rows it really moved, and only those get an event. SQLite
    # has no row locks but runs one writing transaction at a time (transaction_mode
    # IMMEDIATE in the settings).
    ids = list(
        HealthSpace.objects.select_for_update(skip_locked=True)
        .filter(state=SpaceState.NOTIFIED, auto_creation_due_at__lte=now)
        .order_by("auto_creation_due_at")
        .values_list("pk", flat=True)[:batch_size]
    )
    if not ids:
        return None
    moved = _update_returning(ids=ids, now=now)
    SpaceEvent.objects.bulk_create(
        SpaceEvent(
            space_id=pk,
            from_state=SpaceState.NOTIFIED,
            to_state=SpaceState.AUTO_CREATED,
            at=now,
            actor=SYSTEM_ACTOR,
        )
        for pk in moved
    )
    return len(moved)


def _update_returning(*, ids: list[int], now: datetime) -> list[int]:
    """notified → auto_created for those of `ids` still notified; the ids really moved.

    Django's update() returns a count, not the rows: UPDATE ... RETURNING (PostgreSQL, and
    SQLite since 3.35) says exactly which spaces this run moved.
    """
    table = connection.ops.quote_name(HealthSpace._meta.db_table)
    field = HealthSpace._meta.get_field("state_changed_at")
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET state = %s, state_changed_at = %s "  # noqa: S608
            f"WHERE id IN ({placeholders}) AND state = %s RETURNING id",
            [
                SpaceState.AUTO_CREATED.value,
                field.get_db_prep_value(now, connection),
                *ids,
                SpaceState.NOTIFIED.value,
            ],
        )
        return [row[0] for row in cursor.fetchall()]


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
    while (moved := _auto_create_batch(now=now, batch_size=batch_size)) is not None:
        total += moved
        if progress is not None:
            progress(moved)
    return total
