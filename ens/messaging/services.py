"""Writes of the secure messaging (design §5; issue 7 "Secure messaging" items 1-3).

Rules enforced here, not in the views:
- a professional writes first, to a patient whose space is open and who has not blocked
  them (ens.professionals.perms); the patient answers but never starts a conversation;
- the patient acts on their own conversations or a minor child's
  (ens.space.selectors.space_profile_get); a professional only on their own; anyone else,
  or a guessed id, gets Http404;
- bodies and subjects are checked (not empty, length limits) and stored encrypted; an
  attachment passes the very checks of a document (ens.documents.content) and is stored
  encrypted in the documents storage;
- every write is recorded in the patient's access log in the same transaction;
- the patient is told by e-mail that a message is waiting, never what it says.
"""

import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from ens.access.services import access_record, professional_label
from ens.accounts.models import User
from ens.documents import keys as document_keys
from ens.documents.content import detect_content_type, safe_filename
from ens.documents.models import AuthorKind as DocumentAuthor
from ens.documents.models import Category, Document
from ens.documents.services import document_create, max_upload_bytes
from ens.documents.storage import documents_storage
from ens.professionals.models import Professional
from ens.registry.models import InsuredPerson

from .keys import seal_text
from .models import Attachment, AuthorKind, Conversation, Message

SERVICE_SENDER = "Mon espace santé"
SUBJECT_MAX_LENGTH = 150
BODY_MAX_LENGTH = 5000
MAX_ATTACHMENTS = 5


class MessageRefused(ValueError):
    """Bad input; `field` names the form field, `str(error)` is the French message."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class NotAllowed(Exception):
    """The professional may not write to this patient; `str(error)` says why, in French."""


@dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes


def conversation_label(conversation: Conversation) -> str:
    """How the access history names a conversation (without its subject: the history is
    shown to the parents of a child and downloaded as CSV)."""
    return f"Messagerie — conversation avec {conversation.correspondent_label}"


def patient_address(person: InsuredPerson) -> str:
    """The patient's secure messaging address (issue 7, item 1): NIR@patient.mssante.fr."""
    return f"{person.nir}@patient.mssante.fr"


# --- checks ---


def _clean_subject(subject: str) -> str:
    subject = " ".join(subject.split())
    if not subject:
        raise MessageRefused("subject", _("Saisissez l'objet du message."))
    if len(subject) > SUBJECT_MAX_LENGTH:
        raise MessageRefused(
            "subject",
            _("L'objet ne doit pas dépasser %(limit)d caractères.") % {"limit": SUBJECT_MAX_LENGTH},
        )
    return subject


def _clean_body(body: str) -> str:
    body = body.replace("\r\n", "\n").replace("\x00", "").strip()
    if not body:
        raise MessageRefused("body", _("Saisissez votre message."))
    if len(body) > BODY_MAX_LENGTH:
        raise MessageRefused(
            "body",
            _("Le message ne doit pas dépasser %(limit)d caractères (il en compte %(count)d).")
            % {"limit": BODY_MAX_LENGTH, "count": len(body)},
        )
    return body


def _checked_uploads(uploads: list[Upload]) -> list[tuple[Upload, str, str]]:
    """(upload, content type, safe file name) for each upload, checked as documents are."""
    if len(uploads) > MAX_ATTACHMENTS:
        raise MessageRefused(
            "attachment",
            _("Joignez au plus %(count)d fichiers.") % {"count": MAX_ATTACHMENTS},
        )
    from ens.documents.content import ContentRefused

    checked = []
    for upload in uploads:
        try:
            content_type = detect_content_type(
                upload.content,
                max_bytes=max_upload_bytes(),
                max_pixels=settings.DOCUMENTS_MAX_IMAGE_PIXELS,
            )
        except ContentRefused as refused:
            raise MessageRefused("attachment", str(refused)) from None
        checked.append((upload, content_type, safe_filename(upload.filename, content_type)))
    return checked


def _space_is_open(person: InsuredPerson) -> bool:
    """Whether a professional may reach `person` at all: the search of the professional
    portal (ens.professionals.selectors.patient_find) finds them, i.e. their space, or for
    a child a parent's, is activated or created automatically."""
    from ens.professionals.selectors import patient_find

    return patient_find(nir=person.nir, birth_date=person.birth_date) == person


