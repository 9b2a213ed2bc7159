"""Login, recovery and logout in a browser (issue 5 items 1-3), with the demo outbox's codes."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from ens.medical_profile.models import MedicalProfile
from ens.notifications.selectors import latest_outbox_message
from tests.factories import PASSWORD, InsuredPersonFactory, UserFactory

from .conftest import ARTIFACTS

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "Une-Phrase-Neuve-2026"


def camille():
    person = InsuredPersonFactory(
        first_name="Camille",
        last_name="Durand",
        email="camille.durand@example.fr",
        mobile="+33698765432",
    )
    MedicalProfile.objects.create(person=person, first_visit_done_at=timezone.now())
    return UserFactory(patient=True, person=person, username="camille.durand")


def code_for(to: str) -> str:
    return re.search(r"\b(\d{6})\b", latest_outbox_message(to).body_text).group(1)


def prove_identity(page: Page, user) -> None:
    person = user.person
    page.get_by_label("Numéro de sécurité sociale").fill(person.nir)
    page.get_by_label("Date de naissance").fill(person.birth_date.strftime("%d/%m/%Y"))
    page.get_by_text("Carte Vitale avec photo", exact=True).click()
    page.get_by_label("Numéro de série de carte Vitale").fill(person.carte_vitale.serial)
    page.get_by_role("button", name="Continuer").click()


def test_a_person_logs_in_with_the_emailed_code_then_logs_out(page, site):
    user = camille()
    page.goto("/connexion/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Je m'identifie")
    page.get_by_label("Mon identifiant").fill(user.username)
    page.get_by_label("Mon mot de passe").fill("pas le bon")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_text("Identifiant ou mot de passe incorrect")).to_be_visible()
    expect(page.get_by_label("Mon identifiant")).to_have_value(user.username)

    page.get_by_label("Mon mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Je choisis le mode de réception de mon code d'accès"
    )
    expect(page.get_by_text("Par SMS : +33 6 ** ** ** 32")).to_be_visible()
    page.get_by_text("Par e-mail : c*****@example.fr").click()
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Je saisis le code d'accès")
    expect(page.get_by_text("Le code a été envoyé à l'adresse c*****@example.fr")).to_be_visible()
    page.get_by_label("Code d'accès à usage unique").fill(code_for(user.email))
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Camille")

    page.get_by_role("button", name="Menu de Camille").click()
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vous êtes déconnecté")
    page.goto("/espace/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Je m'identifie")


def test_a_phone_user_logs_in_by_sms_with_the_keyboard_alone(page, site):
    user = camille()
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/connexion/")
    page.get_by_label("Mon identifiant").focus()
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")  # "Identifiant oublié ?"
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    expect(page.get_by_label("Par SMS : +33 6 ** ** ** 32")).to_be_attached()
    page.get_by_label("Par e-mail : c*****@example.fr").focus()
    page.keyboard.press("ArrowDown")  # to the SMS radio
    page.keyboard.press("Enter")

    expect(page.get_by_text("envoyé par SMS au +33 6 ** ** ** 32")).to_be_visible()
    page.get_by_label("Code d'accès à usage unique").focus()
    page.wait_for_timeout(300)
    page.screenshot(path=ARTIFACTS / "login_code_phone.png", full_page=True)
    page.keyboard.type(code_for(user.mobile))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Camille")


def test_a_forgotten_identifier_is_sent_after_the_code(page, site):
    user = camille()
    page.goto("/connexion/")
    page.get_by_role("link", name="Identifiant oublié ?").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("J'ai oublié mon identifiant")
    prove_identity(page, user)
    page.get_by_text("Par e-mail").click()
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Code d'accès à usage unique").fill(code_for(user.email))
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mon identifiant est envoyé !")
    assert user.username in latest_outbox_message(user.email).body_text


def test_a_forgotten_password_is_replaced_with_the_live_checklist(page, site):
    user = camille()
    page.goto("/connexion/")
    page.get_by_role("link", name="Mot de passe oublié ?").click()
    prove_identity(page, user)
    page.get_by_text("Par SMS").click()
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Code d'accès à usage unique").fill(code_for(user.mobile))
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Je choisis mon nouveau mot de passe"
    )
    page.get_by_label("Nouveau mot de passe", exact=True).fill("court")
    expect(page.locator("[data-rule=length]")).to_have_class(re.compile("fr-message--info"))
    expect(page.locator("[data-rule=lower]")).to_have_class(re.compile("fr-message--valid"))
    page.get_by_label("Nouveau mot de passe", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirmer le nouveau mot de passe").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Valider").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mon mot de passe est modifié !")
    page.get_by_role("link", name="Se connecter").last.click()
    page.get_by_label("Mon identifiant").fill(user.username)
    page.get_by_label("Mon mot de passe").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("mode de réception")
