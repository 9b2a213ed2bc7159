"""Reads of the medical profile. Health data is read here only, with its access-log hook."""

from django.contrib.auth.base_user import AbstractBaseUser

from ens.registry.models import InsuredPerson

from .models import MedicalProfile


def health_data_read_hook(*, viewer: AbstractBaseUser, person: InsuredPerson, what: str) -> None:
    """ACCESS-LOG HOOK: every read of a person's health data passes here.

    The access-log issue (design §5 "every read or write of health data by anyone is an entry
    the patient can see", §6 hash-chained log) writes its entry here, in the same call as
    the read; until then it does nothing.
    """


def medical_profile_get(
    *, viewer: AbstractBaseUser, person: InsuredPerson
) -> MedicalProfile | None:
    """`person`'s medical profile as `viewer` sees it, or None when nothing was ever answered.

    The caller has checked that `viewer` may act on `person`
    (ens.space.selectors.space_profile_get); the read is passed to the access-log hook.
    """
    profile = MedicalProfile.objects.filter(person=person).first()
    health_data_read_hook(viewer=viewer, person=person, what="medical_profile")
    return profile


def first_visit_pending(*, person: InsuredPerson) -> bool:
    """Whether `person` has still to see the welcome and the five questions (seed 003).

    Not health data: only whether the questions were finished or skipped.
    """
    done_at = (
        MedicalProfile.objects.filter(person=person)
        .values_list("first_visit_done_at", flat=True)
        .first()
    )
    return done_at is None
