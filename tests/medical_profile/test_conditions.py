"""The search among common conditions: pure, offline, forgiving of accents and case."""

from ens.medical_profile.conditions import COMMON_CONDITIONS, condition_search


def test_the_list_holds_about_one_hundred_and_fifty_distinct_conditions():
    assert 140 <= len(COMMON_CONDITIONS) <= 170
    assert len(set(COMMON_CONDITIONS)) == len(COMMON_CONDITIONS)


def test_it_finds_a_condition_without_its_accents():
    assert "Épilepsie" in condition_search("epilepsie")


def test_it_finds_a_ligature_typed_as_two_letters():
    assert "Reflux gastro-œsophagien (RGO)" in condition_search("oesophag")


def test_every_word_must_match():
    assert condition_search("diabete type 2") == ["Diabète de type 2"]


def test_names_starting_with_the_query_come_first():
    assert condition_search("cancer")[0].startswith("Cancer")
    assert condition_search("asthme")[0] == "Asthme"


def test_an_empty_query_finds_nothing():
    assert condition_search("   ") == []
