"""Checks of one registry row (design §2), before anything is written."""

import datetime

import pytest

from ens.registry.rows import RowInvalid, normalise_mobile, parse_row
from tests.registry.helpers import CHRISTIAN, lea, nir, row

TODAY = datetime.date(2026, 1, 15)


def parse(line: str):
    return parse_row(line.split(";"), today=TODAY)


def reason(line: str) -> str:
    with pytest.raises(RowInvalid) as caught:
        parse(line)
    return str(caught.value)


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("07 12 34 56 78", "+33712345678"),
        ("0712345678", "+33712345678"),
        ("+33 7 12 34 56 78", "+33712345678"),
        ("0033 6.98.76.54.32", "+33698765432"),
        ("06 90 12 34 56", "+590690123456"),  # Guadeloupe
        ("+32 470 12 34 56", "+32470123456"),
    ],
)
def test_it_normalises_a_mobile_to_e164(raw, e164):
    assert normalise_mobile(raw) == e164


@pytest.mark.parametrize("raw", ["01 23 45 67 89", "07 12 34", "portable"])
def test_it_refuses_what_is_not_a_mobile(raw):
    with pytest.raises(ValueError):
        normalise_mobile(raw)


def test_it_reads_christians_row():
    parsed = parse(row())

    assert parsed.nir == "184127645108946"
    assert parsed.birth_date == datetime.date(1984, 12, 14)
    assert parsed.mobile == "+33712345678"
    assert (parsed.vitale_serial, parsed.vitale_photo) == ("8025000002", True)


def test_it_accepts_sex_as_1_or_2():
    assert parse(row(sexe="1")).sex == "M"


def test_a_child_may_have_no_carte_vitale_of_its_own():
    parsed = parse(lea())

    assert parsed.vitale_serial == ""
    assert parsed.parent_nir == "184127645108946"


def test_an_adult_must_have_a_carte_vitale():
    assert reason(row(vitale_serie="", vitale_photo="")).startswith("colonne « vitale_serie »")


def test_it_refuses_a_nir_that_does_not_fit_the_birth_date():
    assert "ne correspond pas" in reason(row(date_naissance="14/11/1984"))


def test_it_refuses_a_nir_that_does_not_fit_the_sex():
    assert "ne correspond pas" in reason(row(sexe="F"))


def test_it_refuses_a_badly_written_date():
    assert "JJ/MM/AAAA" in reason(row(date_naissance="1984-12-14"))


def test_it_refuses_a_birth_date_in_the_future():
    unborn = lea(date_naissance="03/05/2026", nir=nir("2 26 05 76 451 123"))

    assert "dans le futur" in reason(unborn)


def test_it_refuses_an_invalid_email():
    assert reason(row(email="christian@")).startswith("colonne « email »")


def test_it_refuses_a_photo_flag_other_than_oui_or_non():
    assert reason(row(vitale_photo="peut-être")).startswith("colonne « vitale_photo »")


def test_it_refuses_a_person_as_their_own_parent():
    assert "son propre parent" in reason(row(nir_ouvrant_droit=CHRISTIAN))


def test_it_refuses_a_name_longer_than_the_registry_keeps():
    assert "101 caractères, 100 au plus" in reason(row(nom="D" * 101))


def test_it_says_how_many_columns_a_row_has():
    assert "500 colonnes au lieu de 13" in reason(";" * 499)