def professional_may_write(*, professional: Professional, person: InsuredPerson) -> None:
    """Raises NotAllowed unless `professional` may write to `person`: the space is open
    (activated or created automatically, never opposed or closed) and the patient has not
    blocked this professional (issue 7, "Security and bad input")."""
    if not _space_is_open(person):
        raise NotAllowed(_("Ce patient n'a pas d'espace santé ouvert."))
    from ens.professionals.perms import professional_access

    if professional_access(professional=professional, person=person).blocked:
        raise NotAllowed(_("Ce patient a bloqué votre accès à son espace santé."))


def _patient_conversation(*, actor: User, conversation_id) -> Conversation:
    """A conversation of a profile `actor` may open (theirs, a minor child's), locked."""
    from ens.space.selectors import space_profiles

    try:
        conversation_id = uuid.UUID(str(conversation_id))
    except ValueError:
        raise Http404 from None
    conversation = (
        Conversation.objects.select_for_update()
        .filter(pk=conversation_id, deleted_at=None, person__in=space_profiles(user=actor))
        .first()
    )
    if conversation is None:
        raise Http404
    return conversation


def _professional_conversation(*, actor: User, conversation_id) -> Conversation:
    if actor.professional_id is None:
        raise Http404
    try:
        conversation_id = uuid.UUID(str(conversation_id))
    except ValueError:
        raise Http404 from None
    conversation = (
        Conversation.objects.select_for_update()
        .filter(pk=conversation_id, professional_id=actor.professional_id)
        .first()
    )
    if conversation is None:
        raise Http404
    return conversation


# --- writes ---


def _new_message(
    *,
    conversation: Conversation,
    author_kind: str,
    author: User | None,
    body: str,
    read_at: datetime | None = None,
) -> Message:
    message = Message(
        conversation=conversation, author_kind=author_kind, author=author, read_at=read_at
    )
    sealed = seal_text("body", message.id, body)
    message.body_ciphertext = sealed.ciphertext
    message.wrapped_key = sealed.wrapped_key
    message.key_id = sealed.key_id
    message.save(force_insert=True)
    return message


def _new_conversation(
    *, person: InsuredPerson, professional: Professional | None, correspondent: str, subject: str
) -> Conversation:
    conversation = Conversation(
        person=person,
        professional=professional,
        correspondent_label=correspondent[:200],
        last_message_at=timezone.now(),
    )
    sealed = seal_text("subject", conversation.id, subject)
    conversation.subject_ciphertext = sealed.ciphertext
    conversation.wrapped_key = sealed.wrapped_key
    conversation.key_id = sealed.key_id
    conversation.save(force_insert=True)
    return conversation


def _stored_files(checked: list[tuple[Upload, str, str]]) -> list[Attachment]:
    """Encrypt and store each file before the transaction; returns the unsaved attachments.

    As documents do (ens.documents.services.document_create): the ciphertext is written
    first, the rows in the transaction; `_attached` deletes the files if the rows fail.
    """
    storage = documents_storage()
    attachments = []
    for upload, content_type, filename in checked:
        attachment = Attachment(
            filename=filename, content_type=content_type, size=len(upload.content)
        )
        sealed = document_keys.seal(attachment.id, upload.content)
        attachment.storage_name = storage.save(
            f"messaging/{attachment.id.hex[:2]}/{attachment.id.hex}",
            ContentFile(sealed.ciphertext),
        )
        attachment.wrapped_key = sealed.wrapped_key
        attachment.key_id = sealed.key_id
        attachments.append(attachment)
    return attachments


@contextmanager
def _attached(attachments: list[Attachment]):
    """A transaction in which the message is written; its files go if it fails."""
    try:
        with transaction.atomic():
            yield
    except BaseException:
        storage = documents_storage()
        for attachment in attachments:
            storage.delete(attachment.storage_name)
        raise


def _save_attachments(message: Message, attachments: list[Attachment]) -> None:
    for attachment in attachments:
        attachment.message = message
        attachment.save(force_insert=True)


def _notify_waiting(conversation: Conversation) -> None:
    """E-mail "un nouveau message vous attend" to the patient, or to the parents of a child
    (issue 7, item 2): never the subject nor the content."""
    from ens.notifications.services import notification_send

    person = conversation.person
    readers = list(User.objects.filter(person=person))
    if not readers:
        readers = list(User.objects.filter(person__child_links__child=person))
    addresses = {user.email or user.person.email: user for user in readers}
    if not readers and person.email:
        addresses = {person.email: None}
    for address, user in addresses.items():
        if not address:
            continue
        first_name = (user.person if user else person).first_name.title()
        notification_send(
            channel="email",
            to=address,
            template="message_waiting",
            context={
                "first_name": first_name,
                "sender_label": conversation.correspondent_label,
                "url": f"{settings.SITE_URL}/espace/messagerie/",
            },
        )


