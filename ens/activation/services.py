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


class CodeUnusable(Exception):
    """A provisional code that was already used or has expired (its own page, seed 003)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "used" or "expired"


# A second request for a code within this delay is a double submission or a back-button
# replay: it sends nothing (issue 4, security).
CODE_RESEND_COOLDOWN = timedelta(seconds=60)


@transaction.atomic
def provisional_code_send(
    *, person: InsuredPerson, contact_holder: InsuredPerson, channel: str
) -> bool:
    """Send `person` a new provisional code by e-mail or SMS, to `contact_holder`'s contact.

    Rule (design §3, seed 003): valid 15 minutes, usable once, sent to a contact the registry
    knows. The person's row is locked and a code sent less than a minute ago makes this a
    no-op, so a double click or a replay never sends two codes. Returns whether it sent one.
    """
    from ens.notifications.services import notification_send

    if channel not in (CodeChannel.EMAIL, CodeChannel.SMS):
        raise ValueError(f"a code asked for on the site goes by e-mail or SMS, not {channel!r}")
    to = contact_holder.email if channel == CodeChannel.EMAIL else contact_holder.mobile
    if not to:
        raise ValueError(f"{contact_holder} has no {channel} contact")
    InsuredPerson.objects.select_for_update().filter(pk=person.pk).first()
    now = timezone.now()
    just_sent = ProvisionalCode.objects.filter(
        person=person,
        channel__in=[CodeChannel.EMAIL, CodeChannel.SMS],
        used_at=None,
        created_at__gte=now - CODE_RESEND_COOLDOWN,
    ).exists()
    if just_sent:
        return False
    _record, code = provisional_code_issue(person=person, channel=channel)
    notification_send(
        channel=channel,
        to=to,
        template="provisional_code",
        context={
            "code": code,
            "first_name": contact_holder.first_name,
            "valid_minutes": settings.PROVISIONAL_CODE_TTL_MINUTES,
        },
    )
    return True


@transaction.atomic
def provisional_code_redeem(*, code_id: int, person: InsuredPerson) -> ProvisionalCode:
    """Use a provisional code of `person` once, at the end of a successful identification.

    Rule (design §3): usable once, only before it expires. The row is locked so two
    concurrent submissions cannot both use it. Raises CodeUnusable("used" | "expired").
    """
    record = ProvisionalCode.objects.select_for_update().get(pk=code_id, person=person)
    now = timezone.now()
    if record.used_at is not None:
        raise CodeUnusable("used")
    if record.expires_at <= now:
        raise CodeUnusable("expired")
    record.used_at = now
    record.save(update_fields=["used_at"])
    return record


@transaction.atomic
def space_oppose(*, person: InsuredPerson, actor: str) -> HealthSpace:
    """Record the person's opposition to the creation of their space.

    Rule (décret n° 2021-1048; design §3, seed 003): opposing is possible before the
    space exists or while it is only notified; confirmed on a second page. Opposing twice (a
    double submission) keeps the first opposition and its date.
    """
    space = HealthSpace.objects.select_for_update().filter(person=person).first()
    if space is not None and space.state == SpaceState.OPPOSED:
        return space
    return space_transition(person=person, to_state=SpaceState.OPPOSED, actor=actor)


@transaction.atomic
def space_activate_by_parent(*, child: InsuredPerson, parent: InsuredPerson) -> HealthSpace:
    """A parent activates their minor child's profile (*profil rattaché*, design §1 and §3).

    A child's profile has no identifier nor password of its own: the parent reaches it from
    their space. Activating twice (a double submission) keeps the first activation.
    """
    space = HealthSpace.objects.select_for_update().filter(person=child).first()
    if space is not None and space.state == SpaceState.ACTIVE:
        return space
    return space_transition(person=child, to_state=SpaceState.ACTIVE, actor=f"parent:{parent.nir}")
