"""Unit tests of the pure rules: NIR construction, RPPS numbers, population generation."""

from datetime import date

import pytest

from ens.professionals.rpps import (
    DEMO_RPPS,
    InvalidRPPS,
    is_valid_rpps,
    luhn_check_digit,
    make_rpps,
    parse_rpps,
)
from ens.registry.demo import DEPARTMENTS, generate_directory, generate_population, make_nir
from ens.registry.nir import nir_control_key, nir_matches, parse_nir

TODAY = date(2026, 1, 15)


def test_make_nir_gives_christians_nir_of_design_section_7():
    nir = make_nir(sex="M", birth_date=date(1984, 12, 14), birth_place="76451", order=89)
    assert nir == "184127645108946"


def test_make_nir_gives_camilles_nir_of_design_section_7():
    nir = make_nir(sex="F", birth_date=date(1991, 3, 21), birth_place="75112", order=34)
    assert nir == "291037511203461"


def test_make_nir_keeps_2a_for_corsica_after_1976_with_its_key():
    nir = make_nir(sex="F", birth_date=date(1990, 6, 1), birth_place="2A004", order=12)
    assert nir[5:7] == "2A"
    assert int(nir[13:]) == nir_control_key(nir[:13])


def test_make_nir_uses_20_for_corsica_before_1976():
    nir = make_nir(sex="M", birth_date=date(1960, 6, 1), birth_place="2B033", order=12)
    assert nir[5:10] == "20033"


def test_make_nir_gives_nirs_that_parse_and_match_the_person():
    for place in ("76540", "2A004", "2B033", "97411", "99350"):
        for born in (date(1960, 6, 1), date(2012, 11, 30)):
            nir = make_nir(sex="F", birth_date=born, birth_place=place, order=7)
            assert nir_matches(parse_nir(nir), birth_date=born, sex="F"), nir


def test_make_nir_refuses_an_order_out_of_range():
    with pytest.raises(ValueError):
        make_nir(sex="M", birth_date=date(1960, 6, 1), birth_place="76540", order=1000)


def test_luhn_check_digit_matches_the_textbook_example():
    assert luhn_check_digit("7992739871") == 3


def test_make_rpps_gives_a_number_that_passes_the_check():
    assert is_valid_rpps(make_rpps("1000000000"))


def test_is_valid_rpps_refuses_a_wrong_check_digit():
    rpps = make_rpps("1012345678")
    wrong = rpps[:-1] + str((int(rpps[-1]) + 1) % 10)
    assert not is_valid_rpps(wrong)


def test_demo_rpps_fails_luhn_but_is_accepted_explicitly():
    assert luhn_check_digit(DEMO_RPPS[:-1]) != int(DEMO_RPPS[-1])
    assert is_valid_rpps(DEMO_RPPS)


def test_parse_rpps_removes_spaces():
    assert parse_rpps(" 101 0101 0101 ") == "10101010101"


@pytest.mark.parametrize(
    "value", ["1010101010", "101010101012", "1010101010a", "１０１０１０１０１０１"]
)
def test_parse_rpps_refuses_anything_but_11_digits(value):
    with pytest.raises(InvalidRPPS, match="11 chiffres"):
        parse_rpps(value)


def test_parse_rpps_refuses_a_wrong_check_digit_in_french():
    with pytest.raises(InvalidRPPS, match="n'est pas valide"):
        parse_rpps("10000000000")


def test_generate_population_is_deterministic_for_a_seed_and_a_day():
    first = generate_population(size=200, seed=5, today=TODAY)
    again = generate_population(size=200, seed=5, today=TODAY)
    assert first == again


def test_generate_population_differs_with_another_seed():
    first = generate_population(size=50, seed=5, today=TODAY)
    other = generate_population(size=50, seed=6, today=TODAY)
    assert [p.nir for p in first] != [p.nir for p in other]


def test_generate_population_avoids_nirs_already_taken():
    taken = {p.nir for p in generate_population(size=300, seed=5, today=TODAY)}
    again = generate_population(size=300, seed=5, today=TODAY, taken_nirs=taken)
    assert not taken & {p.nir for p in again}


def test_generated_children_are_minors_attached_to_an_adult():
    people = generate_population(size=500, seed=5, today=TODAY)
    children = [p for p in people if p.parents]
    assert children
    for child in children:
        assert child.birth_date > date(2008, 1, 15)
        assert all(not people[i].parents for i in child.parents)


def test_generated_children_under_16_use_a_parents_card():
    people = generate_population(size=500, seed=5, today=TODAY)
    young = [p for p in people if p.parents and p.birth_date > date(2010, 1, 15)]
    assert young
    for child in young:
        assert child.card_serial == people[child.parents[0]].card_serial


def test_generated_card_serials_have_10_digits():
    people = generate_population(size=300, seed=5, today=TODAY)
    assert all(len(p.card_serial) == 10 and p.card_serial.isdigit() for p in people)


def test_generated_addresses_name_a_real_commune_with_its_postal_code():
    people = generate_population(size=300, seed=5, today=TODAY)
    known = {(c.name, c.postal_code) for _w, communes in DEPARTMENTS.values() for c in communes}
    assert all((p.city, p.postal_code) in known for p in people)
    assert ("Rouen", "76000") in known and ("Paris", "75012") in known


def test_generate_directory_has_valid_rpps_and_every_profession_asked_for():
    directory = generate_directory()
    assert len(directory) >= 24
    assert all(is_valid_rpps(p["rpps"]) and p["rpps"] != DEMO_RPPS for p in directory)
    kinds = {p["specialty"] or p["profession"] for p in directory}
    assert kinds >= {
        "Médecine générale",
        "Pédiatrie",
        "Cardiologie et maladies vasculaires",
        "Infirmier",
        "Masseur-kinésithérapeute",
        "Pharmacien",
        "Sage-femme",
        "Chirurgien-dentiste",
        "Médecine d'urgence",
        "Régulation médicale (SAMU)",
    }
