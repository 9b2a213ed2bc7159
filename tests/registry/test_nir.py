"""The NIR rules (design §2): one fault, one code, one French message."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from ens.registry.nir import NirError, format_nir, nir_matches, parse_nir
from tests.registry.helpers import CAMILLE, CHRISTIAN, nir


def fault(raw: str) -> NirError:
    with pytest.raises(NirError) as caught:
        parse_nir(raw)
    return caught.value


def test_it_reads_christians_nir():
    parsed = parse_nir(CHRISTIAN)

    assert parsed.value == "184127645108946"
    assert (parsed.sex_digit, parsed.birth_year, parsed.birth_month) == ("1", "84", 12)
    assert (parsed.department, parsed.commune, parsed.order, parsed.key) == ("76", "451", "089", 46)


def test_it_reads_camilles_nir():
    assert parse_nir(CAMILLE).value == "291037511203461"


def test_it_ignores_spaces_of_any_kind():
    assert parse_nir(" 1\u00a084 12 76\t451 089 46 ").value == "184127645108946"


@pytest.mark.parametrize(
    ("raw", "department", "commune"),
    [(nir("1 80 01 2A 004 012"), "2A", "004"), (nir("2 80 07 2B 050 123"), "2B", "050")],
)
def test_it_reads_corsica_in_upper_case(raw, department, commune):
    parsed = parse_nir(raw.lower())

    assert parsed.department == department
    assert parsed.commune == commune
    assert parsed.value == raw


def test_it_counts_2a_as_19_in_the_key():
    assert parse_nir("1 80 01 2A 004 012 57").key == 57


def test_it_reads_an_overseas_department_with_a_two_digit_commune():
    parsed = parse_nir(nir("1 85 05 971 03 123"))

    assert (parsed.department, parsed.commune, parsed.order) == ("971", "03", "123")


def test_it_reads_a_birth_abroad():
    assert parse_nir(nir("1 89 10 99 100 123")).department == "99"


def test_it_accepts_department_20_before_1976():
    assert parse_nir(nir("2 55 06 20 004 123")).department == "20"


def test_it_accepts_a_provisional_number():
    parsed = parse_nir(nir("7 90 12 99 100 123"))

    assert parsed.is_provisional
    assert parsed.sex == "M"


@pytest.mark.parametrize("month", ["20", "42", "50", "99"])
def test_it_accepts_a_pseudo_month(month):
    assert not parse_nir(nir(f"1 84 {month} 76 451 089")).month_is_known


def test_nir_error_is_a_validation_error():
    assert isinstance(fault(""), ValidationError)


def test_it_refuses_an_empty_nir():
    error = fault("   ")

    assert error.code == "nir_empty"
    assert error.messages == ["Saisissez votre numéro de sécurité sociale (NIR)."]


def test_it_refuses_other_characters_and_names_them():
    error = fault("1 84 12 76-451 089 46")

    assert error.code == "nir_characters"
    assert "« - »" in error.messages[0]


def test_it_refuses_a_letter_outside_the_corsica_position():
    error = fault("1 84 12 7A 451 089 46")

    assert error.code == "nir_characters"
    assert "7e position" in error.messages[0]


def test_it_says_how_many_characters_were_typed():
    error = fault("1 84 12 76 451 089")

    assert error.code == "nir_length"
    assert "15 caractères" in error.messages[0]
    assert "vous en avez saisi 13" in error.messages[0]


@pytest.mark.parametrize("digit", ["0", "3", "9"])
def test_it_refuses_a_wrong_sex_digit(digit):
    assert fault(nir(f"{digit} 84 12 76 451 089")).code == "nir_sex"


@pytest.mark.parametrize("month", ["00", "13", "19", "43", "49"])
def test_it_refuses_an_impossible_month(month):
    error = fault(nir(f"1 84 {month} 76 451 089"))

    assert error.code == "nir_month"
    assert f"« {month} »" in error.messages[0]


@pytest.mark.parametrize(
    "body",
    [
        "1 84 12 00 451 089",  # no department 00
        "1 84 12 96 451 089",  # 96: Tunisia, only before 1957
        "1 84 12 977 45 089",  # overseas: 971 to 976
        "1 84 12 98 451 089",
        "1 84 12 20 451 089",  # Corsica is 2A/2B since 1976
    ],
)
def test_it_refuses_an_impossible_department(body):
    assert fault(nir(body)).code == "nir_department"


def test_it_refuses_commune_000():
    assert fault(nir("1 84 12 76 000 089")).code == "nir_commune"


def test_it_refuses_overseas_commune_00():
    assert fault(nir("1 85 05 971 00 123")).code == "nir_commune"


def test_it_refuses_order_000():
    assert fault(nir("1 84 12 76 451 000")).code == "nir_order"


def test_it_refuses_a_wrong_key_with_a_helpful_message():
    error = fault("1 84 12 76 451 089 47")

    assert error.code == "nir_key"
    assert "La clé de contrôle" in error.messages[0]
    assert "ne correspond pas" in error.messages[0]


def test_format_nir_groups_like_the_carte_vitale():
    assert format_nir("184127645108946") == "1 84 12 76 451 089 46"


def test_format_nir_groups_an_overseas_nir():
    assert format_nir(nir("1 85 05 971 03 123")) == "1 85 05 971 03 123 24"


def test_nir_matches_the_birth_date_and_sex():
    christian = parse_nir(CHRISTIAN)

    assert nir_matches(christian, birth_date=datetime.date(1984, 12, 14), sex="M")


@pytest.mark.parametrize(
    ("birth_date", "sex"),
    [
        (datetime.date(1984, 12, 14), "F"),
        (datetime.date(1985, 12, 14), "M"),
        (datetime.date(1984, 11, 14), "M"),
    ],
)
def test_nir_does_not_match_another_birth_date_or_sex(birth_date, sex):
    assert not nir_matches(parse_nir(CHRISTIAN), birth_date=birth_date, sex=sex)


def test_a_pseudo_month_matches_any_month_of_the_year():
    parsed = parse_nir(nir("2 84 30 76 451 089"))

    assert nir_matches(parsed, birth_date=datetime.date(1984, 7, 1), sex="F")


def test_a_provisional_female_number_matches_a_woman():
    parsed = parse_nir(nir("8 90 12 99 100 123"))

    assert nir_matches(parsed, birth_date=datetime.date(1990, 12, 1), sex="F")


def test_department_20_does_not_match_a_birth_from_1976():
    parsed = parse_nir(nir("1 05 06 20 004 123"))  # 05: 1905 or 2005

    assert nir_matches(parsed, birth_date=datetime.date(1905, 6, 1), sex="M")
    assert not nir_matches(parsed, birth_date=datetime.date(2005, 6, 1), sex="M")


def test_corsica_2a_does_not_match_a_birth_before_1976():
    parsed = parse_nir(nir("1 05 06 2A 004 123"))

    assert nir_matches(parsed, birth_date=datetime.date(2005, 6, 1), sex="M")
    assert not nir_matches(parsed, birth_date=datetime.date(1905, 6, 1), sex="M")
