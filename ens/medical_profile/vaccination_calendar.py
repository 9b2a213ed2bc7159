"""The French vaccination calendar (calendrier des vaccinations 2025), as data, and the rule that
says which vaccinations are due for a person of a given age.

Source: Ministère de la Santé, « Calendrier des vaccinations et recommandations vaccinales
2025 » (main items for the general population only; risk groups, pregnancy and travel are
left to the professional). Pure functions, no database: unit-tested on their own.

Three kinds of rules:
- a *series* (the infant doses, HPV, a catch-up): doses at given ages, counted, shown while
  the person is younger than `until_months`;
- a *booster* at a given age (dTP at 25, 45, 65, then every 10 years): satisfied by any dose
  of the same vaccine given from a year before that age;
- a *yearly* vaccination from a given age (grippe, Covid-19 from 65 years).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Target(models.TextChoices):
    """What a vaccine protects against: how a done vaccination meets the calendar."""

    DTP = "dtp", _("Diphtérie, tétanos, poliomyélite (et coqueluche)")
    HIB = "hib", _("Haemophilus influenzae b")
    HEPATITIS_B = "hepb", _("Hépatite B")
    PNEUMOCOCCUS = "pneumo", _("Pneumocoque")
    MENINGOCOCCUS_B = "menb", _("Méningocoque B")
    MENINGOCOCCUS_ACWY = "menacwy", _("Méningocoques ACWY (ou C)")
    MMR = "ror", _("Rougeole, oreillons, rubéole (ROR)")
    HPV = "hpv", _("Papillomavirus humains (HPV)")
    FLU = "grippe", _("Grippe")
    SHINGLES = "zona", _("Zona")
    COVID = "covid", _("Covid-19")
    BCG = "bcg", _("Tuberculose (BCG)")
    VARICELLA = "varicelle", _("Varicelle")
    RSV = "vrs", _("Virus respiratoire syncytial (VRS)")
    OTHER = "autre", _("Autre vaccin")


@dataclass(frozen=True)
class Series:
    target: Target
    dose_months: tuple[int, ...]  # age in months at which each dose is due
    until_months: int  # no longer shown from this age (end of catch-up)
    born_from_year: int | None = None  # only for people born from this year (ROR: 1980)


@dataclass(frozen=True)
class Booster:
    target: Target
    age_years: int
    until_years: int  # the next booster takes over from this age


@dataclass(frozen=True)
class Yearly:
    target: Target
    from_years: int


MONTHS_PER_YEAR = 12
# A booster given up to a year early counts (the calendar allows some leeway around the age).
BOOSTER_LEEWAY = timedelta(days=365)
YEARLY_INTERVAL = timedelta(days=365)
# dTP boosters in adults at 25, 45 and 65 years, then every 10 years (calendrier 2025, §2.3).
ADULT_DTP_AGES = (25, 45, 65, 75, 85, 95, 105)

CALENDAR: tuple[Series | Booster | Yearly, ...] = (
    # Infants: hexavalent vaccine at 2, 4 and 11 months (DTCaP-Hib-HepB), catch-up of HepB
    # until 15 years.
    Series(Target.DTP, (2, 4, 11), until_months=6 * MONTHS_PER_YEAR),
    Series(Target.HIB, (2, 4, 11), until_months=5 * MONTHS_PER_YEAR),
    Series(Target.HEPATITIS_B, (2, 4, 11), until_months=16 * MONTHS_PER_YEAR),
    Series(Target.PNEUMOCOCCUS, (2, 4, 11), until_months=2 * MONTHS_PER_YEAR),
    # Méningocoque B (3, 5, 12 months) and ACWY (6 and 12 months) are compulsory for children
    # born from 2025; ACWY again at 11-14 years, caught up until 24 years.
    Series(Target.MENINGOCOCCUS_B, (3, 5, 12), until_months=2 * MONTHS_PER_YEAR),
    Series(Target.MENINGOCOCCUS_ACWY, (6, 12), until_months=2 * MONTHS_PER_YEAR),
    Booster(Target.MENINGOCOCCUS_ACWY, 11, until_years=25),
    # ROR at 12 and 16-18 months; two doses for everyone born from 1980.
    Series(Target.MMR, (12, 16), until_months=120 * MONTHS_PER_YEAR, born_from_year=1980),
    # Children's DTP boosters at 6 and 11-13 years, then the adults'.
    Booster(Target.DTP, 6, until_years=11),
    Booster(Target.DTP, 11, until_years=ADULT_DTP_AGES[0]),
    *(
        Booster(Target.DTP, age, until_years=next_age)
        for age, next_age in zip(ADULT_DTP_AGES, (*ADULT_DTP_AGES[1:], 200), strict=True)
    ),
    # HPV for girls and boys: 2 doses from 11 years, catch-up until 19 years included.
    Series(Target.HPV, (11 * MONTHS_PER_YEAR, 11 * MONTHS_PER_YEAR + 6), until_months=20 * 12),
    # From 65 years: pneumocoque once, zona (2 doses 2 months apart), grippe and Covid-19
    # every autumn.
    Series(Target.PNEUMOCOCCUS, (65 * MONTHS_PER_YEAR,), until_months=200 * MONTHS_PER_YEAR),
    Series(Target.SHINGLES, (65 * 12, 65 * 12 + 2), until_months=200 * MONTHS_PER_YEAR),
    Yearly(Target.FLU, 65),
    Yearly(Target.COVID, 65),
)


@dataclass(frozen=True)
class DueVaccination:
    """A vaccination the calendar recommends now and that is not recorded as done."""

    target: Target
    dose: int | None  # the dose number in a series; None for a booster or a yearly one
    kind: str  # "series", "booster" or "yearly"
    due_since: date

    @property
    def label(self) -> str:
        return str(self.target.label)

    @property
    def text(self) -> str:
        """ "Rougeole, oreillons, rubéole (ROR) : dose 2", "Grippe : vaccination annuelle"."""
        if self.kind == "series":
            what = gettext("dose %(dose)s") % {"dose": self.dose}
        elif self.kind == "booster":
            what = gettext("rappel")
        else:
            what = gettext("vaccination annuelle")
        return f"{self.label} : {what}"


def _add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, MONTHS_PER_YEAR)
    year += day.year
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _age_months(birth_date: date, today: date) -> int:
    months = (today.year - birth_date.year) * MONTHS_PER_YEAR + today.month - birth_date.month
    return months - (1 if today.day < birth_date.day else 0)


def vaccinations_due(
    birth_date: date, done: Iterable[tuple[str, date]], today: date
) -> list[DueVaccination]:
    """What the 2025 calendar recommends for someone born on `birth_date`, as of `today`.

    `done` lists the recorded vaccinations as (Target value, date given). A series asks for
    as many doses as ages passed; a booster is met by a dose given from a year before its
    age; a yearly vaccination by one in the last twelve months. Sorted by date due.
    """
    given: dict[str, list[date]] = {}
    for target, when in done:
        given.setdefault(str(target), []).append(when)
    age = _age_months(birth_date, today)
    due: list[DueVaccination] = []
    for rule in CALENDAR:
        dates = given.get(rule.target.value, [])
        if isinstance(rule, Series):
            if age >= rule.until_months:
                continue
            if rule.born_from_year is not None and birth_date.year < rule.born_from_year:
                continue
            reached = [m for m in rule.dose_months if m <= age]
            # Doses of the same vaccine given for an earlier rule (a child's series) do not
            # count for a later one (the series of the elderly).
            first_age = rule.dose_months[0]
            counted = [d for d in dates if d >= _add_months(birth_date, first_age - 1)]
            if len(counted) < len(reached):
                dose = len(counted) + 1
                since = _add_months(birth_date, rule.dose_months[dose - 1])
                due.append(DueVaccination(rule.target, dose, "series", since))
        elif isinstance(rule, Booster):
            start = _add_months(birth_date, rule.age_years * MONTHS_PER_YEAR)
            end = _add_months(birth_date, rule.until_years * MONTHS_PER_YEAR)
            if not start <= today < end:
                continue
            if not any(d >= start - BOOSTER_LEEWAY for d in dates):
                due.append(DueVaccination(rule.target, None, "booster", start))
        else:
            start = _add_months(birth_date, rule.from_years * MONTHS_PER_YEAR)
            if today < start:
                continue
            latest = max(dates, default=None)
            if latest is None or latest <= today - YEARLY_INTERVAL:
                since = start if latest is None else max(start, latest + YEARLY_INTERVAL)
                due.append(DueVaccination(rule.target, None, "yearly", since))
    return sorted(due, key=lambda d: (d.due_since, d.target.value))
