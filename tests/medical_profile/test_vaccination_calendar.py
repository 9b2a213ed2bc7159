"""The 2025 vaccination calendar as a pure rule: what is due at which age, given what is done."""

from datetime import date

from ens.medical_profile.vaccination_calendar import Target, vaccinations_due

TODAY = date(2026, 11, 24)


def _due(birth_date, done=(), today=TODAY):
    return {(d.target, d.dose) for d in vaccinations_due(birth_date, done, today)}


def test_a_baby_of_three_months_is_due_the_first_doses_of_the_infant_series():
    due = _due(date(2026, 8, 20))

    assert (Target.DTP, 1) in due
    assert (Target.HEPATITIS_B, 1) in due
    assert (Target.PNEUMOCOCCUS, 1) in due
    assert (Target.MENINGOCOCCUS_B, 1) in due
    assert (Target.MMR, 1) not in due  # at 12 months


def test_a_dose_given_moves_the_series_to_the_next_dose():
    birth = date(2026, 3, 1)  # 8 months old: doses at 2 and 4 months are due
    done = [(Target.DTP, date(2026, 5, 2))]

    due = _due(birth, done)

    assert (Target.DTP, 2) in due
    assert (Target.DTP, 1) not in due


def test_a_completed_series_is_no_longer_due():
    birth = date(2026, 3, 1)
    done = [(Target.HEPATITIS_B, date(2026, 5, 2)), (Target.HEPATITIS_B, date(2026, 7, 3))]

    assert not any(target == Target.HEPATITIS_B for target, _ in _due(birth, done))


def test_an_adult_of_thirty_without_a_booster_since_twenty_five_is_due_the_dtp_booster():
    due = vaccinations_due(date(1996, 1, 10), [], TODAY)

    booster = next(d for d in due if d.target == Target.DTP)
    assert booster.kind == "booster"
    assert booster.due_since == date(2021, 1, 10)


def test_a_dtp_booster_given_at_twenty_five_covers_the_thirties():
    done = [(Target.DTP, date(2021, 2, 1))]

    assert not any(target == Target.DTP for target, _ in _due(date(1996, 1, 10), done))


def test_a_dtp_booster_given_a_few_months_early_counts():
    done = [(Target.DTP, date(2020, 9, 1))]  # four months before 25

    assert not any(target == Target.DTP for target, _ in _due(date(1996, 1, 10), done))


def test_the_childhood_booster_does_not_count_for_the_adult_one():
    done = [(Target.DTP, date(2008, 1, 10))]  # at 12 years

    assert (Target.DTP, None) in _due(date(1996, 1, 10), done)


def test_ror_is_caught_up_for_people_born_from_1980_only():
    assert (Target.MMR, 1) in _due(date(1985, 6, 1))
    assert not any(target == Target.MMR for target, _ in _due(date(1975, 6, 1)))


def test_hpv_is_due_for_a_twelve_year_old_girl_or_boy():
    assert (Target.HPV, 1) in _due(date(2014, 5, 3))


def test_hpv_is_no_longer_proposed_after_nineteen():
    assert not any(target == Target.HPV for target, _ in _due(date(2005, 5, 3)))


def test_at_sixty_six_flu_covid_shingles_and_pneumococcus_are_due():
    due = _due(date(1960, 3, 1))

    assert (Target.FLU, None) in due
    assert (Target.COVID, None) in due
    assert (Target.SHINGLES, 1) in due
    assert (Target.PNEUMOCOCCUS, 1) in due


def test_a_flu_vaccination_this_autumn_is_enough_for_the_year():
    done = [(Target.FLU, date(2026, 10, 20))]

    assert (Target.FLU, None) not in _due(date(1960, 3, 1), done)


def test_last_years_flu_vaccination_asks_for_this_years():
    done = [(Target.FLU, date(2025, 10, 20))]

    assert (Target.FLU, None) in _due(date(1960, 3, 1), done)


def test_the_adult_dtp_boosters_come_every_ten_years_after_sixty_five():
    at_sixty_five = [(Target.DTP, date(2015, 3, 1))]

    assert (Target.DTP, None) not in _due(date(1950, 3, 1), at_sixty_five, today=date(2024, 3, 1))
    assert (Target.DTP, None) in _due(date(1950, 3, 1), at_sixty_five, today=date(2025, 3, 2))


def test_nothing_from_sixty_five_is_due_at_forty():
    due = _due(
        date(1986, 3, 1),
        [
            (Target.DTP, date(2011, 3, 1)),
            (Target.MMR, date(1987, 3, 1)),
            (Target.MMR, date(1987, 9, 1)),
        ],
    )

    assert due == set()


def test_the_reminders_come_in_the_order_they_became_due():
    due = vaccinations_due(date(1960, 3, 1), [], TODAY)

    assert [d.due_since for d in due] == sorted(d.due_since for d in due)