def conversation_start(
    *,
    actor: User,
    person: InsuredPerson,
    subject: str,
    body: str,
    uploads: list[Upload] = (),
    request: HttpRequest | None = None,
) -> Conversation:
    """A professional writes first to `person` (issue 7, item 1 and Professionals item 4).

    Raises NotAllowed (closed space, blocked) or MessageRefused (bad subject, body or file).
    The patient is notified by e-mail once it is stored.
    """
    if actor.professional_id is None:
        raise NotAllowed(_("Seul un professionnel de santé peut écrire en premier."))
    professional = actor.professional
    professional_may_write(professional=professional, person=person)
    subject, body = _clean_subject(subject), _clean_body(body)
    attachments = _stored_files(_checked_uploads(list(uploads)))
    with _attached(attachments):
        conversation = _new_conversation(
            person=person,
            professional=professional,
            correspondent=professional_label(professional),
            subject=subject,
        )
        message = _new_message(
            conversation=conversation,
            author_kind=AuthorKind.PROFESSIONAL,
            author=actor,
            body=body,
        )
        _save_attachments(message, attachments)
        access_record(
            person=person,
            actor=actor,
            action="create",
            resource=conversation_label(conversation),
            request=request,
            detail=_("Nouveau message, %(count)d pièce(s) jointe(s)") % {"count": len(attachments)},
        )
        _notify_waiting(conversation)
    return conversation


def message_reply(
    *,
    actor: User,
    conversation_id,
    body: str,
    uploads: list[Upload] = (),
    request: HttpRequest | None = None,
) -> Message:
    """Answer in a conversation: the patient (or a parent for a child) to the professional,
    or the professional to the patient (issue 7, item 1). The service's own conversations
    (welcome) cannot be answered; a professional the patient blocked can no longer write."""
    body = _clean_body(body)
    attachments = _stored_files(_checked_uploads(list(uploads)))
    with _attached(attachments):
        if actor.professional_id is not None:
            conversation = _professional_conversation(actor=actor, conversation_id=conversation_id)
            professional_may_write(professional=actor.professional, person=conversation.person)
            author_kind = AuthorKind.PROFESSIONAL
        else:
            conversation = _patient_conversation(actor=actor, conversation_id=conversation_id)
            if not conversation.can_be_answered_by_patient():
                raise NotAllowed(_("Ce message de Mon espace santé n'attend pas de réponse."))
            author_kind = AuthorKind.PATIENT
        message = _new_message(
            conversation=conversation, author_kind=author_kind, author=actor, body=body
        )
        _save_attachments(message, attachments)
        conversation.last_message_at = message.created_at
        fields = ["last_message_at"]
        if author_kind == AuthorKind.PROFESSIONAL:
            # A new message brings the conversation back to the patient's inbox.
            conversation.archived_at = conversation.deleted_at = None
            fields += ["archived_at", "deleted_at"]
        conversation.save(update_fields=fields)
        access_record(
            person=conversation.person,
            actor=actor,
            action="create",
            resource=conversation_label(conversation),
            request=request,
            detail=_("Réponse, %(count)d pièce(s) jointe(s)") % {"count": len(attachments)},
        )
        if author_kind == AuthorKind.PROFESSIONAL:
            _notify_waiting(conversation)
    return message


@transaction.atomic
def conversation_set_archived(
    *, actor: User, conversation_id, archived: bool, request: HttpRequest | None = None
) -> Conversation:
    """ "Archiver" / "Désarchiver" on the patient's side (issue 7, item 3)."""
    conversation = _patient_conversation(actor=actor, conversation_id=conversation_id)
    conversation.archived_at = timezone.now() if archived else None
    conversation.save(update_fields=["archived_at"])
    access_record(
        person=conversation.person,
        actor=actor,
        action="update",
        resource=conversation_label(conversation),
        request=request,
        detail=_("Archivée") if archived else _("Désarchivée"),
    )
    return conversation


