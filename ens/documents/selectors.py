"""Reads of health documents. Each read is recorded in the person's access log in the same
call (ens.access.selectors.read_and_record): a document, its content or the list is never
returned without its entry.

Who may read: the person or their legal representative (ens.space.selectors
space_profile_get), checked here and not only in the views; another person's document, by
id or URL, is a 404.
"""

import uuid
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from ens.access.models import Mode
from ens.access.selectors import read_and_record
from ens.accounts.models import User
from ens.registry.models import InsuredPerson
from ens.space.selectors import space_profile_get

from . import keys
from .models import Document
from .services import label_of
from .storage import documents_storage

PAGE_SIZE = 20
LIST_COLUMNS = (
    "id",
    "person_id",
    "name",
    "document_date",
    "category",
    "author_kind",
    "author_name",
    "hidden_from_professionals",
    "content_type",
    "size",
    "created_at",
)


def _check(*, viewer: User, person: InsuredPerson) -> None:
    space_profile_get(user=viewer, person_id=person.pk)


def _find(*, person: InsuredPerson, document_id, among: QuerySet | None = None) -> Document:
    try:
        document_id = uuid.UUID(str(document_id))
    except ValueError:
        raise Http404 from None
    documents = Document.objects.all() if among is None else among
    document = documents.filter(person=person, pk=document_id).first()
    if document is None:
        raise Http404
    return document


@dataclass(frozen=True)
class DocumentFilters:
    """What the list shows (all optional): a name search, a category, an author, a year."""

    search: str = ""
    category: str = ""
    author: str = ""
    year: int | None = None
    oldest_first: bool = False

    @property
    def active(self) -> bool:
        return bool(self.search or self.category or self.author or self.year)


@dataclass(frozen=True)
class DocumentListing:
    page: Page
    years: list[int]  # the years of the person's documents, newest first (the year filter)
    total: int  # all the person's documents, whatever the filters


def document_listing(
    *,
    viewer: User,
    person: InsuredPerson,
    filters: DocumentFilters,
    page_number: int | str | None = 1,
    per_page: int = PAGE_SIZE,
    request: HttpRequest | None = None,
) -> DocumentListing:
    """One page of `person`'s documents, filtered and sorted by date (issue 6, item 2).

    A constant number of queries whatever the number of documents (count, one page of
    rows, the years), served by the (person, date) indexes; recorded as one read.
    """
    _check(viewer=viewer, person=person)

    def read() -> DocumentListing:
        mine = Document.objects.filter(person=person)
        rows = mine.only(*LIST_COLUMNS)
        if filters.search:
            rows = rows.filter(name__icontains=filters.search)
        if filters.category:
            rows = rows.filter(category=filters.category)
        if filters.author:
            rows = rows.filter(author_kind=filters.author)
        if filters.year:
            rows = rows.filter(document_date__year=filters.year)
        order = ("document_date", "created_at") if filters.oldest_first else None
        rows = rows.order_by(*order) if order else rows.order_by("-document_date", "-created_at")
        page = Paginator(rows, per_page).get_page(page_number)
        page.object_list = list(page.object_list)
        years = [d.year for d in mine.dates("document_date", "year", order="DESC")]
        total = mine.count() if filters.active else page.paginator.count
        return DocumentListing(page=page, years=years, total=total)

    return read_and_record(
        person=person,
        actor=viewer,
        resource="Liste des documents de santé",
        read=read,
        request=request,
    )


def document_get(
    *, viewer: User, person: InsuredPerson, document_id, request: HttpRequest | None = None
) -> Document:
    """A document of `person` (its description, not its content), or Http404."""
    _check(viewer=viewer, person=person)
    return read_and_record(
        person=person,
        actor=viewer,
        resource=label_of,
        read=lambda: _find(person=person, document_id=document_id),
        request=request,
    )


def document_content(
    *,
    viewer: User,
    person: InsuredPerson,
    document_id,
    download: bool = False,
    among: QuerySet | None = None,
    mode: str = Mode.NORMAL,
    request: HttpRequest | None = None,
) -> tuple[Document, bytes]:
    """A document of `person` and its decrypted content, recorded as a read (preview) or a
    download. The content is decrypted only here; the entry is written before it is returned.

    A professional's read (ens.professionals.selectors.patient_document_content) passes
    `among`, the documents their access lets them see, and the access `mode` for the log
    entry; that caller checks the professional's access rule before this call, instead of
    the person-or-parent rule. A document outside `among` is a 404.
    """
    if among is None:
        _check(viewer=viewer, person=person)

    def read() -> tuple[Document, bytes]:
        document = _find(person=person, document_id=document_id, among=among)
        with documents_storage().open(document.storage_name, "rb") as stored:
            ciphertext = stored.read()
        content = keys.open_sealed(
            document.id,
            ciphertext,
            wrapped_key=bytes(document.wrapped_key),
            key_id=document.key_id,
        )
        return document, content

    return read_and_record(
        person=person,
        actor=viewer,
        action="download" if download else "read",
        resource=lambda found: label_of(found[0]),
        detail="" if download else "aperçu",
        read=read,
        request=request,
        mode=mode,
    )


def document_latest(
    *,
    person: InsuredPerson,
    viewer: User | None = None,
    categories: tuple[str, ...] = (),
    limit: int = 5,
    resource: str = "Derniers documents de santé (accueil)",
) -> list[Document]:
    """The latest documents of `person` (of `categories` if given), for the home cards.

    Recorded as a read when something is shown (nothing read, nothing to record).
    """
    if viewer is not None:
        _check(viewer=viewer, person=person)
    rows = Document.objects.filter(person=person).only(*LIST_COLUMNS)
    if categories:
        rows = rows.filter(category__in=categories)

    def read() -> list[Document]:
        return list(rows.order_by("-document_date", "-created_at")[:limit])

    documents = read()
    if not documents:
        return []
    return read_and_record(person=person, actor=viewer, resource=resource, read=lambda: documents)
