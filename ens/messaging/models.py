"""Secure messaging (design §5; issue 7 "Secure messaging"): conversations between a patient
and professionals, messages encrypted at rest, attachments stored encrypted like documents.

A conversation belongs to one insured person (the patient, or a minor child whose parents
read it) and to one professional of the directory, or to no professional for the messages of
the service itself (the welcome message of activation, seed 003). A professional writes
first; the patient answers (issue 7, item 1).

Subjects and bodies are health data: they are stored only as AES-GCM ciphertext under a
per-object key wrapped by a master key (ens.messaging.keys), as documents are.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuthorKind(models.TextChoices):
    PATIENT = "patient", _("Patient")
    PROFESSIONAL = "professionnel", _("Professionnel de santé")
    SERVICE = "service", _("Mon espace santé")


class Conversation(models.Model):
    # Random ids: URLs carry them and they are bound into the ciphertexts (associated data).
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        "registry.InsuredPerson",
        on_delete=models.CASCADE,
        related_name="conversations",
        verbose_name=_("patient"),
    )
    professional = models.ForeignKey(
        "professionals.Professional",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conversations",
        verbose_name=_("professionnel de santé"),
    )
    # Who the patient sees on the other side, fixed when the conversation starts.
    correspondent_label = models.CharField(_("correspondant"), max_length=200)
    subject_ciphertext = models.BinaryField()
    wrapped_key = models.BinaryField()
    key_id = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(db_index=True)
    # The patient's side only: archiving or deleting leaves the professional's copy alone,
    # as in any mailbox.
    archived_at = models.DateTimeField(_("archivée le"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("supprimée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at"]
        indexes = [
            models.Index(fields=["person", "deleted_at", "-last_message_at"], name="conv_person"),
            models.Index(fields=["professional", "-last_message_at"], name="conv_professional"),
        ]

    def __str__(self) -> str:
        return f"{self.correspondent_label} ↔ {self.person}"

    @property
    def subject(self) -> str:
        """The subject, decrypted (see Message.body)."""
        from .keys import open_text

        return open_text(
            "subject",
            self.id,
            self.subject_ciphertext,
            wrapped_key=self.wrapped_key,
            key_id=self.key_id,
        )

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def can_be_answered_by_patient(self) -> bool:
        """The patient answers a professional; the service's messages (welcome) have no one
        to answer them (issue 7, item 1: a professional writes first)."""
        return self.professional_id is not None


class MessageQuerySet(models.QuerySet):
    """Accepts `recipient=` (the insured person) as a lookup: the minimal model before
    conversations filtered messages by recipient, and the activation and space tests still do."""

    def _filter_or_exclude(self, negate, args, kwargs):
        if "recipient" in kwargs:
            kwargs["conversation__person"] = kwargs.pop("recipient")
        return super()._filter_or_exclude(negate, args, kwargs)


class MessageManager(models.Manager.from_queryset(MessageQuerySet)):
    def create(self, **kwargs):
        """`create(recipient=, sender_label=, subject=, body=, read_at=)` leaves a message of the
        service (no professional) in a new conversation: the form of the minimal model, kept
        for fixtures. New code calls ens.messaging.services."""
        if "recipient" not in kwargs:
            return super().create(**kwargs)
        from .services import service_message_create

        return service_message_create(
            person=kwargs.pop("recipient"),
            sender_label=kwargs.pop("sender_label"),
            subject=kwargs.pop("subject"),
            body=kwargs.pop("body"),
            read_at=kwargs.pop("read_at", None),
        )


class Message(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author_kind = models.CharField(max_length=20, choices=AuthorKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    body_ciphertext = models.BinaryField()
    wrapped_key = models.BinaryField()
    key_id = models.CharField(max_length=40)
    created_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)
    # Read by its recipient (the patient for a professional's message, and the reverse).
    read_at = models.DateTimeField(_("lu le"), null=True, blank=True)

    objects = MessageManager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["conversation", "author_kind", "read_at"], name="message_unread")
        ]

    def __str__(self) -> str:
        return f"{self.get_author_kind_display()} — {self.created_at:%d/%m/%Y %H:%M}"

    # Decrypting accessors. Pages read messages through ens.messaging.selectors, which record
    # the read in the access log; these serve the services, the selectors and the tests.
    @property
    def body(self) -> str:
        from .keys import open_text

        return open_text(
            "body", self.id, self.body_ciphertext, wrapped_key=self.wrapped_key, key_id=self.key_id
        )

    @property
    def subject(self) -> str:
        return self.conversation.subject

    @property
    def sender_label(self) -> str:
        if self.author_kind == AuthorKind.PATIENT:
            return str(self.conversation.person)
        return self.conversation.correspondent_label

    @property
    def is_unread(self) -> bool:
        """Unread messages are shown in bold with a badge in the menu (issue 7, item 2)."""
        return self.read_at is None


class Attachment(models.Model):
    """A file sent with a message: PDF, JPEG or PNG, checked exactly as documents are
    (ens.documents.content), stored encrypted in the documents storage."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=100)
    content_type = models.CharField(max_length=20)
    size = models.PositiveBigIntegerField()
    storage_name = models.CharField(max_length=255, unique=True)
    wrapped_key = models.BinaryField()
    key_id = models.CharField(max_length=40)
    # Set once the patient saved it to their documents ("Enregistrer dans mes documents").
    saved_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")

    def __str__(self) -> str:
        return self.filename
