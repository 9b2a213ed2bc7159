from datetime import date

import pytest
from django.test import override_settings

from ens.documents.models import AuthorKind, Category
from ens.documents.services import document_create

from .files import pdf_bytes


@pytest.fixture(autouse=True)
def _small_limits():
    # Small enough for "over the limit" tests to stay fast; real PDFs and PNGs fit.
    with override_settings(DOCUMENTS_MAX_UPLOAD_MB=1):
        yield


def make_document(person, actor=None, **fields):
    """A document of `person` through the service, as the person (or the system) adds it."""
    values = {
        "content": pdf_bytes(),
        "filename": "ordonnance.pdf",
        "name": "Ordonnance du Dr Martin",
        "document_date": date(2025, 3, 12),
        "category": Category.PRESCRIPTION,
        "author_kind": AuthorKind.SELF,
        **fields,
    }
    return document_create(person=person, actor=actor, **values)
