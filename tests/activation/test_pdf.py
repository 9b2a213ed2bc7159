"""The justificatif d'opposition is a real PDF with the text of seed 003."""

import io
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from ens.activation.pdf import latin1, opposition_receipt_pdf
from tests.activation.people import christian

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def receipt():
    return opposition_receipt_pdf(
        person=christian(), opposed_at=datetime(2022, 2, 3, 10, 0, tzinfo=UTC)
    )


def test_it_is_a_pdf(receipt):
    assert receipt.startswith(b"%PDF-")


def test_it_names_the_insured_person_by_number_and_name(receipt):
    text = _text(receipt)

    assert "Numéro de l'assuré : 1 84 12 76 451 089 46" in text
    assert "Nom de l'assuré : Christian DUPONT" in text


def test_it_carries_the_date_and_the_text_of_seed_003(receipt):
    text = " ".join(_text(receipt).split())

    assert "Le 03/02/2022" in text
    assert "Votre justificatif d'opposition" in text
    assert (
        "Votre demande d'opposition à la création de Mon espace santé a bien été prise en "
        "compte le 03/02/2022." in text
    )
    assert "Vous pouvez revenir à tout moment sur votre décision" in text
    assert "Votre conseiller Mon espace santé" in text


def test_typographic_characters_outside_the_core_fonts_are_made_plain():
    assert latin1("l’œuvre – éé") == "l'oeuvre - éé"
