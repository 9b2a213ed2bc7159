"""/espace/autorisations/ through the test client."""

from ens.access.services import access_record
from ens.medical_profile.models import ProfileShare
from ens.professionals.models import EmergencyAccessOpposition, ProfessionalBlock
from ens.space.profiles import SESSION_KEY

from .conftest import make_treating_doctor


def test_anonymous_visitors_are_sent_to_the_login(client, db):
    response = client.get("/espace/autorisations/")
    assert response["Location"].startswith("/connexion/")


def test_it_lists_the_professionals_who_accessed_the_space(client, patient, professional):
    access_record(
        person=patient.person, actor=professional, action="read", resource="Liste des documents"
    )
    client.force_login(patient)
    content = client.get("/espace/autorisations/").content.decode()
    assert "Hélène Leroy" in content
    assert "Dernier accès le" in content


def test_it_shows_the_treating_doctor(client, patient, professional):
    make_treating_doctor(patient.person, professional.professional)
    client.force_login(patient)
    content = client.get("/espace/autorisations/").content.decode()
    assert "Dr Hélène Leroy, médecin généraliste" in content


def test_block_asks_for_a_confirmation_first(client, patient, professional):
    client.force_login(patient)
    response = client.get(f"/espace/autorisations/bloquer/{professional.professional.pk}/")
    assert response.status_code == 200
    assert "Confirmer le blocage" in response.content.decode()
    assert not ProfessionalBlock.objects.exists()


def test_a_patient_blocks_and_unblocks_a_professional(client, patient, professional):
    client.force_login(patient)
    pk = professional.professional.pk
    client.post(f"/espace/autorisations/bloquer/{pk}/")
    assert ProfessionalBlock.objects.filter(person=patient.person, professional_id=pk).exists()
    client.post(f"/espace/autorisations/debloquer/{pk}/")
    assert not ProfessionalBlock.objects.exists()


def test_blocking_an_unknown_professional_is_a_404(client, patient):
    client.force_login(patient)
    assert client.post("/espace/autorisations/bloquer/999999/").status_code == 404


def test_a_patient_never_sees_anothers_authorisations(client, patient, stranger, professional):
    make_treating_doctor(stranger.person, professional.professional)
    client.force_login(patient)
    response = client.get("/espace/autorisations/", {"profil": stranger.person.pk})
    assert "Hélène Leroy" not in response.content.decode()


def test_a_parent_blocks_for_the_child_profile_only(client, parent, professional):
    client.force_login(parent)
    session = client.session
    session[SESSION_KEY] = parent.child.pk
    session.save()
    client.post(f"/espace/autorisations/bloquer/{professional.professional.pk}/")
    assert ProfessionalBlock.objects.get().person == parent.child


def test_the_patient_opposes_emergency_access_and_withdraws_it(client, patient):
    client.force_login(patient)
    client.post("/espace/autorisations/urgence/", {"opposition": "oui"})
    assert EmergencyAccessOpposition.objects.filter(person=patient.person).exists()
    client.post("/espace/autorisations/urgence/", {"opposition": "non"})
    assert not EmergencyAccessOpposition.objects.exists()


def test_retirer_withdraws_a_share_of_the_summary(client, patient, professional):
    share = ProfileShare.objects.create(
        person=patient.person, professional=professional.professional
    )
    client.force_login(patient)
    assert "Retirer" in client.get("/espace/autorisations/").content.decode()
    client.post(f"/espace/autorisations/partages/{share.pk}/retirer/")
    share.refresh_from_db()
    assert share.revoked_at is not None


def test_a_patient_cannot_withdraw_anothers_share(client, patient, stranger, professional):
    share = ProfileShare.objects.create(
        person=stranger.person, professional=professional.professional
    )
    client.force_login(patient)
    response = client.post(f"/espace/autorisations/partages/{share.pk}/retirer/")
    assert response.status_code == 404
    share.refresh_from_db()
    assert share.revoked_at is None
