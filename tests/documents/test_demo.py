"""Camille's demo documents: several categories and authors, readable, added once."""

import pytest

from ens.documents.demo import demo_documents_ensure
from ens.documents.models import Document
from ens.documents.selectors import document_content
from tests.factories import ProfessionalFactory

pytestmark = pytest.mark.django_db


def test_the_demo_adds_documents_of_several_categories_and_authors_once(patient):
    claire = ProfessionalFactory(first_name="Claire", last_name="Martin")

    added = demo_documents_ensure(camille=patient.person, claire=claire)
    again = demo_documents_ensure(camille=patient.person, claire=claire)

    documents = Document.objects.filter(person=patient.person)
    assert (added, again, documents.count()) == (5, 0, 5)
    assert len({d.category for d in documents}) == 5
    assert len({d.author_kind for d in documents}) == 4
    assert documents.get(name="Ordonnance du Dr Martin").professional == claire
    for document in documents:
        _doc, content = document_content(
            viewer=patient, person=patient.person, document_id=document.pk
        )
        assert content[:4] in (b"%PDF", b"\x89PNG")
