"""Reads of the notifications domain: the demo outbox."""

from django.db.models import QuerySet

from .addresses import lookup_address
from .models import Backend, Notification


def outbox_messages(*, to: str | None = None, last: int | None = None) -> QuerySet[Notification]:
    """Messages kept by the demo outbox, newest first; for one address (any formatting of a
    mobile number, any case of an e-mail address) and/or the `last` ones only."""
    messages = Notification.objects.filter(backend=Backend.OUTBOX).order_by("-created_at", "-pk")
    if to:
        messages = messages.filter(to__iexact=lookup_address(to))
    if last is not None:
        messages = messages[:last]
    return messages


def latest_outbox_message(to: str) -> Notification | None:
    """The newest message the demo outbox kept for `to`, or None (handy to read a code)."""
    return outbox_messages(to=to).first()
