import pytest
from django.test import override_settings

from ens.activation.models import SpaceState
from ens.activation.services import space_transition
from ens.messaging.services import Upload, conversation_start
from tests.documents.files import pdf_bytes


@pytest.fixture(autouse=True)
def _small_limits():
    # Small enough for "over the limit" tests to stay fast; real PDFs and PNGs fit.
    with override_settings(DOCUMENTS_MAX_UPLOAD_MB=1):
        yield


def open_space(person):
    space_transition(person=person, to_state=SpaceState.ACTIVE, actor="assuré")
    return person


def write(professional, person, *, subject="Résultats de votre bilan", body=None, files=()):
    """A professional writes first to `person`, through the service."""
    return conversation_start(
        actor=professional,
        person=person,
        subject=subject,
        body=body or "Bonjour,\nVos résultats sont normaux.",
        uploads=[Upload(filename=name, content=content) for name, content in files],
    )


def with_pdf(name="bilan.pdf"):
    return [(name, pdf_bytes("Bilan sanguin"))]
