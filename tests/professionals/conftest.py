"""Helpers of the professionals tests: documents of every kind, professionals of every
profession, and a professional's search that opens a patient's page."""

from datetime import date

import pytest
from django.core.cache import cache

from ens.documents.models import AuthorKind
from ens.documents.services import document_create
from ens.medical_profile.models import TreatingDoctor
from ens.registry.nir import format_nir
from tests.documents.files import pdf_bytes
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def add_document(person, *, category="ordonnance", hidden=False, name="Ordonnance du 12/03"):
    document = document_create(
        person=person,
        actor=None,
        content=pdf_bytes(name),
        filename="document.pdf",
        name=name,
        document_date=date(2025, 3, 12),
        category=category,
        author_kind=AuthorKind.SELF,
    )
    if hidden:
        document.hidden_from_professionals = True
        document.save(update_fields=["hidden_from_professionals"])
    return document


def pro_user(profession="Médecin", specialty="Médecine générale", **fields):
    return UserFactory(
        pro=True, professional__profession=profession, professional__specialty=specialty, **fields
    )


def make_treating_doctor(person, professional):
    return TreatingDoctor.objects.create(person=person, professional=professional)


def search(client, person):
    """POST the search form of /pro/ with the person's NIR and birth date."""
    return client.post(
        "/pro/",
        {"nir": format_nir(person.nir), "birth_date": person.birth_date.strftime("%d/%m/%Y")},
    )


@pytest.fixture
def kine(db):
    return pro_user("Masseur-kinésithérapeute", "")


@pytest.fixture
def urgentiste(db):
    return pro_user("Médecin", "Régulation médicale (SAMU)")
