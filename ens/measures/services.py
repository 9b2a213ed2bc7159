"""Writes of health measurements; each write and its access-log entry share one transaction."""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import timezone

from ens.access.services import access_record
from ens.accounts.models import User
from ens.registry.models import InsuredPerson

from .kinds import SPECS_BY_KIND, Kind, measurement_errors
from .models import Measurement
from .selectors import measurement_resource


def _validate(
    *,
    person: InsuredPerson,
    kind: Kind,
    value: Decimal,
    diastolic: Decimal | None,
    context: str,
    measured_at: datetime,
) -> None:
    spec = SPECS_BY_KIND[kind]
    errors = measurement_errors(
        spec=spec,
        value=value,
        diastolic=diastolic,
        context=context,
        measured_at=measured_at,
        birth_date=person.birth_date,
        now=timezone.now(),
    )
    if errors:
        raise ValidationError(errors)


def _locked(person: InsuredPerson, kind: Kind, measurement_id: int) -> Measurement:
    measurement = (
        Measurement.objects.select_for_update()
        .filter(person=person, kind=kind, pk=measurement_id)
        .first()
    )
    if measurement is None:
        raise Http404
    return measurement


@transaction.atomic
def measurement_create(
    *,
    person: InsuredPerson,
    actor: User,
    kind: Kind,
    value: Decimal,
    measured_at: datetime,
    diastolic: Decimal | None = None,
    context: str = "",
    request: HttpRequest | None = None,
) -> Measurement:
    """Add a measurement to `person`'s history and record it in the access log.

    Rules (issue 6 "Mesures de santé", kinds.measurement_errors): physiological ranges,
    systolic above diastolic, glycémie fasting or after a meal, no date in the future or
    before birth, head circumference before 3 years. Raises ValidationError by field.
    The caller has checked that `actor` may act on `person` (space_profile_get).
    """
    spec = SPECS_BY_KIND[kind]
    _validate(
        person=person,
        kind=kind,
        value=value,
        diastolic=diastolic,
        context=context,
        measured_at=measured_at,
    )
    measurement = Measurement.objects.create(
        person=person,
        kind=kind,
        value=value,
        diastolic=diastolic if spec.diastolic else None,
        context=context if spec.needs_context else "",
        measured_at=measured_at,
        created_by=actor,
    )
    access_record(
        person=person,
        actor=actor,
        action="create",
        resource=measurement_resource(measurement),
        request=request,
    )
    return measurement


@transaction.atomic
def measurement_update(
    *,
    person: InsuredPerson,
    actor: User,
    kind: Kind,
    measurement_id: int,
    value: Decimal,
    measured_at: datetime,
    diastolic: Decimal | None = None,
    context: str = "",
    request: HttpRequest | None = None,
) -> Measurement:
    """Correct one of `person`'s measurements (same rules as measurement_create).

    Only a measurement of `person` and of `kind` can be changed: any other id is a 404
    (conventions: a guessed id gets a 404, never someone else's data).
    """
    spec = SPECS_BY_KIND[kind]
    measurement = _locked(person, kind, measurement_id)
    _validate(
        person=person,
        kind=kind,
        value=value,
        diastolic=diastolic,
        context=context,
        measured_at=measured_at,
    )
    measurement.value = value
    measurement.diastolic = diastolic if spec.diastolic else None
    measurement.context = context if spec.needs_context else ""
    measurement.measured_at = measured_at
    measurement.save()
    access_record(
        person=person,
        actor=actor,
        action="update",
        resource=measurement_resource(measurement),
        request=request,
    )
    return measurement


@transaction.atomic
def measurement_delete(
    *,
    person: InsuredPerson,
    actor: User,
    kind: Kind,
    measurement_id: int,
    request: HttpRequest | None = None,
) -> None:
    """Delete one of `person`'s measurements, after the confirmation page (issue 6).

    Only a measurement of `person` and of `kind`: any other id is a 404.
    """
    measurement = _locked(person, kind, measurement_id)
    resource = measurement_resource(measurement)
    measurement.delete()
    access_record(person=person, actor=actor, action="delete", resource=resource, request=request)
