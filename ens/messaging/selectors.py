"""Reads of the secure messaging. Each read of a conversation, a list of them or an
attachment is recorded in the patient's access log in the same call
(ens.access.selectors.read_and_record): nothing is shown without its entry.

Who may read: the patient or their legal representative (ens.space.selectors.space_profiles)
for the patient's conversations; the professional for their own conversations only. Another
person's conversation or attachment, by id or URL, is a 404.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from ens.accounts.models import User
from ens.registry.models import InsuredPerson

from .models import Attachment, AuthorKind, Conversation, Message

PAGE_SIZE = 50


def read_and_record(**kwargs):
    # Imported when called: ens.space.selectors imports this module for the menu's badge,
    # and ens.access.selectors imports ens.space.selectors.
    from ens.access.selectors import read_and_record as _read_and_record

    return _read_and_record(**kwargs)


def _visible_to_patient(person: InsuredPerson) -> QuerySet[Conversation]:
    return Conversation.objects.filter(person=person, deleted_at=None)


def message_list_for(*, person: InsuredPerson) -> QuerySet[Message]:
    """The messages of `person`'s messaging (no access check: callers check the person)."""
    return Message.objects.filter(conversation__in=_visible_to_patient(person))


def message_unread_count(*, person: InsuredPerson) -> int:
    """Messages to `person` not read yet, archived conversations included (the menu badge)."""
    return (
        message_list_for(person=person)
        .exclude(author_kind=AuthorKind.PATIENT)
        .filter(read_at__isnull=True)
        .count()
    )


def _check_patient(*, viewer: User, person: InsuredPerson) -> None:
    from ens.space.selectors import space_profile_get

    space_profile_get(user=viewer, person_id=person.pk)


@dataclass(frozen=True)
class ConversationRow:
    id: uuid.UUID
    correspondent: str
    subject: str
    last_message_at: datetime
    unread: int
    archived: bool
    patient: str = ""


def conversation_list_for_patient(
    *,
    viewer: User,
    person: InsuredPerson,
    archived: bool = False,
    request: HttpRequest | None = None,
) -> list[ConversationRow]:
    """The inbox (or the archive) of `person`, newest first, with unread counts."""
    _check_patient(viewer=viewer, person=person)

    def read() -> list[ConversationRow]:
        rows = (
            _visible_to_patient(person)
            .filter(archived_at__isnull=not archived)
            .annotate(
                unread=Count(
                    "messages",
                    filter=Q(messages__read_at__isnull=True)
                    & ~Q(messages__author_kind=AuthorKind.PATIENT),
                )
            )
            .order_by("-last_message_at")[:PAGE_SIZE]
        )
        return [
            ConversationRow(
                id=c.id,
                correspondent=c.correspondent_label,
                subject=c.subject,
                last_message_at=c.last_message_at,
                unread=c.unread,
                archived=c.is_archived,
            )
            for c in rows
        ]

    return read_and_record(
        person=person,
        actor=viewer,
        resource="Messagerie — conversations archivées"
        if archived
        else "Messagerie — boîte de réception",
        read=read,
        request=request,
    )


@dataclass(frozen=True)
class AttachmentView:
    id: uuid.UUID
    filename: str
    size: int
    content_type: str
    saved_document_id: uuid.UUID | None


@dataclass(frozen=True)
class MessageView:
    id: uuid.UUID
    author: str
    from_patient: bool
    body: str
    created_at: datetime
    was_unread: bool
    attachments: list[AttachmentView]


@dataclass(frozen=True)
class ConversationView:
    conversation: Conversation
    subject: str
    messages: list[MessageView]


def _read_conversation(conversation: Conversation, *, reader_is_patient: bool) -> ConversationView:
    """The decrypted conversation; the messages addressed to the reader become read."""
    messages = list(conversation.messages.prefetch_related("attachments").order_by("created_at"))
    now = timezone.now()
    to_reader = [
        m
        for m in messages
        if m.read_at is None and (m.author_kind == AuthorKind.PATIENT) != reader_is_patient
    ]
    Message.objects.filter(pk__in=[m.pk for m in to_reader]).update(read_at=now)
    unread_ids = {m.pk for m in to_reader}
    patient_name = str(conversation.person)
    views = [
        MessageView(
            id=m.id,
            author=patient_name
            if m.author_kind == AuthorKind.PATIENT
            else conversation.correspondent_label,
            from_patient=m.author_kind == AuthorKind.PATIENT,
            body=m.body,
            created_at=m.created_at,
            was_unread=m.pk in unread_ids,
            attachments=[
                AttachmentView(
                    id=a.id,
                    filename=a.filename,
                    size=a.size,
                    content_type=a.content_type,
                    saved_document_id=a.saved_document_id,
                )
                for a in m.attachments.all()
            ],
        )
        for m in messages
    ]
    return ConversationView(conversation=conversation, subject=conversation.subject, messages=views)


