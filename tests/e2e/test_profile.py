"""The medical profile in a browser: sections (search, add, change, delete), vaccination
reminders, the treating doctor, the synthèse (page, PDF, sharing); a phone; the keyboard."""

import io
from datetime import date

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from ens.medical_profile.models import Condition, ProfileShare, Vaccination
from tests.factories import ProfessionalFactory
from tests.space.people import child_of, patient

from .helpers import log_in

pytestmark = pytest.mark.e2e


def test_a_person_adds_changes_and_deletes_a_condition_found_by_search(page, site):
    camille = patient()
    log_in(page, camille, site.url)

    page.goto("/espace/profil/")
    page.get_by_role("link", name="Gérer : maladies et sujets de santé").click()
    page.get_by_role("link", name="Ajouter une maladie ou un sujet de santé").click()
    page.get_by_role("searchbox", name="Rechercher une maladie courante").fill("diabete")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="Diabète de type 2").click()
    expect(page.get_by_label("Maladie ou sujet de santé")).to_have_value("Diabète de type 2")

    page.get_by_label("Depuis le").fill("2030-01-01")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("La date ne peut pas être dans le futur.")).to_be_visible()
    expect(page.get_by_label("Maladie ou sujet de santé")).to_have_value("Diabète de type 2")
    page.get_by_label("Depuis le").fill("2019-06-01")
    page.get_by_label("Notes").fill("Suivi par le Dr Martin")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("L'information a été ajoutée.")).to_be_visible()
    expect(page.get_by_text("01/06/2019")).to_be_visible()

    page.get_by_role("link", name="Modifier : Diabète de type 2").click()
    page.get_by_label("Statut").select_option(label="Passé")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Passé", exact=True)).to_be_visible()

    page.get_by_role("link", name="Supprimer : Diabète de type 2").click()
    expect(page.get_by_text("Voulez-vous vraiment supprimer « Diabète de type 2 »")).to_be_visible()
    page.get_by_role("button", name="Supprimer définitivement").click()
    expect(page.get_by_text("L'information a été supprimée.")).to_be_visible()
    assert not Condition.objects.exists()


def test_vaccination_reminders_and_the_treating_doctor_from_the_directory(page, site):
    camille = patient()
    ProfessionalFactory(first_name="Claire", last_name="Martin", rpps="10101010101")
    log_in(page, camille, site.url)

    page.goto("/espace/profil/vaccinations/")
    expect(
        page.get_by_text("Diphtérie, tétanos, poliomyélite (et coqueluche) : rappel")
    ).to_be_visible()
    page.get_by_role("link", name="Ajouter une vaccination").click()
    page.get_by_label("Vaccination contre").select_option(
        label="Diphtérie, tétanos, poliomyélite (et coqueluche)"
    )
    page.get_by_label("Nom du vaccin").fill("Repevax")
    page.get_by_label("Date de la vaccination").fill("2016-04-01")
    page.get_by_label("Numéro de lot").fill("X123")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Repevax (01/04/2016)")).to_be_visible()
    expect(
        page.get_by_text("Diphtérie, tétanos, poliomyélite (et coqueluche) : rappel")
    ).to_have_count(0)
    assert Vaccination.objects.get().lot == "X123"

    page.goto("/espace/profil/medecin-traitant/")
    page.get_by_role("link", name="Renseigner mon médecin traitant").click()
    page.get_by_role("searchbox", name="Nom ou numéro RPPS du médecin").fill("Martin")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="Dr Claire Martin, médecin généraliste").click()
    expect(page.get_by_text("Choisi dans l’annuaire")).to_be_visible()
    page.get_by_role("button", name="Enregistrer").click()
    expect(
        page.get_by_role("heading", name="Dr Claire Martin, médecin généraliste")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Renseigner mon médecin traitant")).to_have_count(0)


def test_the_synthese_is_downloaded_as_pdf_and_shared_then_withdrawn(page, site):
    camille = patient()
    Condition.objects.create(person=camille.person, name="Asthme")
    ProfessionalFactory(first_name="Claire", last_name="Martin")
    log_in(page, camille, site.url)

    page.goto("/espace/profil/")
    page.get_by_role("link", name="Voir et partager ma synthèse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Synthèse du profil médical")
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger la synthèse (PDF)").click()
    content = download.value.path().read_bytes()
    assert "Asthme" in PdfReader(io.BytesIO(content)).pages[0].extract_text()

    page.get_by_role("link", name="Partager avec un professionnel").click()
    page.get_by_role("searchbox", name="Nom ou numéro RPPS du professionnel").fill("martin")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("button", name="Partager avec Dr Claire Martin").click()
    expect(page.get_by_text("Votre synthèse est partagée avec Dr Claire Martin")).to_be_visible()
    page.get_by_role("button", name="Retirer le partage avec Dr Claire Martin").click()
    expect(page.get_by_text("Le partage avec Dr Claire Martin")).to_be_visible()
    expect(
        page.get_by_text("Votre synthèse n’est partagée avec aucun professionnel.")
    ).to_be_visible()
    assert ProfileShare.objects.get().revoked_at is not None


def _tab_to(page, locator, limit: int = 80) -> None:
    """Press Tab until `locator` has the focus, as a keyboard-only person would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError("never reached by the keyboard")


def test_a_parent_adds_a_childs_allergy_with_the_keyboard_alone_on_a_phone(page, site):
    parent = patient("Bruno", "Petit")
    child_of(parent, "Nino", birth_date=date(2020, 2, 2))
    log_in(page, parent, site.url)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/espace/profils/")
    page.get_by_role("button", name="Nino").first.click()

    page.goto("/espace/profil/allergies/ajouter/")
    _tab_to(page, page.get_by_label("Substance ou aliment en cause"))
    page.keyboard.type("Arachide")
    _tab_to(page, page.get_by_label("Type"))
    page.keyboard.press("ArrowDown")  # "Allergie alimentaire"
    _tab_to(page, page.get_by_label("Sévérité"))
    page.keyboard.press("Home")  # "Légère"
    _tab_to(page, page.get_by_role("button", name="Enregistrer"))
    page.keyboard.press("Enter")

    expect(page.get_by_text("L'information a été ajoutée.")).to_be_visible()
    expect(page.get_by_role("heading", name="Arachide")).to_be_visible()
    expect(page.get_by_text("Allergie alimentaire")).to_be_visible()
    page.goto("/espace/profil/")
    expect(page.get_by_text("Profil affiché")).to_contain_text("Nino")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
