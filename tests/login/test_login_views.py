"""The login pages through the test client (design §4, issue 5 items 1 and 4)."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone

from ens.login.models import LoginChallenge, LoginEvent, Outcome
from ens.notifications.selectors import latest_outbox_message
from tests.factories import PASSWORD, InsuredPersonFactory, UserFactory

from .helpers import ask_code, log_in_with_code, read_code, submit_password

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return unescape(response.content.decode())


def without_csrf(text: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)


# --- Login ---


def test_the_login_page_asks_for_the_identifier_and_password(client):
    page = html(client.get("/connexion/"))
    for text in ("Je m'identifie", "Mon identifiant", "Mon mot de passe"):
        assert text in page
    assert "Identifiant oublié ?" in page and "Mot de passe oublié ?" in page
    assert "Activez le dès maintenant" in page


def test_a_full_login_opens_the_space(client, patient):
    response = log_in_with_code(client, patient)
    assert response.status_code == 302 and response.url == "/espace/"
    assert client.get("/espace/parametres/").status_code == 200


def test_the_channel_page_shows_both_contacts_masked(client, patient):
    patient.email, patient.mobile = "christian@gmail.com", "+33712345612"
    patient.save()
    submit_password(client, patient)
    page = html(client.get("/connexion/methode/"))
    assert "Par e-mail : c*****@gmail.com" in page
    assert "Par SMS : +33 7 ** ** ** 12" in page
    assert "christian@gmail.com" not in page


def test_a_person_without_mobile_is_offered_only_the_email(client):
    person = InsuredPersonFactory(without_mobile=True)
    user = UserFactory(patient=True, person=person, username="sans.mobile")
    submit_password(client, user)
    page = html(client.get("/connexion/methode/"))
    assert "Par e-mail" in page and "Par SMS" not in page


def test_the_account_contacts_come_before_the_registry_ones(client, patient):
    patient.email = "verifie@example.org"
    patient.save()
    ask_code(client, patient)
    assert latest_outbox_message("verifie@example.org") is not None
    assert latest_outbox_message(patient.person.email) is None


def test_the_code_can_be_sent_by_sms(client, patient):
    ask_code(client, patient, channel="sms")
    page = html(client.get("/connexion/code/"))
    assert "envoyé par SMS" in page
    response = client.post("/connexion/code/", {"code": read_code(patient.mobile)})
    assert response.url == "/espace/"


def test_the_code_page_says_where_the_code_went(client, patient):
    ask_code(client, patient)
    page = html(client.get("/connexion/code/"))
    assert "L'authentification est réussie" in page
    masked = patient.email[0] + "*****@" + patient.email.split("@")[1]
    assert masked in page and "15 min" in page
    assert "Code d'accès à usage unique" in page and "Ex. : 034567" in page


def test_an_unknown_identifier_and_a_wrong_password_get_the_same_page(client, patient):
    wrong = without_csrf(html(submit_password(client, patient, password="Pas-Le-Bon-1!")))
    unknown = without_csrf(
        html(client.post("/connexion/", {"identifier": "personne.inconnue", "password": "x"}))
    )
    assert "Identifiant ou mot de passe incorrect" in wrong
    assert wrong.replace(patient.username, "ID") == unknown.replace("personne.inconnue", "ID")


def test_the_identifier_typed_is_kept_after_an_error(client, patient):
    page = html(submit_password(client, patient, password="faux"))
    assert f'value="{patient.username}"' in page
    assert "faux" not in page


def test_the_account_is_locked_after_5_failures_with_a_time_to_retry(client, patient):
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        submit_password(client, patient, password="Mauvais-1!")
    page = html(submit_password(client, patient))  # even the right password now
    assert "Trop de tentatives. Réessayez dans 15 minutes." in page
    assert not LoginChallenge.objects.filter(user=patient).exists()


def test_an_unknown_identifier_is_locked_the_same_way(client):
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        client.post("/connexion/", {"identifier": "inconnu.total", "password": "x"})
    page = html(client.post("/connexion/", {"identifier": "inconnu.total", "password": "x"}))
    assert "Trop de tentatives" in page


def test_the_lock_of_one_account_does_not_lock_another(client, patient, stranger):
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        submit_password(client, patient, password="Mauvais-1!")
    assert submit_password(client, stranger).url == "/connexion/methode/"


@override_settings(LOGIN_FAILURES_PER_ADDRESS=3)
def test_failures_are_limited_per_client_address(client, patient):
    for n in range(3):
        client.post("/connexion/", {"identifier": f"essai.{n}xxx", "password": "x"})
    page = html(submit_password(client, patient))
    assert "Trop de tentatives" in page
    other_address = Client(REMOTE_ADDR="192.0.2.7")
    assert submit_password(other_address, patient).url == "/connexion/methode/"


def test_a_password_of_100_characters_is_never_truncated(client, patient):
    long_password = "Une phrase de passe très longue, pour voir ! " * 2 + "Fin-2026"
    assert len(long_password) >= 64
    patient.set_password(long_password)
    patient.save()
    assert submit_password(client, patient, password=long_password[:-1]).status_code == 200
    assert submit_password(client, patient, password=long_password).url == "/connexion/methode/"


def test_a_new_session_id_is_given_at_login(client, patient):
    ask_code(client, patient)
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post("/connexion/code/", {"code": read_code(patient.email)})
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != before


def test_the_login_returns_to_the_page_asked_first(client, patient):
    client.get("/connexion/?next=/espace/parametres/")
    assert log_in_with_code(client, patient).url == "/espace/parametres/"


def test_the_login_never_returns_to_another_site(client, patient):
    client.get("/connexion/?next=https://exemple.invalid/")
    assert log_in_with_code(client, patient).url == "/espace/"


# --- The code ---


def test_a_wrong_code_says_how_many_tries_are_left(client, patient, distinct_codes):
    ask_code(client, patient)
    page = html(client.post("/connexion/code/", {"code": "000000"}))
    assert "Code incorrect. Il vous reste 4 essais." in page


def test_a_code_not_made_of_6_digits_is_refused_next_to_its_field(client, patient):
    ask_code(client, patient)
    page = html(client.post("/connexion/code/", {"code": "12ab"}))
    assert "composé de 6 chiffres" in page and 'value="12ab"' in page


def test_a_code_works_only_for_the_attempt_that_asked_for_it(patient, distinct_codes):
    first, second = Client(), Client()
    ask_code(first, patient)
    code_of_first = read_code(patient.email)
    ask_code(second, patient)
    assert second.post("/connexion/code/", {"code": code_of_first}).status_code == 200
    assert first.post("/connexion/code/", {"code": code_of_first}).url == "/espace/"


def test_the_code_dies_after_5_wrong_tries(client, patient, distinct_codes):
    ask_code(client, patient)
    good = read_code(patient.email)
    wrong = "000000"
    for _ in range(4):
        client.post("/connexion/code/", {"code": wrong})
    response = client.post("/connexion/code/", {"code": wrong})
    assert response.url == "/connexion/"
    assert "n'est plus valable" in html(client.get("/connexion/"))
    ask_again = client.post("/connexion/code/", {"code": good})
    assert ask_again.url == "/connexion/"  # the attempt is gone from the session
    assert client.get("/espace/").status_code == 302


def test_an_expired_code_is_refused(client, patient):
    ask_code(client, patient)
    LoginChallenge.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    page = html(client.post("/connexion/code/", {"code": read_code(patient.email)}))
    assert "Ce code a expiré" in page
    assert client.get("/espace/").status_code == 302


def test_send_again_gives_a_new_code_and_the_old_one_stops_working(client, patient, distinct_codes):
    ask_code(client, patient)
    old = read_code(patient.email)
    client.post("/connexion/code/renvoyer/")
    new = read_code(patient.email)
    assert client.post("/connexion/code/", {"code": old}).status_code == 200
    assert client.post("/connexion/code/", {"code": new}).url == "/espace/"


def test_send_again_is_limited(client, patient):
    ask_code(client, patient)
    for _ in range(settings.LOGIN_CODE_MAX_SENDS - 1):
        client.post("/connexion/code/renvoyer/")
    assert "Renvoyer un code" not in html(client.get("/connexion/code/"))
    assert client.post("/connexion/code/renvoyer/").url == "/connexion/"


def test_the_code_page_without_an_attempt_goes_back_to_the_login(client):
    assert client.get("/connexion/code/").url == "/connexion/"
    assert client.get("/connexion/methode/").url == "/connexion/"


def test_every_attempt_is_logged_without_the_secret(client, patient, caplog):
    caplog.set_level("INFO", logger="ens.login")
    submit_password(client, patient, password="Secret-Faux-1!")
    client.post("/connexion/", {"identifier": "Mot-De-Passe-Tape-Ici!", "password": "x"})
    log_in_with_code(client, patient)
    outcomes = list(LoginEvent.objects.order_by("pk").values_list("outcome", flat=True))
    assert outcomes == [
        Outcome.PASSWORD_REFUSED,
        Outcome.UNKNOWN_IDENTIFIER,
        Outcome.PASSWORD_ACCEPTED,
        Outcome.CODE_SENT,
        Outcome.CODE_ACCEPTED,
        Outcome.LOGGED_IN,
    ]
    code = read_code(patient.email)
    stored = " ".join(str(v) for v in LoginEvent.objects.values_list()) + caplog.text
    for secret in ("Secret-Faux-1!", PASSWORD, code, "Mot-De-Passe-Tape-Ici!"):
        assert secret not in stored
