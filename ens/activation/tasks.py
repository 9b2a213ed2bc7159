"""Celery tasks of the activation domain: thin, they take ids and call a service."""

import logging

from celery import shared_task

from ens.operator.models import NotificationWave
from ens.operator.services import letter_batches_purge

from .transitions import spaces_auto_create
from .waves import wave_notify

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def run_transitions() -> int:
    """Scheduled by Celery beat (settings.CELERY_BEAT_SCHEDULE): automatic creations, and
    the letters' PDFs whose codes have expired."""
    moved = spaces_auto_create()
    purged = letter_batches_purge()
    logger.info(
        "run_transitions: %d space(s) created automatically, %d letters PDF(s) deleted",
        moved,
        purged,
    )
    return moved


@shared_task(acks_late=True)
def notify_wave(wave_id: int) -> None:
    """Run a wave confirmed on the operator page; a second delivery of the task is a no-op."""
    wave_notify(wave=NotificationWave.objects.get(pk=wave_id))
