"""Writes of health documents: add, rename and re-categorise, hide or show, delete, rotate keys.

Every write checks that the actor may act on the person (their own profile or a minor
child's: ens.space.selectors.space_profile_get), records itself in the person's access log
in the same transaction (design §5; ens.access), and keeps the storage and the database in
step: a document never exists without its file, nor a file without its document.
"""

import uuid
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404, HttpRequest

from ens.access.models import Mode
from ens.access.services import access_record
from ens.accounts.models import User
from ens.professionals.models import Professional
from ens.registry.models import InsuredPerson
from ens.space.selectors import space_profile_get

from . import keys
from .content import detect_content_type, display_name_from_filename, safe_filename
from .models import AuthorKind, Category, Document
from .storage import documents_storage

RPPS_LENGTH = 11


def _may_act(*, actor: User | None, person: InsuredPerson) -> None:
    """Only the person or their legal representative acts here; None is the system itself
    (the demo, imports). Raises Http404 for anyone else: a guessed id tells nothing."""
    if actor is not None:
        space_profile_get(user=actor, person_id=person.pk)


def _locked_document(*, person: InsuredPerson, document_id) -> Document:
    try:
        document_id = uuid.UUID(str(document_id))
    except ValueError:
        raise Http404 from None
    document = Document.objects.select_for_update().filter(person=person, pk=document_id).first()
    if document is None:
        raise Http404
    return document


def label_of(document: Document) -> str:
    """How the access history names a document."""
    return f"Document « {document.name} »"


def max_upload_bytes() -> int:
    return settings.DOCUMENTS_MAX_UPLOAD_MB * 1024 * 1024


def _directory_professional(author_kind: str, author_name: str) -> Professional | None:
    """A professional typed by RPPS number is taken from the directory (else free text)."""
    digits = author_name.replace(" ", "")
    if author_kind != AuthorKind.PROFESSIONAL or len(digits) != RPPS_LENGTH:
        return None
    if not digits.isdigit():
        return None
    return Professional.objects.filter(rpps=digits).first()


def document_create(
    *,
    person: InsuredPerson,
    actor: User | None,
    content: bytes,
    filename: str,
    name: str,
    document_date: date,
    category: str,
    author_kind: str,
    author_name: str = "",
    professional: Professional | None = None,
    mode: str = Mode.NORMAL,
    request: HttpRequest | None = None,
) -> Document:
    """Store a health document of `person`, encrypted, and record its addition.

    Rules: issue 6 Documents items 1 and 3 and "Security and bad input". The type is detected
    from the content (ens.documents.content; raises ContentRefused with the French reason);
    the file name sent is reduced to a safe name for downloads, never used for storage.

    Nothing half-stored: the ciphertext is written first, then the record and the
    access-log entry in one transaction; if that transaction fails, up to and including its
    commit (where deferred foreign keys are checked), the file is deleted before the error
    goes on. The transaction is opened here rather than by a decorator so that its commit is
    inside the clean-up; called inside an outer transaction, the caller's rollback would
    leave the file behind, so web requests call it outside any (no ATOMIC_REQUESTS).

    A professional adding a document to a patient's space (issue 7, Professionals item 4;
    ens.professionals.services.professional_document_add) passes `professional`, its user as
    `actor` and the access `mode` for the log entry; the professional's access rule is
    checked by that caller, before this call, instead of the person-or-parent rule.
    """
    if professional is None:
        _may_act(actor=actor, person=person)
    elif actor is None or actor.professional_id != professional.pk:
        raise Http404
    if category not in Category.values or author_kind not in AuthorKind.values:
        raise ValueError("unknown category or author kind")
    if professional is not None and author_kind != AuthorKind.PROFESSIONAL:
        raise ValueError("a professional adds a document as its author")
    content_type = detect_content_type(
        content, max_bytes=max_upload_bytes(), max_pixels=settings.DOCUMENTS_MAX_IMAGE_PIXELS
    )
    clean_filename = safe_filename(filename, content_type)
    if professional is None:
        professional = _directory_professional(author_kind, author_name)
    if professional is not None:
        author_name = f"{professional.first_name} {professional.last_name}"
    if author_kind in (AuthorKind.SELF, AuthorKind.ASSURANCE_MALADIE):
        author_name = ""
    document = Document(
        person=person,
        name=(name.strip() or display_name_from_filename(clean_filename))[:150],
        document_date=document_date,
        category=category,
        author_kind=author_kind,
        author_name=author_name.strip()[:150],
        professional=professional,
        uploaded_by=actor,
        content_type=content_type,
        size=len(content),
        filename=clean_filename,
    )
    sealed = keys.seal(document.id, content)
    storage = documents_storage()
    stored_name = storage.save(
        f"{document.id.hex[:2]}/{document.id.hex}", ContentFile(sealed.ciphertext)
    )
    document.storage_name = stored_name
    document.wrapped_key = sealed.wrapped_key
    document.key_id = sealed.key_id
    try:
        with transaction.atomic():
            document.save(force_insert=True)
            access_record(
                person=person,
                actor=actor,
                action="create",
                resource=label_of(document),
                request=request,
                mode=mode,
            )
    except BaseException:
        storage.delete(stored_name)
        raise
    return document


