"""The last activation steps in a browser: contacts check with a change confirmed by code,
identifier and password with the live checklist and the eye button, success page.

The first test comes through the real identification and decision pages (the hand-over).
The others start where the decision page ends: `_identified` puts its result in a
server-side session made with Django's SessionStore and hands the browser that session's
cookie, exactly what the decision page leaves after "J'active Mon espace santé" and the CGU.
"""

import re

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

from ens.accounts.models import User
from ens.notifications.selectors import latest_outbox_message
from tests.accounts.helpers import activation_state, christian
from tests.activation import people
from tests.e2e.conftest import ARTIFACTS

pytestmark = pytest.mark.e2e

NEW_EMAIL = "christian.nouveau@example.fr"
PASSWORD = "Brume-Lointaine-42"


def _identified(page, site, **extra) -> None:
    person = christian()
    session = SessionStore()
    session["activation"] = {**activation_state(person), **extra}
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": site.url}]
    )


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(300)
    page.screenshot(path=ARTIFACTS / f"activation_credentials_{name}.png", full_page=True)


def _code_sent_to(address: str) -> str:
    return re.search(r"\b(\d{6})\b", latest_outbox_message(address).body_text).group(1)


def _tick(page, label: str) -> None:
    box = page.get_by_label(label)
    page.locator(f"label[for='{box.get_attribute('id')}']").click()


def _identify_and_choose_to_activate(page) -> None:
    """Je m'identifie (provisional code, NIR, carte Vitale), then J'active and the CGU."""
    _record, code = people.code_for(people.christian())
    page.goto("/activation/je-m-identifie/")
    page.get_by_label("Code provisoire composé de 12 caractères").fill(code)
    page.get_by_label("Numéro de sécurité sociale").fill(people.CHRISTIAN_NIR)
    page.get_by_role("button", name="Continuer").click()
    _tick(page, "Carte Vitale avec photo")
    page.get_by_label("Numéro de série de carte Vitale").fill(people.CHRISTIAN_SERIAL)
    page.get_by_role("button", name="Continuer").click()
    _tick(page, "J'active Mon espace santé")
    _tick(page, "J'accepte les Conditions Générales d'Utilisation")
    page.get_by_role("button", name="Continuer").click()


def test_an_e_mail_change_is_confirmed_by_a_code_sent_to_the_new_address(page, site):
    _identify_and_choose_to_activate(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Je vérifie mes coordonnées de contact"
    )
    expect(page.get_by_text("christian@example.fr")).to_be_visible()
    expect(page.get_by_text("+33 7 12 34 56 78")).to_be_visible()
    _shot(page, "1_contacts")

    page.get_by_role("link", name="Modifier l'adresse e-mail").click()
    page.get_by_label("Nouvelle adresse e-mail").fill(NEW_EMAIL)
    page.get_by_role("button", name="Recevoir le code").click()
    expect(page.get_by_text(NEW_EMAIL)).to_be_visible()
    page.get_by_label("Code de vérification").fill(_code_sent_to(NEW_EMAIL))
    _shot(page, "2_code")
    page.get_by_role("button", name="Valider").click()

    expect(page.get_by_text("Votre adresse e-mail a bien été modifiée.")).to_be_visible()
    expect(page.get_by_text(NEW_EMAIL)).to_be_visible()
    expect(page.get_by_text("christian@example.fr")).to_have_count(0)


def _rule(page, key: str):
    return page.locator(f'[data-ens-checklist] [data-rule="{key}"]')


def test_the_checklist_turns_green_while_typing_and_the_eye_shows_the_password(page, site):
    _identified(page, site, contacts_checked=True)
    page.goto("/activation/identifiant/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Je choisis mon identifiant et mon mot de passe"
    )
    # The rules are there before anything is typed, none of them met yet.
    for key in ["length", "lower", "upper", "digit", "special"]:
        expect(_rule(page, key)).to_have_class(re.compile("fr-message--info"))

    page.get_by_label("Identifiant").fill("christian.dupont")
    password = page.get_by_label("Mot de passe", exact=True)
    password.press_sequentially("brume")
    expect(_rule(page, "lower")).to_have_class(re.compile("fr-message--valid"))
    expect(_rule(page, "upper")).to_have_class(re.compile("fr-message--info"))
    password.press_sequentially("-L")
    expect(_rule(page, "upper")).to_have_class(re.compile("fr-message--valid"))
    expect(_rule(page, "special")).to_have_class(re.compile("fr-message--valid"))
    expect(_rule(page, "length")).to_have_class(re.compile("fr-message--info"))
    password.press_sequentially("ointaine-42")
    for key in ["length", "lower", "upper", "digit", "special"]:
        expect(_rule(page, key)).to_have_class(re.compile("fr-message--valid"))

    eye = page.get_by_role("button", name="Afficher le mot de passe")
    eye.click()
    expect(password).to_have_attribute("type", "text")
    expect(password).to_have_value("brume-Lointaine-42")
    _shot(page, "3_credentials_revealed")
    page.get_by_role("button", name="Masquer le mot de passe").click()
    expect(password).to_have_attribute("type", "password")

    page.get_by_label("Confirmer le mot de passe").fill("brume-Lointaine-42")
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Mon espace santé a bien été activé !"
    )
    expect(page.get_by_role("link", name="Se connecter à Mon espace santé").last).to_have_attribute(
        "href", "/connexion/"
    )
    assert User.objects.get(username="christian.dupont").check_password("brume-Lointaine-42")
    _shot(page, "4_done")


def _tab_to(page, name: str, limit: int = 60) -> None:
    """Press Tab until the focused element's text or label is `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return (e.labels && e.labels[0] ? e.labels[0].innerText : e.innerText || '').trim() }"
        )
        if focused.startswith(name):
            return
    raise AssertionError(f"{name!r} never got the focus")


def test_a_phone_user_goes_through_every_step_with_the_keyboard_alone(page, site):
    page.set_viewport_size({"width": 375, "height": 740})
    _identified(page, site)
    page.goto("/activation/coordonnees/")
    _tab_to(page, "Continuer")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Je choisis mon identifiant")
    _tab_to(page, "Identifiant")
    page.keyboard.type("christian.dupont")
    _tab_to(page, "Mot de passe")
    page.keyboard.type("court")
    page.keyboard.press("Tab")  # the eye button comes right after the password
    page.keyboard.press("Enter")
    expect(page.get_by_label("Mot de passe", exact=True)).to_have_attribute("type", "text")
    _tab_to(page, "Confirmer le mot de passe")
    page.keyboard.type("court")
    _tab_to(page, "Valider")
    page.keyboard.press("Enter")

    # Without a valid password the server says what is missing, and keeps the identifier.
    expect(page.get_by_label("Identifiant")).to_have_value("christian.dupont")
    expect(_rule(page, "length")).to_have_class(re.compile("fr-message--error"))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    _shot(page, "5_phone_errors")

    # The focus is on the first field in error: the password.
    page.keyboard.type(PASSWORD)
    _tab_to(page, "Confirmer le mot de passe")
    page.keyboard.type(PASSWORD)
    _tab_to(page, "Valider")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Mon espace santé a bien été activé !"
    )
    _shot(page, "6_phone_done")
