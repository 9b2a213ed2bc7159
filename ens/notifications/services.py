"""Writes of the notifications domain: send e-mails and SMS, one or a whole wave at a time.

When is a message delivered?
- With the "outbox" backend (the embedded default and demo mode) the stored row *is* the
  delivery: it is written in the caller's transaction, so a rolled-back transaction leaves no
  message, and tests that run inside a transaction (pytest's `db` fixture) read it at once.
- With a real backend (SMTP, HTTP gateway) the row is written in the caller's transaction and
  the Celery task is enqueued with `transaction.on_commit`: nothing leaves the building for a
  transaction that is rolled back. Without a broker (CELERY_TASK_ALWAYS_EAGER) the task runs
  in-process right after the commit.
"""

import logging
from collections.abc import Iterable, Sequence
from functools import partial
from itertools import islice

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ens.lib.bulk import bulk_insert

from .addresses import normalize_address
from .backends import DeliveryError, backend_for, deliver
from .models import Backend, Notification, Status
from .rendering import MessageTemplates, RenderedMessage

logger = logging.getLogger(__name__)

# A message is tried this many times in all before it is recorded as failed.
MAX_ATTEMPTS = 5


def retry_countdown(retries: int) -> int:
    """Seconds before the next try: 30 s, 2 min, 8 min, 32 min, then at most an hour."""
    return min(30 * 4**retries, 3600)


def _new_row(
    *, channel: str, to: str, template: str, backend: str, rendered: RenderedMessage, now
) -> Notification:
    in_outbox = backend == Backend.OUTBOX
    return Notification(
        channel=channel,
        to=to,
        template=template,
        backend=backend,
        status=Status.SENT if in_outbox else Status.QUEUED,
        attempts=1 if in_outbox else 0,
        sent_at=now if in_outbox else None,
        created_at=now,
        subject=rendered.subject,
        body_text=rendered.text,
        body_html=rendered.html,
    )


# The columns of a row that differ from one message of a batch to the next, then the others.
_OWN_FIELDS = ("to", "subject", "body_text", "body_html")
_SHARED_FIELDS = ("channel", "template", "backend", "status", "attempts", "sent_at", "created_at")


def _new_rows(
    *,
    channel: str,
    template: str,
    backend: str,
    addresses: list[str],
    messages: list[RenderedMessage],
    now,
) -> list[tuple]:
    """The rows `_new_row` would build, one per (address, message), as values for bulk_insert.

    The rows of a batch share every field but the address and the message: those are taken
    from one row built by `_new_row`, the single definition of a new message.
    """
    model = _new_row(
        channel=channel,
        to="",
        template=template,
        backend=backend,
        rendered=RenderedMessage(subject="", text="", html=""),
        now=now,
    )
    shared = tuple(getattr(model, name) for name in _SHARED_FIELDS)
    return [
        (to, m.subject, m.text, m.html, *shared) for to, m in zip(addresses, messages, strict=True)
    ]


@transaction.atomic
def notification_send(*, channel: str, to: str, template: str, context: dict) -> Notification:
    """Render template `template` for `channel` ("email" or "sms") and send it to `to`.

    The address is checked first (an e-mail address, or a mobile number in E.164), then the
    template is rendered: a bad address or a missing template raises before anything is stored
    or sent. One-time codes are stored in clear only by the demo outbox (design §6: codes are
    stored as keyed hashes; the outbox is the demo stand-in for the person's mailbox).
    """
    address = normalize_address(channel, to)
    backend = backend_for(channel)
    rendered = MessageTemplates(channel, template).render(context)
    notification = _new_row(
        channel=channel,
        to=address,
        template=template,
        backend=backend,
        rendered=rendered,
        now=timezone.now(),
    )
    notification.save()
    if backend != Backend.OUTBOX:
        from .tasks import deliver_notification

        transaction.on_commit(partial(deliver_notification.delay, notification.pk))
    return notification


