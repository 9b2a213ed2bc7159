"""The kinds of health measurements (design §5, issue 6 "Mesures de santé"), their units and
the ranges a person can plausibly have, and the BMI with its category.

Pure definitions and functions, no database: the rules are unit-tested on their own. Weight
and height reuse the first-visit measures (ens.medical_profile.measures) so that a value
typed in the questionnaire and one typed here obey the same rules and units.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from ens.medical_profile.measures import (
    HEIGHT,
    WEIGHT,
    Measure,
    body_mass_index,
    format_french_decimal,
)

# Head circumference is followed in the carnet de santé from birth to 3 years (the growth
# charts of the carnet stop there); it is offered only for a child under 3.
HEAD_CIRCUMFERENCE_MAX_AGE_YEARS = 3
ADULT_AGE_YEARS = 18


class Kind(models.TextChoices):
    WEIGHT = "weight", _("Poids")
    HEIGHT = "height", _("Taille")
    BLOOD_PRESSURE = "blood_pressure", _("Tension artérielle")
    GLUCOSE = "glucose", _("Glycémie")
    HEART_RATE = "heart_rate", _("Fréquence cardiaque")
    TEMPERATURE = "temperature", _("Température")
    HEAD_CIRCUMFERENCE = "head_circumference", _("Périmètre crânien")


class GlucoseContext(models.TextChoices):
    FASTING = "fasting", _("À jeun")
    AFTER_MEAL = "after_meal", _("Après repas")


SYSTOLIC = Measure(
    unit="mmHg",
    minimum=Decimal(50),
    maximum=Decimal(260),
    places=0,
    example="125",
    bound_places=0,
)
DIASTOLIC = Measure(
    unit="mmHg",
    minimum=Decimal(30),
    maximum=Decimal(160),
    places=0,
    example="80",
    bound_places=0,
)
GLUCOSE = Measure(
    unit="g/L",
    minimum=Decimal("0.20"),
    maximum=Decimal("6.00"),
    places=2,
    example="0,95",
    bound_places=2,
)
HEART_RATE = Measure(
    unit="bpm",
    minimum=Decimal(25),
    maximum=Decimal(250),
    places=0,
    example="70",
    bound_places=0,
)
TEMPERATURE = Measure(
    unit="°C",
    minimum=Decimal(32),
    maximum=Decimal(43),
    places=1,
    example="37,2",
    bound_places=1,
)
HEAD_CIRCUMFERENCE = Measure(
    unit="cm",
    minimum=Decimal(25),
    maximum=Decimal(60),
    places=1,
    example="42,5",
    bound_places=0,
)


@dataclass(frozen=True)
class KindSpec:
    """How one kind is typed, shown and checked."""

    kind: Kind
    slug: str  # in the URL, French (design §7: French slugs)
    measure: Measure  # the value; for blood pressure, the systolic one
    value_label: Promise  # the label of the value field, without the unit
    diastolic: Measure | None = None  # blood pressure only
    needs_context: bool = False  # glycémie: à jeun / après repas

    @property
    def label(self) -> str:
        return str(self.kind.label)

    @property
    def unit(self) -> str:
        return self.measure.unit

    def format_value(self, value: Decimal, diastolic: Decimal | None = None) -> str:
        """ "72,5 kg", "125/80 mmHg"."""
        text = format_french_decimal(value, self.measure.places)
        if self.diastolic is not None and diastolic is not None:
            text += "/" + format_french_decimal(diastolic, self.diastolic.places)
        return f"{text}\u00a0{self.unit}"

    def format_number(self, value: Decimal | None, measure: Measure | None = None) -> str:
        """ "72,5": the number alone, for tables with the unit in the header."""
        return format_french_decimal(value, (measure or self.measure).places)


SPECS: tuple[KindSpec, ...] = (
    KindSpec(Kind.WEIGHT, "poids", WEIGHT, _("Poids")),
    KindSpec(Kind.HEIGHT, "taille", HEIGHT, _("Taille")),
    KindSpec(
        Kind.BLOOD_PRESSURE,
        "tension-arterielle",
        SYSTOLIC,
        _("Pression systolique"),
        diastolic=DIASTOLIC,
    ),
    KindSpec(Kind.GLUCOSE, "glycemie", GLUCOSE, _("Glycémie"), needs_context=True),
    KindSpec(Kind.HEART_RATE, "frequence-cardiaque", HEART_RATE, _("Fréquence cardiaque")),
    KindSpec(Kind.TEMPERATURE, "temperature", TEMPERATURE, _("Température")),
    KindSpec(
        Kind.HEAD_CIRCUMFERENCE, "perimetre-cranien", HEAD_CIRCUMFERENCE, _("Périmètre crânien")
    ),
)
SPECS_BY_KIND = {spec.kind: spec for spec in SPECS}
SPECS_BY_SLUG = {spec.slug: spec for spec in SPECS}


def age_in_years(birth_date: date, on: date) -> int:
    birthday_passed = (on.month, on.day) >= (birth_date.month, birth_date.day)
    return on.year - birth_date.year - (0 if birthday_passed else 1)


def head_circumference_offered(birth_date: date, today: date) -> bool:
    """Head circumference is offered to a child under 3 (see HEAD_CIRCUMFERENCE_MAX_AGE_YEARS)."""
    return age_in_years(birth_date, today) < HEAD_CIRCUMFERENCE_MAX_AGE_YEARS


def measurement_errors(
    *,
    spec: KindSpec,
    value: Decimal,
    diastolic: Decimal | None,
    context: str,
    measured_at: datetime,
    birth_date: date,
    now: datetime,
) -> dict[str, list[str]]:
    """The French messages, by form field, of everything wrong with a measurement ({} if none).

    Rules (issue 6 "Mesures de santé"): each value within its physiological range; blood
    pressure has both values and the systolic above the diastolic; a glycémie says whether it
    was taken fasting or after a meal; the date is neither in the future nor before birth;
    head circumference only before 3 years.
    """
    errors: dict[str, list[str]] = {}

    def check(field: str, measure: Measure, number: Decimal | None) -> None:
        if number is None:
            errors.setdefault(field, []).append(_t("Le champ est obligatoire."))
            return
        try:
            measure.clean(str(number))
        except ValidationError as error:
            errors.setdefault(field, []).extend(error.messages)

    check("value", spec.measure, value)
    if spec.diastolic is not None:
        check("diastolic", spec.diastolic, diastolic)
        if value is not None and diastolic is not None and value <= diastolic:
            errors.setdefault("diastolic", []).append(
                _t("La pression diastolique doit être inférieure à la pression systolique.")
            )
    if spec.needs_context and context not in GlucoseContext.values:
        errors.setdefault("context", []).append(
            _t("Indiquez si la mesure a été prise à jeun ou après un repas.")
        )
    if measured_at > now:
        errors.setdefault("measured_on", []).append(
            _t("La date et l’heure de la mesure ne peuvent pas être dans le futur.")
        )
    day = measured_at.date()
    if day < birth_date:
        errors.setdefault("measured_on", []).append(
            _t("La date de la mesure ne peut pas précéder la date de naissance (%(date)s).")
            % {"date": birth_date.strftime("%d/%m/%Y")}
        )
    if spec.kind == Kind.HEAD_CIRCUMFERENCE:
        limit = _add_years(birth_date, HEAD_CIRCUMFERENCE_MAX_AGE_YEARS)
        if day >= limit:
            errors.setdefault("measured_on", []).append(
                _t(
                    "Le périmètre crânien se suit jusqu’à 3 ans : la date doit être "
                    "antérieure au %(date)s."
                )
                % {"date": limit.strftime("%d/%m/%Y")}
            )
    return errors


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# --- BMI ---------------------------------------------------------------------------------

# WHO adult categories (also used by the Haute Autorité de santé); upper bounds exclusive.
BMI_CATEGORIES: tuple[tuple[Decimal | None, Promise], ...] = (
    (Decimal("18.5"), _("Insuffisance pondérale (maigreur)")),
    (Decimal("25"), _("Corpulence normale")),
    (Decimal("30"), _("Surpoids")),
    (Decimal("35"), _("Obésité modérée")),
    (Decimal("40"), _("Obésité sévère")),
    (None, _("Obésité massive")),
)


def bmi_category(bmi: Decimal, *, adult: bool = True) -> str:
    """The WHO category of an adult's BMI; for a child, the adult thresholds do not apply."""
    if not adult:
        return str(
            _(
                "Chez l’enfant, l’IMC se lit sur les courbes de corpulence du carnet de santé "
                "(les seuils adultes ne s’appliquent pas)."
            )
        )
    for upper, label in BMI_CATEGORIES:
        if upper is None or bmi < upper:
            return str(label)
    raise AssertionError("unreachable")  # pragma: no cover


__all__ = [
    "Kind",
    "GlucoseContext",
    "KindSpec",
    "SPECS",
    "SPECS_BY_KIND",
    "SPECS_BY_SLUG",
    "body_mass_index",
    "bmi_category",
    "measurement_errors",
    "head_circumference_offered",
    "age_in_years",
]
