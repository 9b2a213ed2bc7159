"""The pure rules of the first-visit measures: French numbers, ranges, BMI."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ens.medical_profile.measures import (
    HEIGHT,
    WEIGHT,
    body_mass_index,
    format_french_decimal,
    parse_french_decimal,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1,75", Decimal("1.75")),
        ("1.75", Decimal("1.75")),
        (" 1,75 ", Decimal("1.75")),
        ("72", Decimal("72")),
        ("1\u202f000", Decimal("1000")),
    ],
)
def test_it_reads_numbers_typed_the_french_way(typed, expected):
    assert parse_french_decimal(typed) == expected


def test_it_reads_a_number_followed_by_its_unit():
    assert parse_french_decimal("72,5 kg", unit="kg") == Decimal("72.5")


@pytest.mark.parametrize("typed", ["", "abc", "1,7,5", "1,", ",5", "-1,75", "1e3", "١٧"])
def test_it_refuses_what_is_not_a_number(typed):
    with pytest.raises(ValueError, match="not a number"):
        parse_french_decimal(typed)


def test_it_shows_numbers_back_with_a_decimal_comma():
    assert format_french_decimal(Decimal("1.7"), 2) == "1,70"


def test_an_empty_height_is_required():
    with pytest.raises(ValidationError, match="Le champ est obligatoire."):
        HEIGHT.clean("  ")


def test_a_height_is_rounded_to_the_centimetre():
    assert HEIGHT.clean("1,755") == Decimal("1.76")


@pytest.mark.parametrize("typed", ["0,30", "2,50"])
def test_the_height_bounds_are_accepted(typed):
    assert HEIGHT.clean(typed) == Decimal(typed.replace(",", "."))


@pytest.mark.parametrize("typed", ["0,29", "2,51", "0"])
def test_a_height_out_of_range_names_the_range(typed):
    with pytest.raises(ValidationError, match="comprise entre 0,30 m et 2,50 m"):
        HEIGHT.clean(typed)


def test_a_height_in_centimetres_gets_a_hint():
    with pytest.raises(ValidationError, match="saisi des centimètres"):
        HEIGHT.clean("175")


def test_a_height_that_is_not_a_number_gives_an_example():
    with pytest.raises(ValidationError, match="Saisissez un nombre, par exemple 1,75."):
        HEIGHT.clean("grand")


@pytest.mark.parametrize("typed", ["1", "350", "72,5"])
def test_weights_in_range_are_accepted(typed):
    assert WEIGHT.clean(typed) == Decimal(typed.replace(",", "."))


@pytest.mark.parametrize("typed", ["0,9", "350,1", "1000"])
def test_a_weight_out_of_range_names_the_range(typed):
    with pytest.raises(ValidationError, match="comprise entre 1 kg et 350 kg"):
        WEIGHT.clean(typed)


def test_a_weight_out_of_range_gets_no_centimetre_hint():
    with pytest.raises(ValidationError) as error:
        WEIGHT.clean("400")
    assert "centimètres" not in error.value.messages[0]


def test_the_body_mass_index_is_weight_over_height_squared():
    assert body_mass_index(Decimal("1.75"), Decimal("70")) == Decimal("22.9")


def test_the_body_mass_index_is_unknown_without_both_measures():
    assert body_mass_index(None, Decimal("70")) is None
