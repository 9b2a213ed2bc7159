"""People of the space tests: a patient, a parent with a minor child, a stranger with theirs.

Plain functions (not fixtures) so the browser tests can build the same people.
"""

import itertools
from datetime import date

from django.utils import timezone

from ens.accounts.models import User
from ens.medical_profile.models import MedicalProfile
from ens.registry.models import InsuredPerson, ParentLink

_numbers = itertools.count(1)


def person(first_name: str, last_name: str, birth_date: date) -> InsuredPerson:
    # The NIR is not checked here: the registry tests own its rules.
    return InsuredPerson.objects.create(
        nir=f"1{next(_numbers):014d}",
        birth_date=birth_date,
        last_name=last_name,
        first_name=first_name,
        sex="F",
    )


def patient(
    first_name: str = "Camille",
    last_name: str = "Durand",
    *,
    birth_date: date = date(1991, 3, 21),
    first_visit_done: bool = True,
) -> User:
    """An insured person with an account; by default past the first-visit questions."""
    who = person(first_name, last_name, birth_date)
    if first_visit_done:
        MedicalProfile.objects.create(person=who, first_visit_done_at=timezone.now())
    return User.objects.create_user(
        username=f"{first_name.lower()}.{last_name.lower()}.{who.pk}", person=who
    )


def child_of(
    parent: User, first_name: str = "Léa", *, birth_date: date = date(2015, 5, 3)
) -> InsuredPerson:
    child = person(first_name, parent.person.last_name, birth_date)
    ParentLink.objects.create(child=child, parent=parent.person)
    return child
