"""Writes of the medical profile."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from ens.registry.models import InsuredPerson

from .models import MedicalProfile
from .questions import QUESTIONS

ANSWERABLE_FIELDS = frozenset(q.field for q in QUESTIONS)


def _locked_profile(person: InsuredPerson) -> MedicalProfile:
    MedicalProfile.objects.get_or_create(person=person)
    return MedicalProfile.objects.select_for_update().get(person=person)


@transaction.atomic
def medical_profile_answer(*, person: InsuredPerson, field: str, value: Any) -> MedicalProfile:
    """Store one answer of the first-visit questions (seed 003) in `person`'s medical profile.

    Each answer is kept as soon as it is given, so a person who skips half-way keeps what they
    already said. The caller has checked that the user may act on `person`
    (ens.space.selectors.space_profile_get).
    """
    if field not in ANSWERABLE_FIELDS:
        raise ValueError(f"not a first-visit answer: {field!r}")
    profile = _locked_profile(person)
    setattr(profile, field, value)
    profile.answered_at = timezone.now()
    profile.save()
    return profile


@transaction.atomic
def medical_profile_first_visit_done(*, person: InsuredPerson) -> MedicalProfile:
    """Mark the first visit as finished or skipped: the home opens directly from now on.

    Seed 003: the welcome and the five questions come once, after the first login, and can
    be skipped ("Passer"). The first date is kept when it is called again.
    """
    profile = _locked_profile(person)
    if profile.first_visit_done_at is None:
        profile.first_visit_done_at = timezone.now()
        profile.save()
    return profile
