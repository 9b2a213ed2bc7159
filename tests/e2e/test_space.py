"""The space in a browser: first visit, home, profiles of children, phone, keyboard."""

from datetime import date

import pytest
from playwright.sync_api import expect

from ens.medical_profile.models import MedicalProfile
from tests.space.people import child_of, patient

from .helpers import log_in

pytestmark = pytest.mark.e2e


def test_a_newcomer_answers_the_five_questions_then_reaches_the_home(page, site):
    nina = patient("Nina", "Petit", first_visit_done=False)
    log_in(page, nina, site.url)

    page.goto("/espace/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bienvenue")
    page.get_by_role("link", name="Commencer").click()

    expect(page.get_by_text("Question 1 sur 5")).to_be_visible()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_text("Le champ est obligatoire.")).to_be_visible()
    page.get_by_label("Quelle est ma taille ?").fill("1,75")
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_text("Question 2 sur 5")).to_be_visible()
    page.get_by_label("Quel est mon poids ?").fill("500")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_text("comprise entre 1 kg et 350 kg")).to_be_visible()
    expect(page.get_by_label("Quel est mon poids ?")).to_have_value("500")
    page.get_by_label("Quel est mon poids ?").fill("62,5")
    page.get_by_role("button", name="Continuer").click()

    for rank, answer in ((3, "Oui"), (4, "Non"), (5, "Non")):
        expect(page.get_by_text(f"Question {rank} sur 5")).to_be_visible()
        page.get_by_text(answer, exact=True).click()  # the DSFR draws the radio in the label
        page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Merci !")
    page.get_by_role("link", name="Accéder à Mon espace santé").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Nina")
    profile = MedicalProfile.objects.get(person=nina.person)
    assert (str(profile.height_m), str(profile.weight_kg)) == ("1.75", "62.5")
    assert (profile.has_diseases, profile.has_treatments, profile.has_allergies) == (
        True,
        False,
        False,
    )


def test_a_newcomer_skips_the_questions(page, site):
    log_in(page, patient("Nina", "Petit", first_visit_done=False), site.url)

    page.goto("/espace/")
    page.get_by_role("link", name="Commencer").click()
    page.get_by_role("button", name="Passer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Nina")
    page.goto("/espace/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Nina")


def test_the_home_shows_the_sections_and_the_empty_documents(page, site):
    log_in(page, patient(), site.url)

    page.goto("/espace/")

    nav = page.get_by_role("navigation", name="Menu principal")
    for name in ("Accueil", "Profil médical", "Documents", "Messagerie"):
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="Compléter mon profil médical")).to_be_visible()
    expect(main.get_by_role("link", name="Ajouter un document de santé")).to_be_visible()
    for heading in ("Informations", "Mes ordonnances", "Mes vaccinations"):
        expect(main.get_by_role("heading", name=heading)).to_be_visible()
    expect(main.get_by_text("Aucun document pour le moment")).to_be_visible()
    expect(main.get_by_role("heading", name="Vos données sont sécurisées")).to_be_visible()
    nav.get_by_role("link", name="Messagerie", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Messagerie")


def test_a_parent_switches_to_the_childs_profile_and_back(page, site):
    christian = patient("Christian", "Dupont", birth_date=date(1984, 12, 14))
    child_of(christian, "Léa")
    log_in(page, christian, site.url)
    page.goto("/espace/")

    page.get_by_role("button", name="Menu de Christian").click()
    page.get_by_role("button", name="Profil de Léa Dupont").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Profil de Léa")
    expect(page.get_by_text("Profil affiché : Léa Dupont (profil rattaché)")).to_be_visible()

    page.get_by_role("button", name="Menu de Christian").click()
    page.get_by_role("button", name="Mon profil (Christian Dupont)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Christian")


def test_the_home_fits_a_phone_screen(page, site):
    log_in(page, patient(), site.url)
    page.set_viewport_size({"width": 375, "height": 740})

    page.goto("/espace/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Camille")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def _tab_to(page, locator, limit: int = 40) -> None:
    """Press Tab until `locator` has the focus, as a keyboard-only person would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{locator} never got the focus")


def test_the_first_visit_can_be_done_with_the_keyboard_alone(page, site):
    nina = patient("Nina", "Petit", first_visit_done=False)
    log_in(page, nina, site.url)
    page.goto("/espace/")

    _tab_to(page, page.get_by_role("link", name="Commencer"))
    page.keyboard.press("Enter")
    _tab_to(page, page.get_by_label("Quelle est ma taille ?"))
    page.keyboard.type("1,62")
    page.keyboard.press("Enter")
    _tab_to(page, page.get_by_label("Quel est mon poids ?"))
    page.keyboard.type("58")
    page.keyboard.press("Enter")
    for _ in range(3):
        expect(page.get_by_text("sur 5")).to_be_visible()
        _tab_to(page, page.get_by_label("Oui"))
        page.keyboard.press("Space")
        page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Merci !")
    assert MedicalProfile.objects.get(person=nina.person).has_allergies is True
