"""The professional portal through the test client: search, patient page, documents."""

import pytest

from ens.access.models import AccessLogEntry
from ens.documents.models import Document
from ens.professionals.models import ProfessionalBlock
from ens.professionals.views import SEARCH_LIMIT
from tests.documents.files import pdf_bytes

from .conftest import add_document, make_treating_doctor, search


@pytest.fixture
def pro_client(client, professional):
    client.force_login(professional)
    return client


def test_anonymous_visitors_are_sent_to_the_login(client, db):
    response = client.get("/pro/")
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/?next=/pro/")


def test_a_patient_is_sent_to_the_login(client, patient):
    client.force_login(patient)
    assert client.get("/pro/").status_code == 302


def test_the_search_opens_the_patient_page(pro_client, patient):
    response = search(pro_client, patient.person)
    assert response.status_code == 302
    page = pro_client.get(response["Location"])
    assert page.status_code == 200
    assert patient.person.last_name in page.content.decode()


def test_a_wrong_birth_date_finds_nobody_without_saying_which_field(pro_client, patient):
    person = patient.person
    person.birth_date = person.birth_date.replace(year=person.birth_date.year - 1)
    response = search(pro_client, person)
    assert response.status_code == 200
    assert "Aucun patient ne correspond" in response.content.decode()


def test_both_fields_are_required(pro_client, db):
    response = pro_client.post("/pro/", {"nir": "", "birth_date": ""})
    content = response.content.decode()
    assert "Saisissez le NIR du patient." in content
    assert "Saisissez la date de naissance du patient." in content


def test_the_search_is_rate_limited_per_professional(pro_client, patient):
    for _ in range(SEARCH_LIMIT.limit):
        pro_client.post("/pro/", {"nir": "1 84 12 76 451 089 46", "birth_date": "01/01/1900"})
    response = search(pro_client, patient.person)
    assert response.status_code == 200
    assert "Trop de tentatives" in response.content.decode()


def test_a_patient_page_without_a_search_is_a_404(pro_client, patient):
    assert pro_client.get(f"/pro/patients/{patient.person.pk}/").status_code == 404


def test_a_search_does_not_open_another_patient_by_changing_the_id(pro_client, patient, stranger):
    search(pro_client, patient.person)
    assert pro_client.get(f"/pro/patients/{stranger.person.pk}/").status_code == 404


def test_the_patient_page_lists_allowed_documents_only(pro_client, patient):
    add_document(patient.person, name="Ordonnance visible")
    add_document(patient.person, name="Compte rendu masqué", category="compte-rendu", hidden=True)
    search(pro_client, patient.person)
    content = pro_client.get(f"/pro/patients/{patient.person.pk}/").content.decode()
    assert "Ordonnance visible" in content
    assert "Compte rendu masqué" not in content


def test_the_treating_doctor_sees_hidden_documents(pro_client, professional, patient):
    make_treating_doctor(patient.person, professional.professional)
    add_document(patient.person, name="Compte rendu masqué", category="compte-rendu", hidden=True)
    search(pro_client, patient.person)
    assert (
        "Compte rendu masqué"
        in pro_client.get(f"/pro/patients/{patient.person.pk}/").content.decode()
    )


def test_a_physiotherapist_does_not_see_lab_results(client, kine, patient):
    add_document(patient.person, name="Bilan sanguin", category="biologie")
    client.force_login(kine)
    search(client, patient.person)
    assert "Bilan sanguin" not in client.get(f"/pro/patients/{patient.person.pk}/").content.decode()


def test_every_read_of_the_patient_page_is_recorded(pro_client, professional, patient):
    search(pro_client, patient.person)
    pro_client.get(f"/pro/patients/{patient.person.pk}/")
    entries = AccessLogEntry.objects.filter(person=patient.person, actor=professional)
    assert {e.resource for e in entries} >= {"Synthèse du profil médical", "Liste des documents"}


def test_a_blocked_professional_is_told_so_plainly(pro_client, professional, patient):
    add_document(patient.person, name="Ordonnance secrète")
    ProfessionalBlock.objects.create(person=patient.person, professional=professional.professional)
    search(pro_client, patient.person)
    content = pro_client.get(f"/pro/patients/{patient.person.pk}/").content.decode()
    assert "Ce patient a bloqué votre accès à son espace santé." in content
    assert "Ordonnance secrète" not in content
    assert not AccessLogEntry.objects.filter(person=patient.person, actor=professional).exists()


def test_the_download_of_an_allowed_document_is_recorded(pro_client, professional, patient):
    document = add_document(patient.person)
    search(pro_client, patient.person)
    response = pro_client.get(f"/pro/patients/{patient.person.pk}/documents/{document.pk}/")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(
        person=patient.person, actor=professional, action="download"
    ).exists()


def test_a_hidden_document_cannot_be_downloaded_by_its_id(pro_client, patient):
    document = add_document(patient.person, hidden=True)
    search(pro_client, patient.person)
    url = f"/pro/patients/{patient.person.pk}/documents/{document.pk}/"
    assert pro_client.get(url).status_code == 404


def test_another_patients_document_cannot_be_downloaded_by_guessing_its_id(
    pro_client, patient, stranger
):
    document = add_document(stranger.person)
    search(pro_client, patient.person)
    url = f"/pro/patients/{patient.person.pk}/documents/{document.pk}/"
    assert pro_client.get(url).status_code == 404


def test_a_child_is_found_with_a_parents_nir_and_the_childs_birth_date(pro_client, parent):
    response = pro_client.post(
        "/pro/",
        {
            "nir": parent.person.nir,
            "birth_date": parent.child.birth_date.strftime("%d/%m/%Y"),
        },
    )
    assert response["Location"] == f"/pro/patients/{parent.child.pk}/"


def test_a_search_of_the_parent_does_not_open_the_child(pro_client, parent):
    search(pro_client, parent.person)
    assert pro_client.get(f"/pro/patients/{parent.child.pk}/").status_code == 404


def test_a_professional_adds_a_document_in_their_name(pro_client, professional, patient):
    search(pro_client, patient.person)
    response = pro_client.post(
        f"/pro/patients/{patient.person.pk}/ajouter-document/",
        {
            "file": _upload(),
            "name": "Compte rendu de consultation",
            "document_date": "10/03/2025",
            "category": "compte-rendu",
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(person=patient.person)
    assert document.professional == professional.professional
    assert document.added_by == "Hélène Leroy"
    assert AccessLogEntry.objects.filter(
        person=patient.person, actor=professional, action="create"
    ).exists()


def test_a_bad_file_is_refused_next_to_its_field(pro_client, patient):
    from django.core.files.uploadedfile import SimpleUploadedFile

    search(pro_client, patient.person)
    response = pro_client.post(
        f"/pro/patients/{patient.person.pk}/ajouter-document/",
        {
            "file": SimpleUploadedFile("x.pdf", b"not a pdf at all"),
            "name": "Compte rendu",
            "document_date": "10/03/2025",
            "category": "compte-rendu",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Document.objects.exists()


def test_a_blocked_professional_cannot_add_a_document(pro_client, professional, patient):
    ProfessionalBlock.objects.create(person=patient.person, professional=professional.professional)
    search(pro_client, patient.person)
    pro_client.post(
        f"/pro/patients/{patient.person.pk}/ajouter-document/",
        {
            "file": _upload(),
            "name": "Compte rendu",
            "document_date": "10/03/2025",
            "category": "compte-rendu",
        },
    )
    assert not Document.objects.exists()


def _upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("cr.pdf", pdf_bytes("Compte rendu"), content_type="application/pdf")
