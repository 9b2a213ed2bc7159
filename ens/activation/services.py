"""Writes of the activation domain: the space lifecycle and provisional codes (design §3)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ens.lib.codes import code_hash, new_provisional_code
from ens.registry.models import InsuredPerson

from .models import (
    ALLOWED_TRANSITIONS,
    CodeChannel,
    HealthSpace,
    ProvisionalCode,
    SpaceEvent,
    SpaceState,
)

PROVISIONAL_PURPOSE = "provisional"


@transaction.atomic
def space_transition(
    *, person: InsuredPerson, to_state: str, actor: str, at: datetime | None = None
) -> HealthSpace:
    """Move a person's space to `to_state` if design §3's lifecycle allows it, and record it.

    The row is locked so two concurrent requests (a double click, a wave and a person acting
    at the same moment) cannot both apply a transition from the same state.
    """
    at = at or timezone.now()
    space = HealthSpace.objects.select_for_update().filter(person=person).first()
    from_state = space.state if space else None
    if to_state not in ALLOWED_TRANSITIONS[from_state]:
        raise ValidationError(
            f"Transition impossible de « {from_state or 'aucun espace'} » vers « {to_state} »."
        )
    if space is None:
        space = HealthSpace(person=person)
    space.state = to_state
    space.state_changed_at = at
    if to_state == SpaceState.NOTIFIED:
        space.notified_at = at
        space.auto_creation_due_at = at + timedelta(days=settings.AUTO_CREATION_DELAY_DAYS)
    space.save()
    SpaceEvent.objects.create(
        space=space, from_state=from_state or "", to_state=to_state, at=at, actor=actor
    )
    return space


def provisional_code_issue(
    *, person: InsuredPerson, channel: str, valid_until: datetime | None = None
) -> tuple[ProvisionalCode, str]:
    """Create a provisional code for `person`; returns the record and the clear code.

    The clear code leaves this function only to be sent; it is never stored. Default
    validity is 15 minutes (design §3), a notification wave passes the automatic creation
    date instead.
    """
    if channel not in CodeChannel.values:
        raise ValueError(f"unknown channel {channel!r}")
    expires_at = valid_until or timezone.now() + timedelta(
        minutes=settings.PROVISIONAL_CODE_TTL_MINUTES
    )
    code = new_provisional_code()
    record = ProvisionalCode.objects.create(
        person=person,
        code_hash=code_hash(code, purpose=PROVISIONAL_PURPOSE),
        channel=channel,
        expires_at=expires_at,
    )
    return record, code
