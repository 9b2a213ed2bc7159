"""Reads of the access log, and the helper that makes every health-data read leave its entry.

The pattern, for every selector that reads health data (design §5, issue 7: "writing an
entry must never be skipped when the data was read: read and record go together")::

    def document_get(*, viewer, person, document_id, request=None):
        return read_and_record(
            person=person,
            actor=viewer,
            resource=lambda doc: f"Document « {doc.title} »",
            read=lambda: Document.objects.get(person=person, pk=document_id),
            request=request,
        )

`read_and_record` runs the read and writes the entry in one transaction and returns the
data only once the entry is written: if the entry cannot be written, the caller gets the
exception, never the data. Writes call `ens.access.services.access_record` inside their own
`@transaction.atomic` service instead, so the entry commits or rolls back with the write.

Reading the history itself (`access_history`) is not a read of health data and is not
logged: it shows who touched the data, not the data, and logging it would fill the history
with its own visits. Its downloads (CSV, PDF) are not logged either, for the same reason.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from ens.accounts.models import User
from ens.registry.models import InsuredPerson
from ens.space.selectors import space_profile_get

from .models import AccessLogEntry, Action, Mode
from .services import access_record

T = TypeVar("T")


def read_and_record(
    *,
    person: InsuredPerson,
    actor: User | None,
    resource: str | Callable[[T], str],
    read: Callable[[], T],
    request: HttpRequest | None = None,
    mode: str = Mode.NORMAL,
    detail: str = "",
    action: str = Action.READ,
) -> T:
    """Run `read()` and record it in `person`'s access log, in one transaction.

    `resource` is the French label of what was read, or a function of the data read that
    returns it (to name a document by its title). If `read()` raises (not found, not
    allowed), nothing is recorded, as nothing was read.
    """
    with transaction.atomic():
        data = read()
        label = resource(data) if callable(resource) else resource
        access_record(
            person=person,
            actor=actor,
            action=action,
            resource=label,
            request=request,
            mode=mode,
            detail=detail,
        )
    return data


@dataclass(frozen=True)
class HistoryFilter:
    """What the patient asked to see: a period (dates included) and a kind of actor."""

    date_from: date | None = None
    date_to: date | None = None
    actor_kind: str = ""


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def access_history(
    *, user: User, person: InsuredPerson, filters: HistoryFilter | None = None
) -> QuerySet[AccessLogEntry]:
    """`person`'s access log, newest first, as `user` may see it.

    Rule: the patient sees every read and write of their health data (design §5); a parent
    sees the history of a minor child's profile, nobody else sees it (ens.space.selectors:
    `space_profile_get` raises Http404 for any other profile). Days are local days (Paris).
    """
    profile = space_profile_get(user=user, person_id=person.pk)
    entries = AccessLogEntry.objects.filter(person=profile)
    filters = filters or HistoryFilter()
    if filters.date_from:
        entries = entries.filter(created_at__gte=_start_of(filters.date_from))
    if filters.date_to:
        entries = entries.filter(created_at__lt=_start_of(filters.date_to + timedelta(days=1)))
    if filters.actor_kind:
        entries = entries.filter(actor_kind=filters.actor_kind)
    return entries.order_by("-created_at", "-seq")
