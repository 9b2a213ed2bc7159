"""The factories and personas other tests build on keep their promises."""

from django.contrib.auth import authenticate

from ens.activation.models import SpaceState
from ens.professionals.rpps import is_valid_rpps
from ens.registry.nir import nir_control_key
from tests.factories import PASSWORD, InsuredPersonFactory, ParentLinkFactory


def has_valid_key(nir: str) -> bool:
    return int(nir[13:]) == nir_control_key(nir[:13])


def test_patient_has_an_active_space_contacts_and_the_known_password(patient):
    assert patient.person.space.state == SpaceState.ACTIVE
    assert patient.person.email and patient.person.mobile
    assert authenticate(username=patient.username, password=PASSWORD) == patient


def test_parent_has_a_minor_child_on_their_card(parent, child):
    assert [link.parent for link in child.parent_links.all()] == [parent.person]
    assert child.carte_vitale.serial == parent.person.carte_vitale.serial
    assert not child.email and not child.mobile


def test_stranger_is_another_patient(patient, stranger):
    assert stranger.person != patient.person
    assert stranger.person.space.state == SpaceState.ACTIVE


def test_professional_has_a_valid_rpps_and_no_person(professional):
    assert is_valid_rpps(professional.professional.rpps)
    assert professional.person is None


def test_staff_user_is_an_operator_without_person_nor_professional(staff_user):
    assert staff_user.is_staff
    assert staff_user.person is None and staff_user.professional is None


def test_christian_is_not_notified_and_has_lea(christian, lea):
    assert christian.nir == "184127645108946"
    assert not hasattr(christian, "space")
    assert [link.child for link in christian.child_links.all()] == [lea]


def test_person_factory_gives_valid_distinct_nirs(db):
    people = InsuredPersonFactory.create_batch(20)
    assert len({p.nir for p in people}) == 20
    assert all(has_valid_key(p.nir) for p in people)
    assert all(p.nir[0] == {"M": "1", "F": "2"}[p.sex] for p in people)


def test_person_factory_traits_remove_contacts(db):
    assert InsuredPersonFactory(without_email=True).email == ""
    assert InsuredPersonFactory(without_mobile=True).mobile == ""


def test_parent_link_factory_attaches_a_child_without_contacts(db):
    link = ParentLinkFactory()
    assert link.child.birth_date > link.parent.birth_date
    assert not link.child.email