@transaction.atomic
def conversation_delete(
    *, actor: User, conversation_id, request: HttpRequest | None = None
) -> None:
    """ "Supprimer" on the patient's side (issue 7, item 3): gone from the patient's
    messaging; the professional keeps their copy, as with any e-mail. A conversation of the
    service itself (no professional) has no other copy and is deleted outright."""
    conversation = _patient_conversation(actor=actor, conversation_id=conversation_id)
    access_record(
        person=conversation.person,
        actor=actor,
        action="delete",
        resource=conversation_label(conversation),
        request=request,
    )
    if conversation.professional_id is None:
        names = list(
            Attachment.objects.filter(message__conversation=conversation).values_list(
                "storage_name", flat=True
            )
        )
        conversation.delete()
        storage = documents_storage()
        transaction.on_commit(lambda: [storage.delete(name) for name in names])
        return
    conversation.deleted_at = timezone.now()
    conversation.save(update_fields=["deleted_at"])


def attachment_save_to_documents(
    *, actor: User, attachment_id, request: HttpRequest | None = None
) -> Document:
    """ "Enregistrer dans mes documents" in one click (issue 7, item 1): the attachment
    becomes a document of the patient, "ajouté par" the professional who sent it, through
    ens.documents.services.document_create (same checks, own key, access-log entry).
    Saved once: a second click returns the same document."""
    from .selectors import attachment_for_patient

    attachment, content = attachment_for_patient(
        viewer=actor, attachment_id=attachment_id, request=request, record=False
    )
    if attachment.saved_document_id is not None:
        existing = Document.objects.filter(pk=attachment.saved_document_id).first()
        if existing is not None:
            return existing
    conversation = attachment.message.conversation
    professional = conversation.professional
    document = document_create(
        person=conversation.person,
        actor=actor,
        content=content,
        filename=attachment.filename,
        name="",
        document_date=timezone.localdate(),
        category=Category.OTHER,
        author_kind=DocumentAuthor.PROFESSIONAL
        if professional
        else DocumentAuthor.ASSURANCE_MALADIE,
        author_name=professional.rpps if professional else "",
        request=request,
    )
    Attachment.objects.filter(pk=attachment.pk).update(saved_document=document)
    return document


@transaction.atomic
def service_message_create(
    *,
    person: InsuredPerson,
    sender_label: str,
    subject: str,
    body: str,
    read_at: datetime | None = None,
) -> Message:
    """A message of the service itself (no professional) in a new conversation."""
    conversation = _new_conversation(
        person=person, professional=None, correspondent=sender_label, subject=subject
    )
    return _new_message(
        conversation=conversation,
        author_kind=AuthorKind.SERVICE,
        author=None,
        body=body,
        read_at=read_at,
    )


@transaction.atomic
def message_deliver_welcome(*, person: InsuredPerson) -> Message:
    """Leave the welcome message in the person's inbox once their space is activated.

    Seed 003: right after activation "un message nous attend déjà dans la messagerie".
    Delivered once: a second call returns the message already there.
    """
    existing = (
        Message.objects.filter(
            conversation__person=person,
            conversation__professional=None,
            conversation__correspondent_label=SERVICE_SENDER,
            author_kind=AuthorKind.SERVICE,
        )
        .order_by("created_at")
        .first()
    )
    if existing:
        return existing
    subject = _("Bienvenue dans Mon espace santé")
    body = _(
        "Bonjour %(first_name)s,\n\n"
        "Bienvenue dans Mon espace santé, le service public qui vous permet de stocker et "
        "de partager vos informations de santé en toute sécurité.\n\n"
        "Votre messagerie de santé sécurisée vous permet d'échanger en toute confidentialité "
        "avec les professionnels de santé qui vous suivent. Pour protéger vos échanges, "
        "c'est toujours un professionnel de santé qui vous écrit en premier ; vous pouvez "
        "ensuite lui répondre et enregistrer les pièces jointes dans vos documents.\n\n"
        "Pour commencer, complétez votre profil médical : vos maladies, traitements, "
        "allergies et vaccinations seront ainsi disponibles pour vos professionnels de santé, "
        "si vous le souhaitez.\n\n"
        "Avec toute mon attention,\n"
        "Votre correspondant Mon espace santé"
    ) % {"first_name": person.first_name.title()}
    return service_message_create(
        person=person, sender_label=SERVICE_SENDER, subject=subject, body=body
    )
