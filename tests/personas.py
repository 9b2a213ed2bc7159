"""Personas shared by every test, as pytest fixtures (like alice, bob and charlie in
healthchecks' hc/test.py). Accounts use `tests.factories.PASSWORD`.

- `patient`: a User whose insured person has an active space, an e-mail and a mobile;
  `patient.person` is the InsuredPerson.
- `parent`: a patient with one minor child attached; `parent.child` (also the `child` fixture)
  is the child, on the parent's carte Vitale.
- `professional`: a User of a médecin généraliste; `professional.professional` is the entry of
  the directory.
- `stranger`: another patient with an account, to check that nobody sees someone else's data.
- `christian` / `lea`: the exact Christian Dupont of design §7 (no space, no account) and his
  daughter Léa.
- `staff_user`: an operator of the Assurance Maladie (staff, no person, no professional).
"""

import pytest

from ens.activation.models import SpaceState
from ens.activation.services import space_transition
from ens.registry.demo import FIXED_PEOPLE, demo_person_upsert
from ens.registry.models import InsuredPerson, ParentLink
from tests.factories import InsuredPersonFactory, UserFactory


def _patient(username: str, **person_fields):
    person = InsuredPersonFactory(**person_fields)
    space_transition(person=person, to_state=SpaceState.ACTIVE, actor="assuré")
    return UserFactory(patient=True, person=person, username=username)


@pytest.fixture
def patient(db):
    return _patient("alice.bernard", first_name="Alice", last_name="Bernard", sex="F")


@pytest.fixture
def parent(db):
    user = _patient("bruno.petit", first_name="Bruno", last_name="Petit", sex="M")
    child = InsuredPersonFactory(
        child=True,
        first_name="Jules",
        last_name="Petit",
        sex="M",
        address=user.person.address,
        carte_vitale__serial=user.person.carte_vitale.serial,
        carte_vitale__has_photo=user.person.carte_vitale.has_photo,
    )
    ParentLink.objects.create(child=child, parent=user.person)
    user.child = child
    return user


@pytest.fixture
def child(parent) -> InsuredPerson:
    return parent.child


@pytest.fixture
def professional(db):
    return UserFactory(
        pro=True,
        username="docteur.leroy",
        professional__first_name="Hélène",
        professional__last_name="Leroy",
    )


@pytest.fixture
def stranger(db):
    return _patient("charles.moreau", first_name="Charles", last_name="Moreau", sex="M")


@pytest.fixture
def christian(db) -> InsuredPerson:
    person = demo_person_upsert(FIXED_PEOPLE["christian"])
    lea = demo_person_upsert(FIXED_PEOPLE["lea"])
    ParentLink.objects.create(child=lea, parent=person)
    return person


@pytest.fixture
def lea(christian) -> InsuredPerson:
    return InsuredPerson.objects.get(nir=FIXED_PEOPLE["lea"]["nir"])


@pytest.fixture
def staff_user(db):
    return UserFactory(staff=True, username="operateur.cpam", first_name="Odile")