def _batches(items: Iterable, size: int):
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def notification_send_bulk(
    *,
    channel: str,
    template: str,
    recipients: Iterable[tuple[str, dict]],
    batch_size: int = 1000,
    addresses_normalized: bool = False,
) -> int:
    """Send `template` to every (address, context) of `recipients`; returns how many were stored.

    Built for notification waves of millions of people (design §3): the recipients are read
    lazily, the templates are loaded once, each batch is stored at once (ens.lib.bulk) in its
    own transaction (a wave stopped half-way keeps its finished batches) and delivered by ONE
    task. A recipient with an invalid address is skipped and counted in the log rather than
    stopping the wave (the registry may hold a stale address); it gets no message.
    `addresses_normalized`: every address already is what `normalize_address` returns (a
    wave checks them to choose between e-mail and letter), so they are not checked again.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    backend = backend_for(channel)
    templates = MessageTemplates(channel, template)
    stored = skipped = 0
    for batch in _batches(recipients, batch_size):
        if addresses_normalized:
            addresses, contexts = [to for to, _ in batch], [context for _, context in batch]
        else:
            addresses, contexts = [], []
            for to, context in batch:
                try:
                    addresses.append(normalize_address(channel, to))
                except ValidationError:
                    skipped += 1
                    continue
                contexts.append(context)
        rows = _new_rows(
            channel=channel,
            template=template,
            backend=backend,
            addresses=addresses,
            messages=templates.render_many(contexts),
            now=timezone.now(),
        )
        # Only a real backend needs the ids, for its delivery task.
        queued = backend != Backend.OUTBOX
        with transaction.atomic():
            ids = bulk_insert(
                Notification, [*_OWN_FIELDS, *_SHARED_FIELDS], rows, return_ids=queued
            )
            if queued and ids:
                from .tasks import deliver_notifications

                transaction.on_commit(partial(deliver_notifications.delay, ids))
        stored += len(rows)
    if skipped:
        logger.warning(
            "%s %s: %d recipient(s) skipped for an invalid address", channel, template, skipped
        )
    logger.info("%s %s: %d message(s) stored for %s", channel, template, stored, backend)
    return stored


def notification_deliver_batch(*, notification_ids: Sequence[int], last_attempt: bool) -> list[int]:
    """Try once to deliver the queued messages among `notification_ids`; returns those to retry.

    Rows are claimed (queued → sending) with one conditional UPDATE so that a task delivered
    twice by the broker does not send twice. Not one transaction around the whole: the network
    calls must not hold database locks. A sent message, or one given up on (a permanent error,
    or the last attempt), loses its rendered text: only the outbox keeps a one-time code.
    """
    pending = list(
        Notification.objects.filter(pk__in=notification_ids, status=Status.QUEUED).order_by("pk")
    )
    if not pending:
        return []
    claimed = Notification.objects.filter(
        pk__in=[n.pk for n in pending], status=Status.QUEUED
    ).update(status=Status.SENDING)
    if claimed != len(pending):
        # Another worker got some of them first: keep only the rows this one claimed.
        mine = set(
            Notification.objects.filter(
                pk__in=[n.pk for n in pending], status=Status.SENDING
            ).values_list("pk", flat=True)
        )
        pending = [n for n in pending if n.pk in mine]

    results: dict[int, DeliveryError | None] = {}
    for backend in {n.backend for n in pending}:
        results.update(deliver([n for n in pending if n.backend == backend]))

    now = timezone.now()
    retry: list[int] = []
    for n in pending:
        error = results[n.pk]
        n.attempts += 1
        if error is None:
            n.status, n.sent_at, n.error = Status.SENT, now, ""
        elif error.transient and not last_attempt:
            n.status, n.error = Status.QUEUED, str(error)
            retry.append(n.pk)
            continue
        else:
            n.status, n.error = Status.FAILED, str(error)
            logger.warning("notification %s to %s failed: %s", n.pk, n.channel, error)
        if n.backend != Backend.OUTBOX:
            n.subject = n.body_text = n.body_html = ""
    Notification.objects.bulk_update(
        pending, ["status", "attempts", "sent_at", "error", "subject", "body_text", "body_html"]
    )
    return retry


def notification_deliver(*, notification_id: int, last_attempt: bool) -> bool:
    """Try once to deliver one queued message; True when it should be tried again later."""
    return bool(
        notification_deliver_batch(notification_ids=[notification_id], last_attempt=last_attempt)
    )
