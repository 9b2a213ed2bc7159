"""Writes of the operator domain that are not waves (those live in activation.waves)."""

from datetime import datetime

from django.utils import timezone

from .models import LetterBatch


def letter_batches_purge(*, now: datetime | None = None) -> int:
    """Delete the letters' PDFs whose codes have expired; returns how many were deleted.

    Rule: a PDF of letters holds provisional codes in clear; once they have expired (the
    automatic creation date) the letters are useless, so the file goes and the batch keeps
    only its figures and the date of deletion. Idempotent; a file already missing from the
    storage is not an error.
    """
    now = now or timezone.now()
    purged = 0
    due = LetterBatch.objects.filter(codes_expire_at__lte=now, purged_at__isnull=True)
    for batch in due.exclude(pdf="").iterator():
        batch.pdf.delete(save=False)
        purged += 1
    due.update(pdf="", purged_at=now)
    return purged
