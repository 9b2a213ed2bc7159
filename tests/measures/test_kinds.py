"""Pure rules of the measurements: BMI categories, who is offered head circumference."""

from datetime import date
from decimal import Decimal

import pytest

from ens.measures.kinds import SPECS_BY_SLUG, bmi_category, head_circumference_offered


@pytest.mark.parametrize(
    ("bmi", "category"),
    [
        ("18.4", "Insuffisance pondérale (maigreur)"),
        ("18.5", "Corpulence normale"),
        ("24.9", "Corpulence normale"),
        ("25", "Surpoids"),
        ("30", "Obésité modérée"),
        ("35", "Obésité sévère"),
        ("40", "Obésité massive"),
    ],
)
def test_the_bmi_category_follows_the_who_thresholds(bmi, category):
    assert bmi_category(Decimal(bmi)) == category


def test_head_circumference_is_offered_to_a_child_under_three():
    assert head_circumference_offered(date(2023, 6, 1), today=date(2026, 5, 31))


def test_head_circumference_is_not_offered_from_three_years():
    assert not head_circumference_offered(date(2023, 6, 1), today=date(2026, 6, 1))


def test_a_value_is_shown_with_its_unit_the_french_way():
    spec = SPECS_BY_SLUG["temperature"]

    assert spec.format_value(Decimal("37.2")) == "37,2\u00a0°C"


def test_a_blood_pressure_is_shown_as_systolic_over_diastolic():
    spec = SPECS_BY_SLUG["tension-arterielle"]

    assert spec.format_value(Decimal(125), Decimal(80)) == "125/80\u00a0mmHg"
