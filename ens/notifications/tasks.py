"""Celery tasks: thin, they take ids, call a service and retry with backoff."""

from celery import shared_task

from .services import MAX_ATTEMPTS, notification_deliver_batch, retry_countdown


def _deliver(task, notification_ids: list[int], *, batch: bool) -> None:
    if task.request.is_eager:
        # No worker will come back later: the retries happen at once, in this process.
        pending = list(notification_ids)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            pending = notification_deliver_batch(
                notification_ids=pending, last_attempt=attempt == MAX_ATTEMPTS
            )
            if not pending:
                break
        return
    retries = task.request.retries
    pending = notification_deliver_batch(
        notification_ids=notification_ids, last_attempt=retries + 1 >= MAX_ATTEMPTS
    )
    if pending:
        args = [pending] if batch else [pending[0]]
        raise task.retry(args=args, countdown=retry_countdown(retries))


@shared_task(bind=True, acks_late=True, max_retries=MAX_ATTEMPTS - 1)
def deliver_notification(self, notification_id: int) -> None:
    """Deliver one message (enqueued by notification_send)."""
    _deliver(self, [notification_id], batch=False)


@shared_task(bind=True, acks_late=True, max_retries=MAX_ATTEMPTS - 1)
def deliver_notifications(self, notification_ids: list[int]) -> None:
    """Deliver a batch of messages (enqueued once per batch by notification_send_bulk)."""
    _deliver(self, notification_ids, batch=True)