def _uuid(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


def conversation_for_patient(
    *, viewer: User, person: InsuredPerson, conversation_id, request: HttpRequest | None = None
) -> ConversationView:
    """One conversation of `person` (the open profile), read: its messages become read."""
    from .services import conversation_label

    _check_patient(viewer=viewer, person=person)
    conversation_id = _uuid(conversation_id)

    def read() -> ConversationView:
        conversation = _visible_to_patient(person).filter(pk=conversation_id).first()
        if conversation is None:
            raise Http404
        return _read_conversation(conversation, reader_is_patient=True)

    return read_and_record(
        person=person,
        actor=viewer,
        resource=lambda view: conversation_label(view.conversation),
        read=read,
        request=request,
    )


def conversation_list_for_professional(
    *, viewer: User, request: HttpRequest | None = None
) -> list[ConversationRow]:
    """The professional's own conversations, newest first. Each patient shown gets an
    entry in their access log (the subject is health data)."""
    from django.db import transaction

    from ens.access.services import access_record

    if viewer.professional_id is None:
        raise Http404
    with transaction.atomic():
        rows = list(
            Conversation.objects.filter(professional_id=viewer.professional_id)
            .select_related("person")
            .annotate(
                unread=Count(
                    "messages",
                    filter=Q(messages__read_at__isnull=True)
                    & Q(messages__author_kind=AuthorKind.PATIENT),
                )
            )
            .order_by("-last_message_at")[:PAGE_SIZE]
        )
        for person in {c.person_id: c.person for c in rows}.values():
            access_record(
                person=person,
                actor=viewer,
                action="read",
                resource="Messagerie — liste des conversations du professionnel",
                request=request,
            )
        return [
            ConversationRow(
                id=c.id,
                correspondent=c.correspondent_label,
                subject=c.subject,
                last_message_at=c.last_message_at,
                unread=c.unread,
                archived=False,
                patient=str(c.person),
            )
            for c in rows
        ]


def conversation_for_professional(
    *, viewer: User, conversation_id, request: HttpRequest | None = None
) -> ConversationView:
    """One of the professional's own conversations, read (the patient's answers become
    read); any other id is a 404."""
    from .services import conversation_label

    if viewer.professional_id is None:
        raise Http404
    conversation = (
        Conversation.objects.filter(
            pk=_uuid(conversation_id), professional_id=viewer.professional_id
        )
        .select_related("person")
        .first()
    )
    if conversation is None:
        raise Http404
    return read_and_record(
        person=conversation.person,
        actor=viewer,
        resource=conversation_label(conversation),
        read=lambda: _read_conversation(conversation, reader_is_patient=False),
        request=request,
    )


def _attachment_content(attachment: Attachment) -> bytes:
    from ens.documents import keys
    from ens.documents.storage import documents_storage

    with documents_storage().open(attachment.storage_name, "rb") as handle:
        ciphertext = handle.read()
    return keys.open_sealed(
        attachment.id,
        ciphertext,
        wrapped_key=bytes(attachment.wrapped_key),
        key_id=attachment.key_id,
    )


def _attachment_label(attachment: Attachment) -> str:
    return f"Pièce jointe « {attachment.filename} » (messagerie)"


def attachment_for_patient(
    *, viewer: User, attachment_id, request: HttpRequest | None = None, record: bool = True
) -> tuple[Attachment, bytes]:
    """An attachment of a conversation of a profile `viewer` may open, and its content.
    `record=False` only for a caller that records the use itself (saving it to documents)."""
    from ens.space.selectors import space_profiles

    attachment = (
        Attachment.objects.filter(
            pk=_uuid(attachment_id),
            message__conversation__deleted_at=None,
            message__conversation__person__in=space_profiles(user=viewer),
        )
        .select_related("message__conversation__person", "message__conversation__professional")
        .first()
    )
    if attachment is None:
        raise Http404
    if not record:
        return attachment, _attachment_content(attachment)
    return read_and_record(
        person=attachment.message.conversation.person,
        actor=viewer,
        action="download",
        resource=_attachment_label(attachment),
        read=lambda: (attachment, _attachment_content(attachment)),
        request=request,
    )


def attachment_for_professional(
    *, viewer: User, attachment_id, request: HttpRequest | None = None
) -> tuple[Attachment, bytes]:
    """An attachment of one of the professional's conversations, and its content."""
    if viewer.professional_id is None:
        raise Http404
    attachment = (
        Attachment.objects.filter(
            pk=_uuid(attachment_id),
            message__conversation__professional_id=viewer.professional_id,
        )
        .select_related("message__conversation__person")
        .first()
    )
    if attachment is None:
        raise Http404
    return read_and_record(
        person=attachment.message.conversation.person,
        actor=viewer,
        action="download",
        resource=_attachment_label(attachment),
        read=lambda: (attachment, _attachment_content(attachment)),
        request=request,
    )
