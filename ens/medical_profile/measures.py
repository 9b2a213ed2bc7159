"""Numbers typed the French way ("1,75") and the plausible ranges of the first-visit measures.

Pure functions, no database: the rules are unit-tested on their own.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# Spaces of every kind, including the no-break ones French keyboards and phones insert.
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_NUMBER = re.compile(r"^[0-9]+(?:[.,][0-9]+)?$")  # ASCII digits only


def parse_french_decimal(text: str, *, unit: str = "") -> Decimal:
    """Read "1,75", "1.75", " 72,5 kg " or "1 000" as a Decimal; raise ValueError otherwise.

    A comma and a dot are both decimal separators (French keyboards give the comma, phones
    often the dot); the unit, when given, may follow the number.
    """
    cleaned = _SPACES.sub("", text or "")
    if unit and cleaned.lower().endswith(unit.lower()):
        cleaned = cleaned[: -len(unit)]
    if not _NUMBER.match(cleaned):
        raise ValueError(f"not a number: {text!r}")
    try:
        return Decimal(cleaned.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the pattern already excludes it
        raise ValueError(f"not a number: {text!r}") from exc


def format_french_decimal(value: Decimal | None, places: int) -> str:
    """ "1,75" for Decimal("1.75"): how the number is shown back to the person."""
    if value is None:
        return ""
    return number_format(value, decimal_pos=places, use_l10n=True)


@dataclass(frozen=True)
class Measure:
    """A measure asked at the first visit, its unit and the range a person can plausibly have."""

    unit: str
    minimum: Decimal
    maximum: Decimal
    places: int  # kept after rounding: 2 for metres (a centimetre), 1 for kilograms
    example: str
    bound_places: int  # how the bounds are written in the message: "0,30 m", "350 kg"
    # What a value out of range most likely is, said to the person (175 for 1,75 m).
    slip_range: tuple[Decimal, Decimal] | None = None
    slip_hint: str = ""

    def clean(self, text: str) -> Decimal:
        """The typed value as a Decimal rounded to `places`, or a ValidationError in French."""
        if not (text or "").strip():
            raise ValidationError(_("Le champ est obligatoire."), code="required")
        try:
            value = parse_french_decimal(text, unit=self.unit)
        except ValueError:
            raise ValidationError(
                _("Saisissez un nombre, par exemple %(example)s.") % {"example": self.example},
                code="invalid",
            ) from None
        value = value.quantize(Decimal(1).scaleb(-self.places), rounding=ROUND_HALF_UP)
        if not self.minimum <= value <= self.maximum:
            raise ValidationError(self.out_of_range_message(value), code="out_of_range")
        return value

    def out_of_range_message(self, value: Decimal) -> str:
        message = _("La valeur doit être comprise entre %(min)s %(unit)s et %(max)s %(unit)s.") % {
            "min": format_french_decimal(self.minimum, self.bound_places),
            "max": format_french_decimal(self.maximum, self.bound_places),
            "unit": self.unit,
        }
        if self.slip_range and self.slip_range[0] <= value <= self.slip_range[1]:
            message += " " + _(self.slip_hint)
        return message


HEIGHT = Measure(
    unit="m",
    minimum=Decimal("0.30"),
    maximum=Decimal("2.50"),
    places=2,
    example="1,75",
    bound_places=2,
    slip_range=(Decimal(30), Decimal(250)),
    slip_hint=gettext_noop(
        "Vous avez peut-être saisi des centimètres : indiquez la taille en mètres, "
        "par exemple 1,75."
    ),
)
WEIGHT = Measure(
    unit="kg",
    minimum=Decimal("1"),
    maximum=Decimal("350"),
    places=1,
    example="72,5",
    bound_places=0,
)


def body_mass_index(height_m: Decimal | None, weight_kg: Decimal | None) -> Decimal | None:
    """BMI = weight / height², to one decimal (design §5: "BMI computed"); None if unknown."""
    if not height_m or not weight_kg:
        return None
    return (weight_kg / (height_m * height_m)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
