"""Writes of documents through their services: encryption, storage in step, access log."""

from datetime import date

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import IntegrityError, transaction
from django.http import Http404

from ens.access.models import AccessLogEntry
from ens.documents.content import ContentRefused
from ens.documents.models import AuthorKind, Category, Document
from ens.documents.selectors import document_content
from ens.documents.services import (
    document_delete,
    document_set_hidden,
    document_update,
)
from ens.documents.storage import documents_storage
from ens.registry.models import InsuredPerson
from tests.factories import InsuredPersonFactory, ProfessionalFactory

from . import files
from .conftest import make_document

pytestmark = pytest.mark.django_db


def entries(person, action=None):
    found = AccessLogEntry.objects.filter(person=person).order_by("seq")
    return list(found.filter(action=action) if action else found)


def test_the_stored_file_is_encrypted_and_reads_back_the_same(patient):
    content = files.pdf_bytes("Compte rendu confidentiel")

    document = make_document(patient.person, patient, content=content)

    with documents_storage().open(document.storage_name, "rb") as stored:
        ciphertext = stored.read()
    assert content not in ciphertext
    assert b"%PDF" not in ciphertext
    _doc, plaintext = document_content(
        viewer=patient, person=patient.person, document_id=document.pk
    )
    assert plaintext == content


def test_the_file_is_stored_under_a_random_name_never_the_one_sent(patient):
    document = make_document(patient.person, patient, filename="../../etc/passwd.pdf")

    assert document.storage_name == f"{document.id.hex[:2]}/{document.id.hex}"
    assert document.filename == "passwd.pdf"


def test_each_document_has_its_own_key(patient):
    first = make_document(patient.person, patient)
    second = make_document(patient.person, patient)

    assert bytes(first.wrapped_key) != bytes(second.wrapped_key)
    assert first.key_id == second.key_id == "demo"


def test_adding_a_document_is_recorded_in_the_access_log(patient):
    make_document(patient.person, patient, name="Bilan sanguin")

    [entry] = entries(patient.person, "create")
    assert entry.resource == "Document « Bilan sanguin »"
    assert entry.actor == patient


def test_without_a_name_the_file_name_is_used(patient):
    document = make_document(patient.person, patient, name="", filename="radio_genou.pdf")

    assert document.name == "radio genou"


def test_a_professional_typed_by_rpps_is_taken_from_the_directory(patient):
    claire = ProfessionalFactory(rpps="10101010101", first_name="Claire", last_name="Martin")

    document = make_document(
        patient.person,
        patient,
        author_kind=AuthorKind.PROFESSIONAL,
        author_name="101 0101 0101",
    )

    assert document.professional == claire
    assert document.added_by == "Claire Martin"


def test_a_refused_file_leaves_nothing_behind(patient):
    with pytest.raises(ContentRefused):
        make_document(patient.person, patient, content=files.EXECUTABLE)

    assert not Document.objects.exists()
    assert entries(patient.person) == []


def test_a_storage_failure_leaves_no_record(patient, tmp_path, monkeypatch):
    # A real failure: the storage's folder is under a file, so it cannot be created.
    (tmp_path / "not-a-folder").write_text("x")
    broken = FileSystemStorage(location=tmp_path / "not-a-folder" / "documents")
    monkeypatch.setattr("ens.documents.services.documents_storage", lambda: broken)

    with pytest.raises(OSError):
        make_document(patient.person, patient)

    assert not Document.objects.exists()
    assert entries(patient.person) == []


@pytest.mark.django_db(transaction=True)
def test_a_record_failing_at_commit_takes_its_file_away(tmp_path, monkeypatch):
    disk = FileSystemStorage(location=tmp_path)
    monkeypatch.setattr("ens.documents.services.documents_storage", lambda: disk)
    person = InsuredPersonFactory()
    gone = InsuredPerson.objects.get(pk=person.pk)
    InsuredPerson.objects.filter(pk=person.pk).delete()

    # The person vanished meanwhile: the foreign key fails when the transaction commits.
    with pytest.raises(IntegrityError):
        make_document(gone)

    assert not Document.objects.exists()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_a_document_is_renamed_and_recategorised(patient):
    document = make_document(patient.person, patient)

    document_update(
        person=patient.person,
        actor=patient,
        document_id=document.pk,
        name="Vaccin grippe",
        category=Category.VACCINATION,
        document_date=date(2024, 10, 2),
    )

    document.refresh_from_db()
    assert (document.name, document.category) == ("Vaccin grippe", Category.VACCINATION)
    [entry] = entries(patient.person, "update")
    assert "Vaccin grippe" in entry.detail


def test_hiding_and_showing_are_recorded(patient):
    document = make_document(patient.person, patient)

    document_set_hidden(person=patient.person, actor=patient, document_id=document.pk, hidden=True)
    assert Document.objects.visible_to_professionals().count() == 0
    document_set_hidden(person=patient.person, actor=patient, document_id=document.pk, hidden=False)

    assert Document.objects.visible_to_professionals().count() == 1
    assert [e.action for e in entries(patient.person)][-2:] == ["hide", "show"]


def test_deleting_removes_the_record_then_the_file_once_committed(
    patient, django_capture_on_commit_callbacks
):
    document = make_document(patient.person, patient)

    with django_capture_on_commit_callbacks(execute=True):
        document_delete(person=patient.person, actor=patient, document_id=document.pk)

    assert not Document.objects.exists()
    assert not documents_storage().exists(document.storage_name)
    assert len(entries(patient.person, "delete")) == 1


def test_a_deletion_rolled_back_keeps_the_record_and_its_file(patient):
    document = make_document(patient.person, patient)

    with pytest.raises(RuntimeError), transaction.atomic():
        document_delete(person=patient.person, actor=patient, document_id=document.pk)
        raise RuntimeError("something failed after the deletion")

    assert Document.objects.filter(pk=document.pk).exists()
    assert documents_storage().exists(document.storage_name)


@pytest.mark.parametrize("service", ["update", "hide", "delete"])
def test_nobody_changes_a_document_of_someone_else(patient, stranger, service):
    document = make_document(patient.person, patient)
    calls = {
        "update": lambda person: document_update(
            person=person,
            actor=stranger,
            document_id=document.pk,
            name="x",
            category=Category.OTHER,
            document_date=date(2025, 1, 1),
        ),
        "hide": lambda person: document_set_hidden(
            person=person, actor=stranger, document_id=document.pk, hidden=True
        ),
        "delete": lambda person: document_delete(
            person=person, actor=stranger, document_id=document.pk
        ),
    }

    # Naming the owner is refused, and so is naming oneself with the owner's document id.
    for person in (patient.person, stranger.person):
        with pytest.raises(Http404):
            calls[service](person)

    document.refresh_from_db()
    assert (document.name, document.hidden_from_professionals) == ("Ordonnance du Dr Martin", False)


def test_nobody_adds_a_document_to_someone_else(patient, stranger):
    with pytest.raises(Http404):
        make_document(patient.person, stranger)

    assert not Document.objects.exists()
