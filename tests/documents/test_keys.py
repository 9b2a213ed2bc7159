"""Envelope encryption: master keys from settings, AAD binding, rotation without the files."""

import base64
import io
import os

import pytest
from django.core.management import call_command

from ens.documents import keys
from ens.documents.models import Document
from ens.documents.selectors import document_content
from ens.documents.storage import documents_storage
from ens.lib import crypto

from .conftest import make_document

OLD = os.urandom(32)
NEW = os.urandom(32)


def read_stored(document) -> bytes:
    with documents_storage().open(document.storage_name, "rb") as stored:
        return stored.read()


def test_master_keys_are_read_newest_first():
    raw = f"k2:{base64.b64encode(NEW).decode()}, k1:{base64.urlsafe_b64encode(OLD).decode()}"

    assert crypto.parse_master_keys(raw) == {"k2": NEW, "k1": OLD}


@pytest.mark.parametrize(
    "raw",
    ["", "nokey", "k1:not-base64!", f"k1:{base64.b64encode(b'short').decode()}", "k:AA==,k:AA=="],
)
def test_malformed_master_keys_stop_the_start(raw):
    with pytest.raises(crypto.MasterKeyError):
        crypto.parse_master_keys(raw)


def test_a_tampered_ciphertext_does_not_decrypt():
    key = crypto.new_data_key()
    blob = bytearray(crypto.encrypt(key, b"secret", aad=b"a"))
    blob[-1] ^= 1

    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(key, bytes(blob), aad=b"a")


@pytest.mark.django_db
def test_a_ciphertext_copied_onto_another_document_does_not_decrypt(patient):
    first = make_document(patient.person, patient)
    second = make_document(patient.person, patient)

    with pytest.raises(crypto.DecryptionError):
        keys.open_sealed(
            second.id, read_stored(first), wrapped_key=bytes(first.wrapped_key), key_id="demo"
        )


@pytest.mark.django_db
def test_rotation_rewraps_the_keys_and_leaves_the_files_alone(patient, settings):
    settings.DOCUMENTS_MASTER_KEYS = {"old": OLD}
    documents = [make_document(patient.person, patient) for _ in range(3)]
    stored_before = [read_stored(d) for d in documents]
    settings.DOCUMENTS_MASTER_KEYS = {"new": NEW, "old": OLD}
    out = io.StringIO()

    call_command("rotate_document_keys", "--batch-size", "2", stdout=out)

    assert "3 clé(s) de document rechiffrée(s)" in out.getvalue()
    assert set(Document.objects.values_list("key_id", flat=True)) == {"new"}
    assert [read_stored(d) for d in documents] == stored_before
    settings.DOCUMENTS_MASTER_KEYS = {"new": NEW}  # the old key can now be removed
    for document in documents:
        _doc, content = document_content(
            viewer=patient, person=patient.person, document_id=document.pk
        )
        assert content.startswith(b"%PDF")


@pytest.mark.django_db
def test_new_documents_use_the_newest_key(patient, settings):
    settings.DOCUMENTS_MASTER_KEYS = {"new": NEW, "old": OLD}

    assert make_document(patient.person, patient).key_id == "new"


@pytest.mark.django_db
def test_a_document_whose_master_key_is_gone_cannot_be_read(patient, settings):
    settings.DOCUMENTS_MASTER_KEYS = {"old": OLD}
    document = make_document(patient.person, patient)
    settings.DOCUMENTS_MASTER_KEYS = {"new": NEW}

    with pytest.raises(crypto.DecryptionError):
        document_content(viewer=patient, person=patient.person, document_id=document.pk)
