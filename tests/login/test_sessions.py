"""Logout, session expiry and the open sessions of the settings page (issue 5 item 3)."""

from html import unescape

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client, override_settings

from ens.login.models import UserSession
from ens.login.sessions import LOGIN_AT, SEEN_AT

from .helpers import log_in_with_code

pytestmark = pytest.mark.django_db

# A page of the space that needs no first visit: the settings.
SPACE = "/espace/parametres/"

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Mobile Safari/537.36"
)


def html(response) -> str:
    return unescape(response.content.decode())


def logged_in(user, **headers) -> Client:
    client = Client(**headers)
    log_in_with_code(client, user)
    return client


def age_session(client: Client, *, idle: float = 0, age: float = 0) -> None:
    """Move the session's clock back: `idle` seconds since the last request, `age` since the
    login."""
    session = client.session
    session[SEEN_AT] -= idle
    session[LOGIN_AT] -= age
    session.save()


# --- Logout ---


def test_logout_is_a_post_only(patient):
    client = logged_in(patient)
    assert client.get("/deconnexion/").status_code == 405
    assert client.get(SPACE).status_code == 200


def test_logout_ends_the_session_on_the_server(patient):
    client = logged_in(patient)
    key = client.session.session_key
    response = client.post("/deconnexion/")
    assert response.url == "/deconnexion/terminee/"
    assert not Session.objects.filter(session_key=key).exists()
    assert not UserSession.objects.filter(session_key=key).exists()
    assert client.get(SPACE).url == f"/connexion/?next={SPACE}"


def test_the_logout_page_says_so(client):
    assert "Vous êtes déconnecté" in html(client.get("/deconnexion/terminee/"))


# --- Expiry ---


def test_a_session_idle_for_30_minutes_expires_with_a_clear_page(patient):
    client = logged_in(patient)
    age_session(client, idle=30 * 60 + 1, age=30 * 60 + 1)
    response = client.get(SPACE)
    assert (
        response.url
        == "/connexion/session-expiree/?motif=inactivite&next=%2Fespace%2Fparametres%2F"
    )
    page = html(client.get(response.url))
    assert "Votre session a expiré" in page and "30 minutes sans activité" in page
    assert client.get(SPACE).url == f"/connexion/?next={SPACE}"


def test_a_session_used_within_30_minutes_stays_open(patient):
    client = logged_in(patient)
    age_session(client, idle=29 * 60, age=29 * 60)
    assert client.get(SPACE).status_code == 200


@override_settings(SESSION_IDLE_TIMEOUT_MINUTES=5)
def test_the_inactivity_delay_is_a_setting(patient):
    client = logged_in(patient)
    age_session(client, idle=5 * 60 + 1)
    assert "inactivite" in client.get(SPACE).url


def test_a_session_older_than_12_hours_expires_even_if_active(patient):
    client = logged_in(patient)
    age_session(client, age=12 * 3600 + 1)
    response = client.get(SPACE)
    assert "motif=duree" in response.url
    assert "au plus 12 heures" in html(client.get(response.url))


@override_settings(SESSION_ABSOLUTE_TIMEOUT_HOURS=1)
def test_the_absolute_lifetime_is_a_setting(patient):
    client = logged_in(patient)
    age_session(client, age=3601)
    assert "motif=duree" in client.get(SPACE).url


# --- Who reaches the space ---


def test_a_logged_out_visitor_never_reaches_the_space(client):
    assert client.get("/espace/parametres/").url == "/connexion/?next=/espace/parametres/"


def test_another_persons_session_shows_only_their_own_space(patient, stranger):
    page = html(logged_in(stranger).get("/espace/parametres/"))
    assert stranger.first_name in page
    assert patient.first_name not in page and patient.last_name not in page


def test_a_professional_account_gets_403_in_a_patients_space(client, professional):
    client.force_login(professional)
    assert client.get("/espace/parametres/").status_code == 403


# --- Open sessions ---


def test_the_settings_page_lists_the_open_sessions(patient):
    logged_in(patient, HTTP_USER_AGENT=ANDROID, REMOTE_ADDR="192.0.2.44")
    page = html(logged_in(patient, HTTP_USER_AGENT=FIREFOX).get("/espace/parametres/"))
    assert "Firefox sur Windows" in page and "Chrome sur Android" in page
    assert "192.0.2.44" in page
    assert "cet appareil" in page


def test_a_person_can_end_another_of_their_sessions(patient):
    phone = logged_in(patient, HTTP_USER_AGENT=ANDROID)
    laptop = logged_in(patient, HTTP_USER_AGENT=FIREFOX)
    phone_row = UserSession.objects.get(session_key=phone.session.session_key)
    response = laptop.post(f"/espace/parametres/sessions/{phone_row.pk}/fermer/")
    assert response.url == "/espace/parametres/"
    assert phone.get(SPACE).url == f"/connexion/?next={SPACE}"
    assert laptop.get(SPACE).status_code == 200


def test_ending_all_other_sessions_keeps_this_one(patient):
    others = [logged_in(patient) for _ in range(2)]
    current = logged_in(patient)
    current.post("/espace/parametres/sessions/fermer-autres/")
    assert all(c.get(SPACE).status_code == 302 for c in others)
    assert current.get(SPACE).status_code == 200


def test_nobody_can_end_someone_elses_session(patient, stranger):
    victim = logged_in(patient)
    row = UserSession.objects.get(session_key=victim.session.session_key)
    response = logged_in(stranger).post(f"/espace/parametres/sessions/{row.pk}/fermer/")
    assert response.status_code == 404
    assert victim.get(SPACE).status_code == 200


def test_a_session_opened_elsewhere_is_listed_when_first_seen(client, patient):
    client.force_login(patient)
    client.get("/espace/parametres/")
    assert UserSession.objects.filter(session_key=client.session.session_key).exists()


def test_the_session_cookie_lives_no_longer_than_the_absolute_lifetime():
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_ABSOLUTE_TIMEOUT_HOURS * 3600
