"""Reads of health measurements; every read leaves its access-log entry in the same call.

The first-visit answers (MedicalProfile.height_m / weight_kg, seed 003) are read here as the
first points of the height and weight histories, dated when they were answered: they stay
owned by the medical profile (changed on its page), and no copy can drift from them.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.http import Http404, HttpRequest
from django.utils import timezone

from ens.access.selectors import read_and_record
from ens.accounts.models import User
from ens.medical_profile.measures import format_french_decimal
from ens.medical_profile.models import MedicalProfile
from ens.registry.models import InsuredPerson

from .kinds import (
    ADULT_AGE_YEARS,
    SPECS,
    SPECS_BY_KIND,
    GlucoseContext,
    Kind,
    KindSpec,
    age_in_years,
    bmi_category,
    body_mass_index,
    head_circumference_offered,
)
from .models import Measurement

OVERVIEW_RESOURCE = "Mesures de santé — dernières valeurs"


@dataclass(frozen=True)
class Point:
    """One measurement as shown: in a history, a chart, or as the latest value of its kind."""

    kind: str
    measured_at: datetime
    value: Decimal
    diastolic: Decimal | None = None
    context: str = ""
    measurement_id: int | None = None  # None: an answer of the first-visit questionnaire

    @property
    def spec(self) -> KindSpec:
        return SPECS_BY_KIND[Kind(self.kind)]

    @property
    def from_questionnaire(self) -> bool:
        return self.measurement_id is None

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def unit(self) -> str:
        return self.spec.unit

    @property
    def text(self) -> str:
        """ "72,5 kg", "125/80 mmHg"."""
        return self.spec.format_value(self.value, self.diastolic)

    @property
    def value_text(self) -> str:
        return self.spec.format_number(self.value)

    @property
    def diastolic_text(self) -> str:
        return self.spec.format_number(self.diastolic, self.spec.diastolic)

    @property
    def context_label(self) -> str:
        return str(GlucoseContext(self.context).label) if self.context else ""


@dataclass(frozen=True)
class Bmi:
    """The BMI computed from the latest weight and height (never stored)."""

    value: Decimal
    category: str
    weight: Point
    height: Point

    @property
    def text(self) -> str:
        """ "23,4": the BMI has no unit worth showing (kg/m²)."""
        return format_french_decimal(self.value, 1)


def _point(measurement: Measurement) -> Point:
    return Point(
        kind=measurement.kind,
        measured_at=measurement.measured_at,
        value=measurement.value,
        diastolic=measurement.diastolic,
        context=measurement.context,
        measurement_id=measurement.pk,
    )


def _questionnaire_points(person: InsuredPerson) -> list[Point]:
    """The first-visit height and weight, as points dated when they were answered."""
    profile = MedicalProfile.objects.filter(person=person).first()
    if profile is None:
        return []
    when = profile.answered_at or profile.updated_at
    points = []
    if profile.weight_kg is not None:
        points.append(Point(kind=Kind.WEIGHT, measured_at=when, value=profile.weight_kg))
    if profile.height_m is not None:
        points.append(Point(kind=Kind.HEIGHT, measured_at=when, value=profile.height_m))
    return points


def _history(person: InsuredPerson, kind: Kind) -> list[Point]:
    """All points of `kind`, oldest first (the first-visit answer sorts among them by date)."""
    points = [
        _point(m)
        for m in Measurement.objects.filter(person=person, kind=kind).order_by("measured_at", "pk")
    ]
    if kind in (Kind.WEIGHT, Kind.HEIGHT):
        points += [p for p in _questionnaire_points(person) if p.kind == kind]
        # A stable sort: at equal times, the questionnaire answer comes last (the newest).
        points.sort(key=lambda p: p.measured_at)
    return points


def _latest(person: InsuredPerson) -> dict[str, Point | Bmi]:
    latest: dict[str, Point | Bmi] = {}
    for kind in Kind:
        history = _history(person, kind)
        if history:
            latest[kind.value] = history[-1]
    weight, height = latest.get(Kind.WEIGHT.value), latest.get(Kind.HEIGHT.value)
    if isinstance(weight, Point) and isinstance(height, Point):
        value = body_mass_index(height.value, weight.value)
        if value is not None:
            adult = age_in_years(person.birth_date, timezone.localdate()) >= ADULT_AGE_YEARS
            latest["bmi"] = Bmi(
                value=value,
                category=bmi_category(value, adult=adult),
                weight=weight,
                height=height,
            )
    return latest


def latest_measurements(
    person: InsuredPerson, *, viewer: User | None = None, request: HttpRequest | None = None
) -> dict[str, Point | Bmi]:
    """The latest value of each kind `person` has, plus the BMI, recorded as read by `viewer`.

    Keys are Kind values ("weight", "height", "blood_pressure", "glucose", "heart_rate",
    "temperature", "head_circumference") mapping to a Point (`.text` "72,5 kg", `.unit`,
    `.measured_at`, `.value`, `.diastolic`, `.context_label`), and "bmi" mapping to a Bmi
    (`.value`, `.category`, and the `.weight` and `.height` points it comes from). A kind
    never measured is absent; "bmi" is absent without both a weight and a height.

    The caller has checked that `viewer` may see `person` (ens.space.selectors
    .space_profile_get); the read is recorded in the access log in the same transaction
    (design §5). `viewer=None` records it as done by the system.
    """
    return read_and_record(
        person=person,
        actor=viewer,
        resource=OVERVIEW_RESOURCE,
        read=lambda: _latest(person),
        request=request,
    )


def measurement_history(
    *, viewer: User, person: InsuredPerson, kind: Kind, request: HttpRequest | None = None
) -> list[Point]:
    """Every point of `kind` for `person`, oldest first, recorded as read by `viewer`."""
    return read_and_record(
        person=person,
        actor=viewer,
        resource=f"Mesures de santé — {SPECS_BY_KIND[kind].label}",
        read=lambda: _history(person, kind),
        request=request,
    )


def measurement_get(
    *,
    viewer: User,
    person: InsuredPerson,
    kind: Kind,
    measurement_id: int,
    request: HttpRequest | None = None,
) -> Measurement:
    """`person`'s measurement `measurement_id` of `kind`, recorded as read; Http404 otherwise.

    A guessed id of someone else's measurement (or of another kind) is a 404 and leaves no
    entry, as nothing was read (conventions: one access helper per resource).
    """

    def read() -> Measurement:
        measurement = Measurement.objects.filter(
            person=person, kind=kind, pk=measurement_id
        ).first()
        if measurement is None:
            raise Http404
        return measurement

    return read_and_record(
        person=person,
        actor=viewer,
        resource=measurement_resource,
        read=read,
        request=request,
    )


def measurement_resource(measurement: Measurement) -> str:
    """The access-log label of one measurement: "Mesure « Poids du 12/03/2025 14:30 »"."""
    when = timezone.localtime(measurement.measured_at)
    label = SPECS_BY_KIND[Kind(measurement.kind)].label
    return f"Mesure « {label} du {when:%d/%m/%Y %H:%M} »"


def kinds_offered(*, person: InsuredPerson) -> list[KindSpec]:
    """The kinds `person` can add: all, and head circumference only for a child under 3."""
    today = timezone.localdate()
    return [
        spec
        for spec in SPECS
        if spec.kind != Kind.HEAD_CIRCUMFERENCE
        or head_circumference_offered(person.birth_date, today)
    ]


def kinds_shown(*, person: InsuredPerson) -> list[KindSpec]:
    """The kinds listed for `person`: those offered, plus head circumference if it has a past."""
    offered = kinds_offered(person=person)
    if any(spec.kind == Kind.HEAD_CIRCUMFERENCE for spec in offered):
        return offered
    if Measurement.objects.filter(person=person, kind=Kind.HEAD_CIRCUMFERENCE).exists():
        return list(SPECS)
    return offered
