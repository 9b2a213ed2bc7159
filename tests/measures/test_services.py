"""Writes of measurements: the rules they enforce and the access-log entry each one leaves."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from ens.access.models import AccessLogEntry
from ens.measures.kinds import Kind
from ens.measures.models import Measurement
from ens.measures.services import measurement_create, measurement_delete, measurement_update
from ens.registry.models import ParentLink
from tests.factories import InsuredPersonFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
MARCH_1 = datetime(2025, 3, 1, 9, 30, tzinfo=PARIS)


def create(user, kind=Kind.WEIGHT, value="72.5", when=MARCH_1, person=None, **kwargs):
    return measurement_create(
        person=person or user.person,
        actor=user,
        kind=kind,
        value=Decimal(value),
        measured_at=when,
        **kwargs,
    )


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_a_measurement_is_created_with_its_log_entry(patient):
    measurement = create(patient)

    entry = AccessLogEntry.objects.get(person=patient.person)
    assert measurement.value == Decimal("72.5")
    assert (entry.action, entry.resource) == ("create", "Mesure « Poids du 01/03/2025 09:30 »")


def test_a_value_out_of_range_is_refused_with_the_accepted_range(patient):
    errors = errors_of(lambda: create(patient, value="400"))

    assert errors == {"value": ["La valeur doit être comprise entre 1 kg et 350 kg."]}
    assert not Measurement.objects.exists()


def test_a_refused_measurement_leaves_no_log_entry(patient):
    errors_of(lambda: create(patient, value="400"))

    assert not AccessLogEntry.objects.exists()


def test_a_measurement_in_the_future_is_refused(patient):
    errors = errors_of(lambda: create(patient, when=timezone.now() + timedelta(hours=2)))

    assert errors["measured_on"] == [
        "La date et l’heure de la mesure ne peuvent pas être dans le futur."
    ]


def test_a_measurement_before_birth_is_refused(patient):
    before = datetime.combine(patient.person.birth_date - timedelta(days=1), datetime.min.time())

    errors = errors_of(lambda: create(patient, when=timezone.make_aware(before)))

    assert "précéder la date de naissance" in errors["measured_on"][0]


def test_blood_pressure_needs_a_diastolic_pressure(patient):
    errors = errors_of(lambda: create(patient, kind=Kind.BLOOD_PRESSURE, value="125"))

    assert errors == {"diastolic": ["Le champ est obligatoire."]}


def test_the_systolic_pressure_must_be_above_the_diastolic(patient):
    errors = errors_of(
        lambda: create(patient, kind=Kind.BLOOD_PRESSURE, value="80", diastolic=Decimal(90))
    )

    assert errors == {
        "diastolic": ["La pression diastolique doit être inférieure à la pression systolique."]
    }


def test_a_glycemie_says_whether_it_was_fasting(patient):
    errors = errors_of(lambda: create(patient, kind=Kind.GLUCOSE, value="0.95"))

    assert errors == {"context": ["Indiquez si la mesure a été prise à jeun ou après un repas."]}


def test_a_glycemie_keeps_its_context(patient):
    measurement = create(patient, kind=Kind.GLUCOSE, value="0.95", context="fasting")

    assert measurement.context == "fasting"


def test_head_circumference_is_refused_after_three_years(parent):
    baby = InsuredPersonFactory(child=True, birth_date=date(2021, 1, 10))
    ParentLink.objects.create(child=baby, parent=parent.person)

    errors = errors_of(
        lambda: create(
            parent,
            person=baby,
            kind=Kind.HEAD_CIRCUMFERENCE,
            value="48",
            when=datetime(2024, 1, 10, 9, tzinfo=PARIS),
        )
    )

    assert errors["measured_on"] == [
        "Le périmètre crânien se suit jusqu’à 3 ans : la date doit être antérieure au 10/01/2024."
    ]


def test_head_circumference_before_three_years_is_accepted(parent):
    baby = InsuredPersonFactory(child=True, birth_date=date(2021, 1, 10))

    measurement = create(
        parent,
        person=baby,
        kind=Kind.HEAD_CIRCUMFERENCE,
        value="47.5",
        when=datetime(2024, 1, 9, 9, tzinfo=PARIS),
    )

    assert measurement.value == Decimal("47.5")


def test_an_update_changes_the_value_and_is_logged(patient):
    measurement = create(patient)

    measurement_update(
        person=patient.person,
        actor=patient,
        kind=Kind.WEIGHT,
        measurement_id=measurement.pk,
        value=Decimal("71"),
        measured_at=MARCH_1,
    )

    measurement.refresh_from_db()
    assert measurement.value == Decimal("71")
    assert AccessLogEntry.objects.filter(person=patient.person, action="update").exists()


def test_an_update_follows_the_same_rules(patient):
    measurement = create(patient)

    errors = errors_of(
        lambda: measurement_update(
            person=patient.person,
            actor=patient,
            kind=Kind.WEIGHT,
            measurement_id=measurement.pk,
            value=Decimal("0.5"),
            measured_at=MARCH_1,
        )
    )

    assert "value" in errors


def test_nobody_updates_another_persons_measurement(patient, stranger):
    theirs = create(stranger)

    with pytest.raises(Http404):
        measurement_update(
            person=patient.person,
            actor=patient,
            kind=Kind.WEIGHT,
            measurement_id=theirs.pk,
            value=Decimal("71"),
            measured_at=MARCH_1,
        )
    theirs.refresh_from_db()
    assert theirs.value == Decimal("72.5")


def test_a_delete_removes_the_measurement_and_is_logged(patient):
    measurement = create(patient)

    measurement_delete(
        person=patient.person, actor=patient, kind=Kind.WEIGHT, measurement_id=measurement.pk
    )

    assert not Measurement.objects.exists()
    entry = AccessLogEntry.objects.get(person=patient.person, action="delete")
    assert entry.resource == "Mesure « Poids du 01/03/2025 09:30 »"


def test_nobody_deletes_another_persons_measurement(patient, stranger):
    theirs = create(stranger)

    with pytest.raises(Http404):
        measurement_delete(
            person=patient.person, actor=patient, kind=Kind.WEIGHT, measurement_id=theirs.pk
        )
    assert Measurement.objects.filter(pk=theirs.pk).exists()
