"""The carte Vitale serial number (seed 003: "Ex : 0102457612 4")."""

import pytest

from ens.registry.vitale import VitaleSerialError, parse_vitale_serial


def fault(raw: str) -> VitaleSerialError:
    with pytest.raises(VitaleSerialError) as caught:
        parse_vitale_serial(raw)
    return caught.value


def test_it_reads_ten_digits():
    assert parse_vitale_serial("8025000002") == "8025000002"


def test_it_drops_the_trailing_check_digit_of_the_seed_example():
    assert parse_vitale_serial("0102457612 4") == "0102457612"


def test_it_allows_spaces_anywhere():
    assert parse_vitale_serial(" 80 2500 0002 ") == "8025000002"


def test_it_refuses_an_empty_serial():
    assert fault("").code == "vitale_empty"


def test_it_refuses_letters_and_names_them():
    error = fault("80250000O2")

    assert error.code == "vitale_characters"
    assert "« O »" in error.messages[0]


@pytest.mark.parametrize(("raw", "count"), [("802500000", 9), ("802500000212", 12)])
def test_it_says_how_many_digits_were_typed(raw, count):
    error = fault(raw)

    assert error.code == "vitale_length"
    assert f"vous en avez saisi {count}" in error.messages[0]
