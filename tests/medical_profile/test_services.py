from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from ens.access.models import AccessLogEntry
from ens.medical_profile.models import MedicalProfile
from ens.medical_profile.services import medical_profile_answer, medical_profile_first_visit_done

pytestmark = pytest.mark.django_db


def test_an_answer_creates_the_profile_and_is_stored(christian):
    medical_profile_answer(person=christian.person, field="height_m", value=Decimal("1.80"))

    profile = MedicalProfile.objects.get(person=christian.person)
    assert profile.height_m == Decimal("1.80")
    assert profile.answered_at is not None


def test_only_the_first_visit_answers_can_be_written(camille):
    with pytest.raises(ValueError, match="first_visit_done_at"):
        medical_profile_answer(person=camille.person, field="first_visit_done_at", value=None)


def test_finishing_the_first_visit_again_keeps_its_first_date(camille):
    first = timezone.now() - timedelta(days=3)
    MedicalProfile.objects.filter(person=camille.person).update(first_visit_done_at=first)

    medical_profile_first_visit_done(person=camille.person)

    assert MedicalProfile.objects.get(person=camille.person).first_visit_done_at == first


def test_an_answer_is_recorded_in_the_access_log_as_done_by_its_actor(christian):
    medical_profile_answer(
        person=christian.person, field="weight_kg", value=Decimal("80.0"), actor=christian
    )

    entry = AccessLogEntry.objects.get(person=christian.person)
    assert (entry.action, entry.actor_kind) == ("update", "patient")
    assert entry.resource.endswith("poids (kg)")
