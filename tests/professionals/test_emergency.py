"""Emergency access (bris de glace): issue 7, Professionals item 5."""

import pytest

from ens.access.models import AccessLogEntry
from ens.notifications.models import Notification
from ens.professionals.models import EmergencyAccess, EmergencyAccessOpposition, ProfessionalBlock

from .conftest import add_document, make_treating_doctor, pro_user, search


@pytest.fixture
def samu_client(client, urgentiste, patient):
    client.force_login(urgentiste)
    search(client, patient.person)
    return client


def _break_glass(client, person, reason="Patient inconscient, régulation SAMU"):
    return client.post(f"/pro/patients/{person.pk}/urgence/", {"reason": reason})


def test_the_reason_is_required(samu_client, patient):
    response = _break_glass(samu_client, patient.person, reason="")
    assert response.context["form"].errors["reason"] == ["Indiquez le motif de l'accès en urgence."]
    assert not EmergencyAccess.objects.exists()


def test_an_emergency_access_is_recorded_as_such(samu_client, urgentiste, patient):
    response = _break_glass(samu_client, patient.person)
    assert response.status_code == 302
    entry = AccessLogEntry.objects.get(person=patient.person, actor=urgentiste, mode="emergency")
    assert entry.detail == "Patient inconscient, régulation SAMU"


def test_later_reads_under_an_emergency_access_are_flagged(samu_client, urgentiste, patient):
    _break_glass(samu_client, patient.person)
    samu_client.get(f"/pro/patients/{patient.person.pk}/")
    summary = AccessLogEntry.objects.get(
        person=patient.person, resource="Synthèse du profil médical"
    )
    assert summary.mode == "emergency"


def test_it_is_refused_when_the_patient_opposed(samu_client, patient):
    EmergencyAccessOpposition.objects.create(person=patient.person)
    response = _break_glass(samu_client, patient.person)
    assert "s'est opposé à l'accès en urgence" in response.context["refusal"]
    assert not EmergencyAccess.objects.exists()


def test_it_is_refused_to_a_blocked_professional(samu_client, urgentiste, patient):
    ProfessionalBlock.objects.create(person=patient.person, professional=urgentiste.professional)
    _break_glass(samu_client, patient.person)
    assert not EmergencyAccess.objects.exists()


def test_it_is_refused_to_other_professions(client, professional, patient):
    client.force_login(professional)
    search(client, patient.person)
    response = _break_glass(client, patient.person)
    assert "réservé aux médecins urgentistes" in response.context["refusal"]
    assert not EmergencyAccess.objects.exists()


def test_it_needs_a_search_first(client, urgentiste, patient):
    client.force_login(urgentiste)
    assert _break_glass(client, patient.person).status_code == 404


def test_the_patient_and_the_treating_doctor_are_notified_without_the_data(
    samu_client, patient, django_capture_on_commit_callbacks, db
):
    doctor = pro_user(email="medecin.traitant@example.org")
    make_treating_doctor(patient.person, doctor.professional)
    add_document(patient.person, name="Ordonnance confidentielle")
    with django_capture_on_commit_callbacks(execute=True):
        _break_glass(samu_client, patient.person)
    sent = Notification.objects.filter(template="emergency_access")
    assert {n.to for n in sent} == {patient.person.email, doctor.professional.email}
    for notification in sent:
        assert "Ordonnance confidentielle" not in notification.body_text
        assert "Patient inconscient" not in notification.body_text