@transaction.atomic
def document_update(
    *,
    person: InsuredPerson,
    actor: User | None,
    document_id,
    name: str,
    category: str,
    document_date: date,
    request: HttpRequest | None = None,
) -> Document:
    """Rename, re-categorise or re-date a document of `person` (issue 6, Documents item 2)."""
    _may_act(actor=actor, person=person)
    if category not in Category.values:
        raise ValueError("unknown category")
    document = _locked_document(person=person, document_id=document_id)
    before = label_of(document)
    changes = []
    if document.name != name.strip():
        changes.append(f"nom : « {document.name} » → « {name.strip()} »")
    if document.category != category:
        changes.append(
            f"catégorie : {document.get_category_display()} → {Category(category).label}"
        )
    if document.document_date != document_date:
        changes.append(f"date : {document.document_date:%d/%m/%Y} → {document_date:%d/%m/%Y}")
    document.name = name.strip()[:150]
    document.category = category
    document.document_date = document_date
    document.save(update_fields=["name", "category", "document_date", "updated_at"])
    access_record(
        person=person,
        actor=actor,
        action="update",
        resource=before,
        request=request,
        detail=" ; ".join(changes),
    )
    return document


@transaction.atomic
def document_set_hidden(
    *,
    person: InsuredPerson,
    actor: User | None,
    document_id,
    hidden: bool,
    request: HttpRequest | None = None,
) -> Document:
    """ "Masquer" / "Ne plus masquer": hide a document from every professional, or show it
    again (design §5 "hide from professionals"). The person still sees it."""
    _may_act(actor=actor, person=person)
    document = _locked_document(person=person, document_id=document_id)
    document.hidden_from_professionals = hidden
    document.save(update_fields=["hidden_from_professionals", "updated_at"])
    access_record(
        person=person,
        actor=actor,
        action="hide" if hidden else "show",
        resource=label_of(document),
        request=request,
    )
    return document


@transaction.atomic
def document_delete(
    *,
    person: InsuredPerson,
    actor: User | None,
    document_id,
    request: HttpRequest | None = None,
) -> None:
    """Delete a document of `person` and its file (issue 6, Documents item 2).

    The record goes in this transaction; the file only once it commits, so that a rollback
    never leaves a record whose file is gone.
    """
    _may_act(actor=actor, person=person)
    document = _locked_document(person=person, document_id=document_id)
    access_record(
        person=person,
        actor=actor,
        action="delete",
        resource=label_of(document),
        request=request,
    )
    stored_name = document.storage_name
    document.delete()
    storage = documents_storage()
    transaction.on_commit(lambda: storage.delete(stored_name))


def document_keys_rotate(*, batch_size: int = 500) -> int:
    """Re-wrap every document key not wrapped by the newest master key; returns how many.

    Design §6 "ready for rotation": only the 32-byte document keys are re-encrypted, never
    the files. Each batch is its own transaction with its rows locked, so the command can be
    stopped and run again, and runs beside the service.
    """
    current_id, _key = keys.current_master_key()
    done = 0
    while True:
        with transaction.atomic():
            batch = list(
                Document.objects.select_for_update()
                .exclude(key_id=current_id)
                .only("id", "wrapped_key", "key_id")[:batch_size]
            )
            for document in batch:
                document.wrapped_key, document.key_id = keys.rewrap(
                    document.id, wrapped_key=bytes(document.wrapped_key), key_id=document.key_id
                )
            Document.objects.bulk_update(batch, ["wrapped_key", "key_id"])
        done += len(batch)
        if len(batch) < batch_size:
            return done
