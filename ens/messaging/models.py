"""Secure messaging (design §5), minimal for now: the messages waiting for an insured person.

The conversations with professionals, attachments and encryption at rest come with the
messaging issue; this model already holds the welcome message left at activation (seed 003:
"Un message nous attend déjà dans la messagerie").
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    recipient = models.ForeignKey(
        "registry.InsuredPerson",
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("destinataire"),
    )
    # Who the person sees as the sender: "Mon espace santé", a professional's name...
    sender_label = models.CharField(_("expéditeur"), max_length=200)
    subject = models.CharField(_("objet"), max_length=200)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("reçu le"), auto_now_add=True)
    read_at = models.DateTimeField(_("lu le"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient}"

    @property
    def is_unread(self) -> bool:
        """Unread messages are shown in bold with a badge in the inbox (seed 003)."""
        return self.read_at is None
