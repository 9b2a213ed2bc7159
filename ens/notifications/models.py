"""E-mails and SMS sent by the service, and the demo outbox that keeps them readable.

A row is the record of one message to one address. With the "outbox" backend (demo mode)
the row *is* the delivery: it keeps the rendered message so that `/demo/boite/` and
`manage.py outbox` can show it, one-time codes included. With a real backend (SMTP, HTTP
gateway) the rendered message stays in the row only while it waits to be sent and is wiped
as soon as it is sent or given up on: what remains is metadata (design §6: codes are never
stored in clear).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class Status(models.TextChoices):
    QUEUED = "queued", _("En attente")
    SENDING = "sending", _("En cours d'envoi")
    SENT = "sent", _("Envoyé")
    FAILED = "failed", _("Échec")


class Backend(models.TextChoices):
    OUTBOX = "outbox", _("Boîte de démonstration")
    SMTP = "smtp", _("SMTP")
    HTTP = "http", _("Passerelle SMS HTTP")


class Notification(models.Model):
    channel = models.CharField(max_length=5, choices=Channel.choices)
    to = models.CharField(max_length=254)
    template = models.CharField(max_length=100)
    backend = models.CharField(max_length=6, choices=Backend.choices)
    status = models.CharField(max_length=7, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The rendered message: kept for good by the outbox, only until delivery otherwise.
    subject = models.TextField(blank=True)
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)

    class Meta:
        indexes = [
            # The outbox is read newest first, for one recipient or for all.
            models.Index(fields=["backend", "to", "-created_at"], name="notif_outbox_to_idx"),
            models.Index(fields=["backend", "-created_at"], name="notif_outbox_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.channel} → {self.to} ({self.template}, {self.status})"

    @property
    def is_in_outbox(self) -> bool:
        """True when the message was delivered into the demo outbox, which keeps its text."""
        return self.backend == Backend.OUTBOX
