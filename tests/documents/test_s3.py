"""The same documents on S3-compatible object storage: a real S3 server (moto's server mode)
on 127.0.0.1, reached over HTTP by django-storages and boto3."""

import boto3
import pytest
from moto.server import ThreadedMotoServer

from ens.documents.models import Document
from ens.documents.selectors import document_content
from ens.documents.services import document_delete

from . import files
from .conftest import make_document

BUCKET = "ens-documents-test"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **CREDENTIALS)
    client.create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


@pytest.fixture
def s3(s3_endpoint, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": CREDENTIALS["aws_access_key_id"],
                "secret_key": CREDENTIALS["aws_secret_access_key"],
                "location": "documents",
                "default_acl": None,
                "file_overwrite": False,
            },
        },
    }
    return boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **CREDENTIALS)


def object_body(s3, document) -> bytes:
    return s3.get_object(Bucket=BUCKET, Key=f"documents/{document.storage_name}")["Body"].read()


@pytest.mark.django_db
def test_a_document_is_stored_encrypted_in_the_bucket_and_reads_back(patient, s3):
    content = files.pdf_bytes("Résultats IRM")

    document = make_document(patient.person, patient, content=content)

    stored = object_body(s3, document)
    assert b"%PDF" not in stored
    _doc, plaintext = document_content(
        viewer=patient, person=patient.person, document_id=document.pk
    )
    assert plaintext == content


@pytest.mark.django_db
def test_a_deleted_document_leaves_the_bucket_once_committed(
    patient, s3, django_capture_on_commit_callbacks
):
    document = make_document(patient.person, patient)

    with django_capture_on_commit_callbacks(execute=True):
        document_delete(person=patient.person, actor=patient, document_id=document.pk)

    listed = s3.list_objects_v2(Bucket=BUCKET, Prefix=f"documents/{document.storage_name}")
    assert listed["KeyCount"] == 0
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_the_download_page_serves_a_document_from_the_bucket(client, patient, s3):
    document = make_document(patient.person, patient, content=files.image_bytes("PNG"))
    client.force_login(patient)

    response = client.get(f"/espace/documents/{document.pk}/telecharger/")

    assert response.status_code == 200
    assert response.content == files.image_bytes("PNG")
