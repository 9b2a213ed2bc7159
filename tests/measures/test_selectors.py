"""Reads of measurements: latest values with the BMI, histories with the first-visit answers,
and the access-log entry every read leaves."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.http import Http404
from django.utils import timezone

from ens.access.models import AccessLogEntry
from ens.measures.kinds import Kind
from ens.measures.selectors import (
    OVERVIEW_RESOURCE,
    latest_measurements,
    measurement_get,
    measurement_history,
)
from ens.measures.services import measurement_create
from ens.medical_profile.models import MedicalProfile

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def at(day: int, month: int = 3, hour: int = 9) -> datetime:
    return datetime(2025, month, day, hour, 0, tzinfo=PARIS)


def add(user, kind, value, when, **kwargs):
    return measurement_create(
        person=user.person, actor=user, kind=kind, value=Decimal(value), measured_at=when, **kwargs
    )


def test_latest_measurements_gives_the_latest_value_of_each_kind(patient):
    add(patient, Kind.WEIGHT, "80", at(1))
    add(patient, Kind.WEIGHT, "78.5", at(10))
    add(patient, Kind.BLOOD_PRESSURE, "125", at(2), diastolic=Decimal(80))

    latest = latest_measurements(patient.person, viewer=patient)

    assert latest["weight"].text == "78,5\u00a0kg"
    assert latest["weight"].measured_at == at(10)
    assert latest["blood_pressure"].text == "125/80\u00a0mmHg"
    assert "temperature" not in latest


def test_latest_measurements_computes_the_bmi_with_its_category(patient):
    add(patient, Kind.WEIGHT, "72.5", at(1))
    add(patient, Kind.HEIGHT, "1.75", at(1))

    bmi = latest_measurements(patient.person, viewer=patient)["bmi"]

    assert bmi.value == Decimal("23.7")
    assert bmi.text == "23,7"
    assert bmi.category == "Corpulence normale"


def test_latest_measurements_has_no_bmi_without_a_height(patient):
    add(patient, Kind.WEIGHT, "72.5", at(1))

    assert "bmi" not in latest_measurements(patient.person, viewer=patient)


def test_the_bmi_of_a_child_points_to_the_growth_charts(parent, child):
    recently = timezone.now() - timedelta(hours=1)  # the child's birth date is random
    measurement_create(
        person=child, actor=parent, kind=Kind.WEIGHT, value=Decimal(20), measured_at=recently
    )
    measurement_create(
        person=child, actor=parent, kind=Kind.HEIGHT, value=Decimal("1.10"), measured_at=recently
    )

    bmi = latest_measurements(child, viewer=parent)["bmi"]

    assert "courbes de corpulence" in bmi.category


def test_latest_measurements_records_the_read_in_the_access_log(patient):
    latest_measurements(patient.person, viewer=patient)

    entry = AccessLogEntry.objects.get(person=patient.person)
    assert (entry.actor, entry.action, entry.resource) == (patient, "read", OVERVIEW_RESOURCE)


def test_first_visit_answers_are_the_first_points_of_weight_and_height(patient):
    MedicalProfile.objects.create(
        person=patient.person,
        height_m=Decimal("1.70"),
        weight_kg=Decimal("65.0"),
        answered_at=at(1, month=1),
    )
    add(patient, Kind.WEIGHT, "66", at(1, month=2))

    history = measurement_history(viewer=patient, person=patient.person, kind=Kind.WEIGHT)

    assert [(p.value, p.from_questionnaire) for p in history] == [
        (Decimal("65.0"), True),
        (Decimal("66"), False),
    ]


def test_a_first_visit_answer_alone_gives_the_bmi(patient):
    MedicalProfile.objects.create(
        person=patient.person,
        height_m=Decimal("1.70"),
        weight_kg=Decimal("65.0"),
        answered_at=timezone.now(),
    )

    latest = latest_measurements(patient.person, viewer=patient)

    assert latest["bmi"].value == Decimal("22.5")
    assert latest["height"].from_questionnaire


def test_a_history_is_recorded_with_its_kind(patient):
    measurement_history(viewer=patient, person=patient.person, kind=Kind.GLUCOSE)

    entry = AccessLogEntry.objects.get(person=patient.person)
    assert entry.resource == "Mesures de santé — Glycémie"


def test_a_history_holds_only_the_persons_own_points(patient, stranger):
    add(stranger, Kind.WEIGHT, "90", at(1))

    assert measurement_history(viewer=patient, person=patient.person, kind=Kind.WEIGHT) == []


def test_measurement_get_refuses_another_persons_measurement(patient, stranger):
    theirs = add(stranger, Kind.WEIGHT, "90", at(1))

    with pytest.raises(Http404):
        measurement_get(
            viewer=patient, person=patient.person, kind=Kind.WEIGHT, measurement_id=theirs.pk
        )
    assert not AccessLogEntry.objects.filter(person=patient.person, action="read").exists()


def test_measurement_get_refuses_a_measurement_of_another_kind(patient):
    mine = add(patient, Kind.WEIGHT, "90", at(1))

    with pytest.raises(Http404):
        measurement_get(
            viewer=patient, person=patient.person, kind=Kind.HEIGHT, measurement_id=mine.pk
        )


def test_measurement_get_records_the_read(patient):
    mine = add(patient, Kind.WEIGHT, "90", at(1, hour=14))

    measurement_get(viewer=patient, person=patient.person, kind=Kind.WEIGHT, measurement_id=mine.pk)

    entry = AccessLogEntry.objects.filter(person=patient.person, action="read").get()
    assert entry.resource == "Mesure « Poids du 01/03/2025 14:00 »"


def test_a_questionnaire_answer_newer_than_the_measurements_is_the_latest(patient):
    add(patient, Kind.WEIGHT, "66", timezone.now() - timedelta(days=30))
    MedicalProfile.objects.create(
        person=patient.person, weight_kg=Decimal("64.0"), answered_at=timezone.now()
    )

    assert latest_measurements(patient.person, viewer=patient)["weight"].value == Decimal("64.0")
