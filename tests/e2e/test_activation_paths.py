"""Activation and opposition in a browser, as Christian of design §7 would go through them."""

import io

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from ens.activation.models import HealthSpace, SpaceState
from ens.notifications.selectors import latest_outbox_message
from tests.activation.people import (
    CHRISTIAN_EMAIL,
    CHRISTIAN_NIR,
    CHRISTIAN_SERIAL,
    christian,
    code_for,
    code_in,
    lea,
)

pytestmark = pytest.mark.e2e
SHOTS = "test-artifacts"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def choose(page, label: str) -> None:
    """Tick a radio button or a checkbox by clicking its label, as a person does."""
    box = page.get_by_label(label)
    page.locator(f"label[for='{box.get_attribute('id')}']").click()
    expect(box).to_be_checked()


def identify(page, code: str) -> None:
    """Je m'identifie from the start page: code and NIR, then the carte Vitale."""
    page.goto("/activation/")
    page.get_by_role("link", name="Commencer").click()
    page.get_by_label("Code provisoire composé de 12 caractères").fill(code)
    page.get_by_label("Numéro de sécurité sociale").fill(CHRISTIAN_NIR)
    page.get_by_role("button", name="Continuer").click()
    choose(page, "Carte Vitale avec photo")
    page.get_by_label("Numéro de série de carte Vitale").fill(CHRISTIAN_SERIAL)
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je prends ma décision")


def test_a_new_code_then_opposition_with_its_receipt_then_the_date_on_coming_back(page):
    christian()
    page.goto("/activation/")
    page.get_by_role("link", name="Générer un nouveau code provisoire").click()
    page.get_by_label("Numéro de sécurité sociale").fill(CHRISTIAN_NIR)
    page.get_by_label("Date de naissance (JJ/MM/AAAA)").fill("14/12/1984")
    choose(page, "Carte Vitale avec photo")
    page.get_by_label("Numéro de série de carte Vitale").fill(CHRISTIAN_SERIAL)
    page.get_by_text("Où trouver mon numéro de série de carte Vitale ?").click()
    expect(page.get_by_text("entre la photo et le bord de la carte")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/activation_new_code.png", full_page=True)
    page.get_by_role("button", name="Continuer").click()

    choose(page, "Par e-mail : c*****@example.fr")
    expect(page.get_by_label("Par SMS : +33 7 ** ** ** 78")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/activation_new_code_channel.png", full_page=True)
    page.get_by_role("button", name="Valider").click()
    expect(
        page.get_by_text("Un nouveau code provisoire a été envoyé à c*****@example.fr")
    ).to_be_visible()
    code = code_in(latest_outbox_message(CHRISTIAN_EMAIL).body_text)
    page.get_by_label("Code provisoire composé de 12 caractères").fill(f" {code} ")
    page.get_by_role("button", name="Valider").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Je prends ma décision")
    page.screenshot(path=f"{SHOTS}/activation_decision.png", full_page=True)
    choose(page, "Je m'oppose à la création de Mon espace santé")
    page.get_by_role("button", name="Continuer").click()
    choose(page, "Je valide l'opposition à la création de Mon espace santé")
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ma décision a bien été prise en compte"
    )
    page.screenshot(path=f"{SHOTS}/activation_opposed.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le justificatif (format .pdf)").click()
    pdf = download.value.path().read_bytes()
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Votre justificatif d'opposition" in text
    assert HealthSpace.objects.get().state == SpaceState.OPPOSED

    _record, new_code = code_for(HealthSpace.objects.get().person)
    identify(page, new_code)
    today = timezone.localdate().strftime("%d/%m/%Y")
    expect(
        page.get_by_text(f"Vous vous êtes opposé à la création de Mon espace santé le {today}.")
    ).to_be_visible()
    expect(page.get_by_label("J'active Mon espace santé")).to_be_visible()
    expect(page.get_by_label("Je m'oppose à la création de Mon espace santé")).to_have_count(0)


def test_a_parent_manages_a_childs_profile_after_deciding_for_himself(page):
    parent = christian()
    child = lea(parent)
    _record, code = code_for(parent)
    identify(page, code)
    choose(page, "Je m'oppose à la création de Mon espace santé")
    page.get_by_role("button", name="Continuer").click()
    choose(page, "Je valide l'opposition à la création de Mon espace santé")
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_text("Vous pouvez également gérer les profils ci-dessous.")).to_be_visible()
    choose(page, "Léa DUPONT — en attente de décision")
    page.get_by_role("button", name="Gérer le profil").click()
    expect(
        page.get_by_text("Je gère le profil de Léa DUPONT, né(e) le 03/05/2015.")
    ).to_be_visible()
    choose(page, "J'active Mon espace santé")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_text("Pour activer Mon espace santé, acceptez les")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/activation_child_cgu_error.png", full_page=True)
    choose(page, "J'accepte les Conditions Générales d'Utilisation")
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Le profil de Léa a bien été activé !"
    )
    assert HealthSpace.objects.get(person=child).state == SpaceState.ACTIVE


def _tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"{selector} never got the focus")


def test_a_used_code_gets_its_page_with_the_keyboard_alone(page):
    person = christian()
    record, code = code_for(person)
    record.used_at = timezone.now()
    record.save()

    page.goto("/activation/je-m-identifie/")
    _tab_to(page, "#id_code")
    page.keyboard.type(code)
    _tab_to(page, "#id_nir")
    page.keyboard.type(CHRISTIAN_NIR)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Votre code provisoire a déjà été utilisé"
    )
    page.screenshot(path=f"{SHOTS}/activation_code_used.png", full_page=True)
    _tab_to(page, "main a.fr-btn")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Je génère un nouveau code provisoire"
    )


def test_an_expired_code_gets_its_page(page):
    _record, code = code_for(christian(), expired=True)

    page.goto("/activation/je-m-identifie/")
    page.get_by_label("Code provisoire composé de 12 caractères").fill(code)
    page.get_by_label("Numéro de sécurité sociale").fill(CHRISTIAN_NIR)
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Votre code provisoire a expiré")
    expect(page.get_by_role("link", name="Générer un nouveau code")).to_be_visible()


def test_the_new_code_form_fits_a_phone_and_shows_errors_next_to_fields(browser, site):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="fr-FR")
    phone = context.new_page()
    phone.goto(site.url + "/activation/nouveau-code/")
    phone.get_by_label("Numéro de sécurité sociale").fill("1 84 12 76 451 089 47")
    phone.get_by_label("Date de naissance (JJ/MM/AAAA)").fill("31/02/1984")
    phone.get_by_role("button", name="Continuer").click()
    expect(phone.get_by_text("Saisissez une date de naissance valide")).to_be_visible()
    expect(phone.get_by_label("Numéro de sécurité sociale")).to_have_value("1 84 12 76 451 089 47")
    width = phone.evaluate("document.documentElement.scrollWidth")
    phone.screenshot(path=f"{SHOTS}/activation_new_code_phone.png", full_page=True)
    context.close()
    assert width <= 375
