"""The last activation steps through the test client: contacts, identifier and password,
success page (issue 4, item 5)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from ens.accounts.models import User
from ens.activation.models import HealthSpace, SpaceState
from ens.activation.services import space_transition
from ens.messaging.models import Message
from ens.notifications.selectors import latest_outbox_message
from tests.accounts.helpers import (
    CHRISTIAN_EMAIL,
    GOOD_PASSWORD,
    christian,
    start_activation,
)
from tests.activation.people import lea

pytestmark = pytest.mark.django_db

CONTACTS = reverse("activation_credentials:contacts")
CHANGE_EMAIL = reverse("activation_credentials:change_email")
CONFIRM_EMAIL = reverse("activation_credentials:confirm_email")
CHANGE_MOBILE = reverse("activation_credentials:change_mobile")
CONFIRM_MOBILE = reverse("activation_credentials:confirm_mobile")
CREDENTIALS = reverse("activation_credentials:credentials")
DONE = reverse("activation_credentials:done")
EXPIRED = reverse("activation_credentials:session_expired")
NEW_EMAIL = "christian.nouveau@example.fr"


@pytest.fixture
def person():
    return christian()


@pytest.fixture
def started(client, person):
    start_activation(client, person)
    return client


@pytest.fixture
def checked(started):
    started.post(CONTACTS)
    return started


def _code_sent_to(address: str) -> str:
    return re.search(r"\b(\d{6})\b", latest_outbox_message(address).body_text).group(1)


def _credentials(**overrides) -> dict:
    return {
        "identifier": "christian.dupont",
        "password": GOOD_PASSWORD,
        "password_confirm": GOOD_PASSWORD,
        **overrides,
    }


def _text(response) -> str:
    return response.content.decode()


# --- Who may see these pages -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url", [CONTACTS, CHANGE_EMAIL, CONFIRM_EMAIL, CHANGE_MOBILE, CONFIRM_MOBILE, CREDENTIALS, DONE]
)
def test_a_stranger_without_identification_is_sent_to_the_expired_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == EXPIRED


def test_the_expired_page_explains_and_offers_to_start_again(client):
    response = client.get(EXPIRED)
    assert "Recommencer l'activation" in _text(response)
    assert 'href="/activation/"' in _text(response)


def test_an_identification_older_than_30_minutes_is_refused_and_forgotten(client, person):
    start_activation(client, person, identified_at=_minutes_ago(31))
    assert client.get(CONTACTS).url == EXPIRED
    assert "activation" not in client.session


def _minutes_ago(minutes: int) -> str:
    from django.utils import timezone

    return (timezone.now() - timedelta(minutes=minutes)).isoformat()


@pytest.mark.parametrize(
    "overrides",
    [
        {"decision": "oppose"},
        {"cgu_accepted_at": None},
        {"parent_id": 1},
        {"subject_id": 999999},
        {"person_id": 999999},
        {"identified_at": "not a date"},
    ],
)
def test_a_state_that_is_not_an_own_activation_is_refused(client, person, overrides):
    start_activation(client, person, **overrides)
    assert client.get(CONTACTS).url == EXPIRED


def test_a_person_whose_space_is_already_active_gets_a_clear_page(client, person):
    space_transition(person=person, to_state=SpaceState.ACTIVE, actor="assuré")
    start_activation(client, person)
    response = client.get(CONTACTS)
    assert "Mon espace santé est déjà activé" in _text(response)
    assert "Se connecter à Mon espace santé" in _text(response)


# --- Je vérifie mes coordonnées de contact ---------------------------------------------------


def test_the_contacts_page_shows_the_registry_contacts_with_their_change_links(started):
    text = _text(started.get(CONTACTS))
    assert CHRISTIAN_EMAIL in text
    assert "+33 7 12 34 56 78" in text
    assert "Modifier l&#x27;adresse e-mail" in text
    assert "Modifier le numéro de mobile" in text


def test_a_missing_contact_can_be_added(client):
    start_activation(client, christian(email=""))
    text = _text(client.get(CONTACTS))
    assert "Aucune adresse e-mail" in text
    assert "Ajouter une adresse e-mail" in text


def test_continuing_without_any_contact_is_refused_with_a_message(client):
    start_activation(client, christian(email="", mobile=""))
    response = client.post(CONTACTS)
    assert response.status_code == 200
    assert "Ajoutez au moins une adresse e-mail ou un numéro de mobile" in _text(response)


def test_continuing_leads_to_the_identifier_step(started):
    assert started.post(CONTACTS).url == CREDENTIALS


def test_the_identifier_step_needs_the_contacts_checked_first(started):
    assert started.get(CREDENTIALS).url == CONTACTS


# --- Changing a contact ----------------------------------------------------------------------


def test_a_new_e_mail_address_gets_a_code_and_is_shown_once_confirmed(started):
    response = started.post(CHANGE_EMAIL, {"value": NEW_EMAIL})
    assert response.url == CONFIRM_EMAIL
    response = started.post(CONFIRM_EMAIL, {"code": _code_sent_to(NEW_EMAIL)}, follow=True)
    text = _text(response)
    assert "Votre adresse e-mail a bien été modifiée." in text
    assert NEW_EMAIL in text
    assert CHRISTIAN_EMAIL not in text


def test_the_code_page_names_the_new_address(started):
    started.post(CHANGE_EMAIL, {"value": NEW_EMAIL})
    assert NEW_EMAIL in _text(started.get(CONFIRM_EMAIL))


def test_an_invalid_e_mail_address_is_refused_next_to_the_field_and_kept(started):
    response = started.post(CHANGE_EMAIL, {"value": "christian@"})
    text = _text(response)
    assert "Saisissez une adresse e-mail valide" in text
    assert 'value="christian@"' in text
    assert "fr-input-group--error" in text


def test_the_current_address_is_not_a_change(started):
    response = started.post(CHANGE_EMAIL, {"value": CHRISTIAN_EMAIL.upper()})
    assert "C&#x27;est déjà votre adresse e-mail actuelle." in _text(response)


def test_a_wrong_code_is_refused_and_says_how_many_tries_are_left(started):
    started.post(CHANGE_EMAIL, {"value": NEW_EMAIL})
    wrong = "000000" if _code_sent_to(NEW_EMAIL) != "000000" else "111111"
    response = started.post(CONFIRM_EMAIL, {"code": wrong})
    assert response.status_code == 200
    assert "Le code saisi est incorrect. Il vous reste 4 essais." in _text(response)
    assert CHRISTIAN_EMAIL in _text(started.get(CONTACTS))


def test_a_code_that_is_not_six_digits_gets_a_message(started):
    started.post(CHANGE_EMAIL, {"value": NEW_EMAIL})
    response = started.post(CONFIRM_EMAIL, {"code": "12ab56"})
    assert "ne contient que des chiffres" in _text(response)


def test_an_expired_code_is_refused_and_a_new_one_offered(started):
    started.post(CHANGE_EMAIL, {"value": NEW_EMAIL})
    session = started.session
    session["activation"]["pending_contact"]["expires_at"] = _minutes_ago(1)
    session.save()
    response = started.post(CONFIRM_EMAIL, {"code": _code_sent_to(NEW_EMAIL)})
    text = _text(response)
    assert "Ce code a expiré" in text
    assert "Demander un nouveau code" in text
    assert CHRISTIAN_EMAIL in _text(started.get(CONTACTS))


def test_five_wrong_codes_kill_the_code(started):
    started.post(CHANGE_EMAIL, {"value": NEW_EMAIL})
    code = _code_sent_to(NEW_EMAIL)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(4):
        started.post(CONFIRM_EMAIL, {"code": wrong})
    response = started.post(CONFIRM_EMAIL, {"code": wrong}, follow=True)
    assert "Vous avez saisi 5 codes incorrects" in _text(response)
    assert started.post(CONFIRM_EMAIL, {"code": code}).url == CONTACTS
    assert NEW_EMAIL not in _text(started.get(CONTACTS))


def test_a_code_works_only_once(started):
    started.post(CHANGE_EMAIL, {"value": NEW_EMAIL})
    code = _code_sent_to(NEW_EMAIL)
    started.post(CONFIRM_EMAIL, {"code": code})
    assert started.post(CONFIRM_EMAIL, {"code": code}).url == CONTACTS


def test_a_new_mobile_gets_its_code_by_sms_and_is_shown_once_confirmed(started):
    started.post(CHANGE_MOBILE, {"value": "06 11 22 33 44"})
    message = latest_outbox_message("+33611223344")
    assert message.channel == "sms"
    response = started.post(CONFIRM_MOBILE, {"code": _code_sent_to("+33611223344")}, follow=True)
    assert "Votre numéro de mobile a bien été modifié." in _text(response)
    assert "+33 6 11 22 33 44" in _text(response)


def test_a_landline_is_refused_as_a_mobile(started):
    response = started.post(CHANGE_MOBILE, {"value": "01 23 45 67 89"})
    assert "Saisissez un numéro de mobile français valide" in _text(response)


def test_codes_sent_during_one_activation_are_limited(started):
    for i in range(5):
        started.post(CHANGE_EMAIL, {"value": f"essai{i}@example.fr"})
    response = started.post(CHANGE_EMAIL, {"value": "essai5@example.fr"})
    assert "vous ne pouvez plus en demander" in _text(response)
    assert latest_outbox_message("essai5@example.fr") is None


# --- Je choisis mon identifiant et mon mot de passe ------------------------------------------


def test_the_password_rules_are_shown_before_typing(checked):
    text = _text(checked.get(CREDENTIALS))
    for rule in ["8 caractères minimum", "1 lettre minuscule", "1 lettre majuscule", "1 chiffre"]:
        assert rule in text
    assert "fr-message--error" not in text
    assert "Minimum 8 caractères" in text


def test_without_javascript_the_checklist_shows_each_rule_met_or_not_after_submit(checked):
    response = checked.post(CREDENTIALS, _credentials(password="abcdefgh", password_confirm="x"))
    text = _text(response)
    assert re.search(r'fr-message--valid" data-rule="length"', text)
    assert re.search(r'fr-message--valid" data-rule="lower"', text)
    assert re.search(r'fr-message--error" data-rule="upper"', text)
    assert re.search(r'fr-message--error" data-rule="special"', text)


def test_a_password_is_never_sent_back_to_the_page(checked):
    response = checked.post(CREDENTIALS, _credentials(password_confirm="Autre-Chose-77"))
    assert GOOD_PASSWORD not in _text(response)
    assert 'value="christian.dupont"' in _text(response)


def test_a_mismatched_confirmation_is_refused_next_to_it(checked):
    response = checked.post(CREDENTIALS, _credentials(password_confirm="Autre-Chose-77"))
    assert response.status_code == 200
    assert "Les deux mots de passe ne sont pas identiques" in _text(response)
    assert not User.objects.exists()


def test_a_taken_identifier_is_said_clearly(checked):
    User.objects.create_user(username="christian.dupont", password="x")
    response = checked.post(CREDENTIALS, _credentials())
    assert "Cet identifiant est déjà utilisé : choisissez-en un autre." in _text(response)


def test_an_e_mail_address_as_identifier_is_refused(checked):
    response = checked.post(CREDENTIALS, _credentials(identifier=CHRISTIAN_EMAIL))
    assert "ne peut pas être une adresse e-mail" in _text(response)


def test_a_common_password_is_refused(checked):
    response = checked.post(
        CREDENTIALS, _credentials(password="Azerty123!", password_confirm="Azerty123!")
    )
    assert "Ce mot de passe est trop courant" in _text(response)


def test_the_person_s_name_inside_the_password_is_refused(checked):
    password = "Dupont-Rouen-76!"
    response = checked.post(CREDENTIALS, _credentials(password=password, password_confirm=password))
    assert "ni votre nom" in _text(response)


def test_a_long_passphrase_is_accepted_whole(checked, person):
    password = "Le vent se lève en 1920, il faut tenter de vivre ! " * 3  # 153: refused
    response = checked.post(CREDENTIALS, _credentials(password=password, password_confirm=password))
    assert "au plus 128 caractères" in _text(response)
    password = password[:100]
    checked.post(CREDENTIALS, _credentials(password=password, password_confirm=password))
    assert User.objects.get(person=person).check_password(password)


def test_valid_credentials_activate_the_space_and_lead_to_the_success_page(checked, person):
    response = checked.post(CREDENTIALS, _credentials(), follow=True)
    text = _text(response)
    assert "Mon espace santé a bien été activé !" in text
    assert 'href="/connexion/"' in text
    assert "Se connecter à Mon espace santé" in text
    assert HealthSpace.objects.get(person=person).state == SpaceState.ACTIVE
    assert Message.objects.filter(recipient=person).count() == 1
    assert "votre profil a bien été activé" in latest_outbox_message(CHRISTIAN_EMAIL).subject
    # The decision is spent; only the identification stays, to manage children's profiles.
    assert "decision" not in checked.session["activation"]


def test_the_account_keeps_the_contacts_confirmed_during_activation(started, person):
    started.post(CHANGE_EMAIL, {"value": NEW_EMAIL})
    started.post(CONFIRM_EMAIL, {"code": _code_sent_to(NEW_EMAIL)})
    started.post(CONTACTS)
    started.post(CREDENTIALS, _credentials())
    user = User.objects.get(person=person)
    assert (user.email, user.mobile) == (NEW_EMAIL, "+33712345678")
    assert latest_outbox_message(NEW_EMAIL).template == "welcome"


def test_a_replay_of_the_last_form_shows_the_success_page_and_creates_nothing(checked):
    checked.post(CREDENTIALS, _credentials())
    response = checked.post(CREDENTIALS, _credentials(identifier="autre.identifiant"), follow=True)
    assert "Mon espace santé a déjà été activé : vous pouvez vous connecter." in _text(response)
    assert User.objects.count() == 1


def test_the_back_button_to_the_contacts_after_success_shows_a_clear_page(checked):
    checked.post(CREDENTIALS, _credentials())
    response = checked.get(CONTACTS, follow=True)
    assert response.status_code == 200
    assert "Mon espace santé a bien été activé !" in _text(response)


def test_another_tab_that_activated_first_makes_this_one_say_so(checked, person):
    other_tab = User.objects.create_user(username="deja.active", password="x", person=person)
    assert other_tab.pk
    response = checked.post(CREDENTIALS, _credentials())
    assert "Mon espace santé est déjà activé" in _text(response)
    assert User.objects.count() == 1


def test_without_e_mail_the_success_page_promises_no_e_mail(client):
    start_activation(client, christian(email=""), contacts_checked=True)
    response = client.post(CREDENTIALS, _credentials(), follow=True)
    assert "Un message de bienvenue m'attend dans ma messagerie sécurisée." in _text(response)
    assert "e-mail de confirmation" not in _text(response)


def test_a_parent_is_offered_to_manage_the_childrens_profiles_after_activating(checked, person):
    """Seed 003: after the decision, the profiles the person represents can be managed."""
    lea(person)

    response = checked.post(CREDENTIALS, _credentials(), follow=True)

    assert "Gérer les profils" in _text(response)
    assert "Léa" in _text(checked.get(reverse("activation:profiles")))


def test_a_person_without_children_is_not_offered_to_manage_profiles(checked):
    response = checked.post(CREDENTIALS, _credentials(), follow=True)

    assert "Gérer les profils" not in _text(response)
