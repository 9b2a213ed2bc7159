"""Forgotten identifier and forgotten password (issue 5 item 2, seed 004)."""

from html import unescape

import pytest
from django.test import Client

from ens.activation.forms import VITALE_WITH_PHOTO, VITALE_WITHOUT_PHOTO
from ens.login.models import LoginChallenge
from ens.notifications.selectors import latest_outbox_message
from tests.factories import PASSWORD

from .helpers import log_in_with_code, read_code, submit_password

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Nouveau-Secret-Solide-2026"


def html(response) -> str:
    return unescape(response.content.decode())


def identity(user, **changes) -> dict:
    person = user.person
    card = person.carte_vitale
    data = {
        "nir": person.nir,
        "birth_date": person.birth_date.strftime("%d/%m/%Y"),
        "vitale_type": VITALE_WITH_PHOTO if card.has_photo else VITALE_WITHOUT_PHOTO,
        "vitale_serial": card.serial,
    }
    return data | changes


def prove(client, user, base: str, **changes):
    """Identity proof and channel: the code is in the outbox."""
    client.post(f"{base}/", identity(user, **changes))
    return client.post(f"{base}/methode/", {"channel": "email"})


IDENTIFIER = "/connexion/identifiant-oublie"
PASSWORD_FLOW = "/connexion/mot-de-passe-oublie"


def recover_password(client, user, password: str = NEW_PASSWORD):
    prove(client, user, PASSWORD_FLOW)
    client.post(f"{PASSWORD_FLOW}/code/", {"code": read_code(user.email)})
    return client.post(
        f"{PASSWORD_FLOW}/nouveau/", {"password": password, "password_confirm": password}
    )


# --- Forgotten identifier ---


def test_the_identifier_is_sent_after_the_identity_proof_and_the_code(client, patient):
    assert prove(client, patient, IDENTIFIER).url == f"{IDENTIFIER}/code/"
    response = client.post(f"{IDENTIFIER}/code/", {"code": read_code(patient.email)})
    assert response.url == f"{IDENTIFIER}/envoye/"
    assert "Mon identifiant est envoyé !" in html(client.get(response.url))
    assert patient.username in latest_outbox_message(patient.email).body_text


def test_the_identifier_is_not_sent_without_the_code(client, patient):
    prove(client, patient, IDENTIFIER)
    client.post(f"{IDENTIFIER}/code/", {"code": "000000"})
    assert patient.username not in latest_outbox_message(patient.email).body_text
    assert client.get(f"{IDENTIFIER}/envoye/").url == f"{IDENTIFIER}/"


def test_a_wrong_identity_proof_gets_a_message_that_names_no_part(client, patient):
    page = html(client.post(f"{IDENTIFIER}/", identity(patient, vitale_serial="9999999999")))
    assert "ne permettent pas de retrouver un compte" in page
    assert not LoginChallenge.objects.exists()


def test_a_person_without_account_cannot_recover(client, christian):
    data = {
        "nir": christian.nir,
        "birth_date": christian.birth_date.strftime("%d/%m/%Y"),
        "vitale_type": VITALE_WITH_PHOTO,
        "vitale_serial": christian.carte_vitale.serial,
    }
    assert "ne permettent pas" in html(client.post(f"{IDENTIFIER}/", data))


def test_identity_proofs_are_limited(client, patient):
    for _ in range(5):
        client.post(f"{IDENTIFIER}/", identity(patient, vitale_serial="9999999999"))
    page = html(client.post(f"{IDENTIFIER}/", identity(patient)))
    assert "Trop de tentatives. Réessayez dans" in page


def test_a_badly_typed_nir_is_explained_next_to_its_field(client):
    page = html(client.post(f"{IDENTIFIER}/", {"nir": "123", "birth_date": "32/13/1990"}))
    assert 'value="123"' in page
    assert "fr-input-group--error" in page


# --- Forgotten password ---


def test_a_new_password_is_chosen_after_the_identity_proof_and_the_code(client, patient):
    assert recover_password(client, patient).url == f"{PASSWORD_FLOW}/modifie/"
    assert "Mon mot de passe est modifié !" in html(client.get(f"{PASSWORD_FLOW}/modifie/"))
    assert submit_password(Client(), patient, password=NEW_PASSWORD).url == "/connexion/methode/"
    assert submit_password(Client(), patient, password=PASSWORD).status_code == 200


def test_the_new_password_follows_the_activation_rules(client, patient):
    page = html(recover_password(client, patient, password="motdepasse"))
    assert "critère non rempli" in page or "ne respecte pas tous les critères" in page
    assert "1 lettre majuscule" in page
    patient.refresh_from_db()
    assert patient.check_password(PASSWORD)


def test_the_new_password_page_shows_the_checklist_before_typing(client, patient):
    prove(client, patient, PASSWORD_FLOW)
    client.post(f"{PASSWORD_FLOW}/code/", {"code": read_code(patient.email)})
    page = html(client.get(f"{PASSWORD_FLOW}/nouveau/"))
    assert "8 caractères minimum" in page and "accounts/password.js" in page


def test_a_password_change_ends_every_other_session(client, patient):
    elsewhere = Client()
    log_in_with_code(elsewhere, patient)
    assert elsewhere.get("/espace/parametres/").status_code == 200
    recover_password(client, patient)
    assert elsewhere.get("/espace/parametres/").status_code == 302


def test_the_person_is_told_their_password_changed(client, patient):
    recover_password(client, patient)
    assert "mot de passe" in latest_outbox_message(patient.email).subject.lower()


def test_the_new_password_cannot_be_set_without_the_code(client, patient):
    prove(client, patient, PASSWORD_FLOW)
    response = client.post(
        f"{PASSWORD_FLOW}/nouveau/", {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}
    )
    assert response.url == f"{PASSWORD_FLOW}/"
    patient.refresh_from_db()
    assert patient.check_password(PASSWORD)


def test_a_recovery_code_cannot_open_a_session(client, patient, distinct_codes):
    prove(client, patient, PASSWORD_FLOW)
    code = read_code(patient.email)
    submit_password(client, patient)
    client.post("/connexion/methode/", {"channel": "sms"})  # a login attempt beside it
    assert client.post("/connexion/code/", {"code": code}).status_code == 200
