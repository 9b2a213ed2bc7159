"""The synthèse: one page, a real PDF, shared with chosen professionals and withdrawn."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader

from ens.access.models import AccessLogEntry
from ens.measures.kinds import Kind
from ens.measures.models import Measurement
from ens.medical_profile.models import (
    Allergy,
    Condition,
    MedicalProfile,
    ProfileShare,
    TreatingDoctor,
    Treatment,
    Vaccination,
)
from tests.factories import ProfessionalFactory

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def full_profile(camille):
    person = camille.person
    MedicalProfile.objects.filter(person=person).update(has_allergies=True)
    Condition.objects.create(person=person, name="Asthme", start_date=date(2010, 5, 1))
    Treatment.objects.create(person=person, name="Ventoline", dose="2 bouffées si besoin")
    Allergy.objects.create(
        person=person, substance="Pénicilline", kind="drug", reaction="Œdème", severity="severe"
    )
    Vaccination.objects.create(person=person, target="dtp", given_on=date(2016, 4, 1), lot="A12")
    TreatingDoctor.objects.create(
        person=person, professional=ProfessionalFactory(first_name="Claire", last_name="Martin")
    )
    Measurement.objects.create(
        person=person, kind=Kind.WEIGHT, value=Decimal("64.5"), measured_at=timezone.now()
    )
    return camille


def test_the_summary_page_shows_every_section_and_the_latest_measurements(client, full_profile):
    client.force_login(full_profile)

    html = client.get("/espace/profil/synthese/").content.decode()

    for text in (
        "Asthme",
        "Ventoline",
        "Pénicilline",
        "Sévère",
        "A12",
        "Dr Claire Martin",
        "Poids : 64,5",
        "Allergies : oui",
    ):
        assert text in html


def test_the_summary_downloads_as_a_one_page_pdf_with_the_profile(client, full_profile):
    client.force_login(full_profile)

    response = client.get("/espace/profil/synthese/pdf/")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="synthese-camille-durand.pdf"'
    pages, text = _pdf_text(response.content)
    assert pages == 1
    for fact in (
        "Camille Durand",
        "Asthme",
        "Ventoline",
        "Pénicilline",
        "OEdème",
        "64,5 kg",
        "Dr Claire Martin",
    ):
        assert fact in text


def test_reading_and_downloading_the_summary_are_recorded(client, full_profile):
    client.force_login(full_profile)

    client.get("/espace/profil/synthese/")
    client.get("/espace/profil/synthese/pdf/")

    entries = AccessLogEntry.objects.filter(person=full_profile.person).order_by("seq")
    assert [(e.action, e.resource) for e in entries] == [
        ("read", "Mesures de santé — dernières valeurs"),
        ("read", "Synthèse du profil médical"),
        ("read", "Mesures de santé — dernières valeurs"),
        ("download", "Synthèse du profil médical"),
    ]


def test_an_empty_profile_still_gives_a_pdf(client, camille):
    client.force_login(camille)

    pages, text = _pdf_text(client.get("/espace/profil/synthese/pdf/").content)

    assert pages == 1
    assert "Aucun traitement pour le moment." in text


def test_the_directory_is_searched_by_name_on_the_sharing_page(client, camille):
    ProfessionalFactory(first_name="Claire", last_name="Martin")
    ProfessionalFactory(first_name="Paul", last_name="Girard")
    client.force_login(camille)

    html = client.get("/espace/profil/synthese/partage/", {"q": "martin"}).content.decode()

    assert "Dr Claire Martin" in html
    assert "Girard" not in html


def test_the_summary_is_shared_with_a_chosen_professional_and_recorded(client, camille):
    doctor = ProfessionalFactory(first_name="Claire", last_name="Martin")
    client.force_login(camille)

    response = client.post("/espace/profil/synthese/partage/ajouter/", {"professional": doctor.pk})

    assert response.status_code == 302
    share = ProfileShare.objects.get()
    assert (share.person, share.professional, share.by) == (camille.person, doctor, camille)
    assert share.revoked_at is None
    entry = AccessLogEntry.objects.get(person=camille.person)
    assert (entry.action, entry.resource) == ("share", "Synthèse du profil médical")
    assert "Claire Martin" in entry.detail
    assert "Dr Claire Martin" in client.get("/espace/profil/synthese/partage/").content.decode()


def test_sharing_twice_with_the_same_professional_keeps_one_share(client, camille):
    doctor = ProfessionalFactory()
    client.force_login(camille)

    client.post("/espace/profil/synthese/partage/ajouter/", {"professional": doctor.pk})
    client.post("/espace/profil/synthese/partage/ajouter/", {"professional": doctor.pk})

    assert ProfileShare.objects.count() == 1


def test_an_unknown_professional_is_a_404(client, camille):
    client.force_login(camille)

    for value in ("999999", "abc", ""):
        response = client.post("/espace/profil/synthese/partage/ajouter/", {"professional": value})
        assert response.status_code == 404
    assert not ProfileShare.objects.exists()


def test_a_share_is_withdrawn_and_kept_dated(client, camille):
    share = ProfileShare.objects.create(person=camille.person, professional=ProfessionalFactory())
    client.force_login(camille)

    response = client.post(f"/espace/profil/synthese/partage/{share.pk}/retirer/")

    assert response.status_code == 302
    share.refresh_from_db()
    assert share.revoked_at is not None
    assert AccessLogEntry.objects.get(person=camille.person).detail.startswith("Partage retiré")


def test_a_withdrawn_share_can_be_given_again(client, camille):
    doctor = ProfessionalFactory()
    ProfileShare.objects.create(
        person=camille.person, professional=doctor, revoked_at=timezone.now()
    )
    client.force_login(camille)

    client.post("/espace/profil/synthese/partage/ajouter/", {"professional": doctor.pk})

    assert ProfileShare.objects.filter(revoked_at__isnull=True).count() == 1


def test_sharing_pages_refuse_a_get_to_their_actions(client, camille):
    client.force_login(camille)

    assert client.get("/espace/profil/synthese/partage/ajouter/").status_code == 405


def test_a_stranger_cannot_withdraw_someone_elses_share(client, camille, stranger):
    share = ProfileShare.objects.create(person=camille.person, professional=ProfessionalFactory())
    client.force_login(stranger)

    response = client.post(f"/espace/profil/synthese/partage/{share.pk}/retirer/")

    assert response.status_code == 404
    share.refresh_from_db()
    assert share.revoked_at is None


def test_a_stranger_never_sees_someone_elses_summary(client, full_profile, stranger):
    client.force_login(stranger)

    html = client.get("/espace/profil/synthese/").content.decode()
    _pages, text = _pdf_text(client.get("/espace/profil/synthese/pdf/").content)

    assert "Ventoline" not in html and "Ventoline" not in text
    assert not AccessLogEntry.objects.filter(person=full_profile.person).exists()


def test_the_childs_summary_is_the_childs_and_shared_for_the_child(client, christian, lea):
    Treatment.objects.create(person=lea, name="Sirop pour la toux")
    doctor = ProfessionalFactory()
    client.force_login(christian)

    parents = client.get("/espace/profil/synthese/").content.decode()
    client.post("/espace/profils/ouvrir/", {"profile": lea.pk})
    childs = client.get("/espace/profil/synthese/").content.decode()
    client.post("/espace/profil/synthese/partage/ajouter/", {"professional": doctor.pk})

    assert "Sirop pour la toux" not in parents
    assert "Sirop pour la toux" in childs
    assert ProfileShare.objects.get().person == lea
