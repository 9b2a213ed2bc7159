import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from ens.access.selectors import access_history
from ens.access.services import access_record


def test_a_person_gets_their_own_history(patient):
    access_record(person=patient.person, actor=patient, action="read", resource="Profil")

    assert access_history(user=patient, person=patient.person).count() == 1


def test_a_parent_gets_a_minor_childs_history(parent, child):
    access_record(person=child, actor=parent, action="read", resource="Profil")

    assert access_history(user=parent, person=child).count() == 1


def test_a_stranger_asking_for_someone_elses_history_gets_not_found(patient, stranger):
    with pytest.raises(Http404):
        access_history(user=stranger, person=patient.person)


def test_a_professional_cannot_read_a_patients_history_here(patient, professional):
    with pytest.raises(PermissionDenied):
        access_history(user=professional, person=patient.person)
