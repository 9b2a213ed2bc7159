"""The operator back-office (/operateur/): staff only; waves, letters, statistics, history."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from ens.activation.models import HealthSpace, SpaceState
from ens.activation.services import space_transition
from ens.operator.models import LetterBatch
from ens.registry.nir import format_nir
from tests.factories import PASSWORD, InsuredPersonFactory
from tests.operator.helpers import launch

STAFF_PAGES = [
    "/operateur/",
    "/operateur/vagues/",
    "/operateur/vagues/nouvelle/",
    "/operateur/historique/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", STAFF_PAGES)
def test_an_anonymous_visitor_is_sent_to_the_operator_login(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/operateur/connexion/?next=")


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_a_patient_is_refused(client, patient, path):
    client.force_login(patient)

    assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_a_staff_member_sees_the_page(operator, path):
    assert operator.get(path).status_code == 200


@pytest.mark.django_db
def test_a_staff_member_logs_in_with_identifier_and_password(client, staff_user):
    response = client.post(
        "/operateur/connexion/", {"username": staff_user.username, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/operateur/"


@pytest.mark.django_db
def test_a_wrong_password_is_refused_with_a_french_message(client, staff_user):
    response = client.post(
        "/operateur/connexion/", {"username": staff_user.username, "password": "non"}
    )

    assert "Identifiant ou mot de passe incorrect" in response.content.decode()


def test_the_dashboard_counts_spaces_by_state(operator):
    space_transition(person=InsuredPersonFactory(), to_state=SpaceState.OPPOSED, actor="assuré")
    InsuredPersonFactory()

    page = operator.get("/operateur/").content.decode()

    assert '<td>Opposition</td><td class="fr-cell--right">1</td>' in page
    assert '<td>Pas encore notifié</td><td class="fr-cell--right">1</td>' in page


def test_preparing_a_wave_shows_how_many_people_will_be_notified(operator):
    InsuredPersonFactory.create_batch(2, postal_code="76600")

    response = operator.post(
        "/operateur/vagues/nouvelle/", {"kind": "department", "department": "76"}, follow=True
    )

    assert "2 personnes seront notifiées" in response.content.decode()
    assert not HealthSpace.objects.exists()


def test_confirming_a_wave_notifies_the_department(operator, staff_user):
    person = InsuredPersonFactory(postal_code="76600")

    wave = launch(operator, kind="department", department="76")

    assert (wave.status, wave.notified_email, wave.launched_by) == ("done", 1, staff_user)
    assert HealthSpace.objects.get(person=person).state == SpaceState.NOTIFIED
    assert person.space.events.get().actor == "opérateur:operateur.cpam"


def test_confirming_twice_launches_the_wave_once(operator):
    InsuredPersonFactory()
    wave = launch(operator, kind="all")

    with TestCase.captureOnCommitCallbacks(execute=True) as callbacks:
        operator.post(reverse("operator:wave_launch", args=[wave.pk]))

    assert callbacks == []
    wave.refresh_from_db()
    assert wave.notified_email == 1


def test_a_wave_from_an_uploaded_list_notifies_the_nirs_listed(operator):
    listed, other = InsuredPersonFactory(), InsuredPersonFactory()
    upload = SimpleUploadedFile("liste.txt", f"{format_nir(listed.nir)}\n".encode())

    wave = launch(operator, kind="file", nir_file=upload)

    assert wave.notified_email == 1
    assert wave.criteria_label == "liste liste.txt"
    assert not HealthSpace.objects.filter(person=other).exists()


def test_a_department_wave_without_a_department_gets_an_error_next_to_the_field(operator):
    response = operator.post("/operateur/vagues/nouvelle/", {"kind": "department"})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="department-desc-error"' in page or "fr-input-group--error" in page
    assert "Indiquez le numéro du département." in page


def test_a_wrong_department_keeps_what_was_typed(operator):
    response = operator.post(
        "/operateur/vagues/nouvelle/", {"kind": "department", "department": "99"}
    )

    page = response.content.decode()
    assert "« 99 » n&#x27;est pas un numéro de département" in page
    assert 'value="99"' in page


def test_a_list_without_any_nir_is_refused(operator):
    upload = SimpleUploadedFile("liste.txt", b"bonjour\n")

    response = operator.post("/operateur/vagues/nouvelle/", {"kind": "file", "nir_file": upload})

    assert "Ce fichier ne contient aucun NIR valide." in response.content.decode()


def test_the_wave_list_links_the_pdf_of_letters(operator):
    InsuredPersonFactory(without_email=True)
    launch(operator, kind="all")
    batch = LetterBatch.objects.get()

    page = operator.get("/operateur/vagues/").content.decode()

    assert reverse("operator:letter_download", args=[batch.pk]) in page


def test_a_staff_member_downloads_the_pdf_of_letters(operator):
    InsuredPersonFactory(without_email=True)
    launch(operator, kind="all")

    response = operator.get(
        reverse("operator:letter_download", args=[LetterBatch.objects.get().pk])
    )

    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_patient_cannot_download_letters(client, patient, staff_user):
    client.force_login(staff_user)
    InsuredPersonFactory(without_email=True)
    launch(client, kind="all")
    client.force_login(patient)

    response = client.get(reverse("operator:letter_download", args=[LetterBatch.objects.get().pk]))

    assert response.status_code == 403


def test_the_history_of_a_space_lists_its_transitions(operator):
    person = InsuredPersonFactory(first_name="Christian", last_name="Dupont")
    space_transition(person=person, to_state=SpaceState.NOTIFIED, actor="système")
    space_transition(person=person, to_state=SpaceState.OPPOSED, actor="assuré")

    page = operator.get("/operateur/historique/", {"nir": format_nir(person.nir)}).content.decode()

    assert "Christian DUPONT" in page
    assert "<td>aucun espace</td>" in page
    assert "<td>notifié</td>\n            <td>opposition</td>\n            <td>assuré</td>" in page


def test_the_history_says_when_nobody_has_the_nir(operator):
    page = operator.get("/operateur/historique/", {"nir": "1 84 12 76 451 089 46"})

    assert "Aucun assuré n'a ce numéro de sécurité sociale." in page.content.decode()


def test_a_malformed_nir_gets_an_error_next_to_the_field(operator):
    page = operator.get("/operateur/historique/", {"nir": "12"}).content.decode()

    assert "fr-input-group--error" in page
