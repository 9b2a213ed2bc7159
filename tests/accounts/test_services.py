"""account_activate: one account per person, the space active, welcome message and e-mail."""

import re

import pytest

from ens.accounts.contacts import CONTACT_CHANGE_PURPOSE
from ens.accounts.models import User
from ens.accounts.services import (
    AlreadyActivated,
    IdentifierTaken,
    account_activate,
    contact_change_request,
)
from ens.activation.models import HealthSpace, SpaceState
from ens.activation.services import space_transition
from ens.lib.codes import code_hash
from ens.messaging.models import Message
from ens.notifications.selectors import latest_outbox_message

from .helpers import CHRISTIAN_EMAIL, CHRISTIAN_MOBILE, GOOD_PASSWORD, christian

pytestmark = pytest.mark.django_db
LOGIN_URL = "http://testserver/connexion/"


def _activate(person, **overrides):
    arguments = {
        "person": person,
        "identifier": "christian.dupont",
        "password": GOOD_PASSWORD,
        "email": CHRISTIAN_EMAIL,
        "mobile": CHRISTIAN_MOBILE,
        "login_url": LOGIN_URL,
    }
    return account_activate(**{**arguments, **overrides})


def test_it_creates_the_account_with_the_verified_contacts():
    person = christian()
    user = _activate(person, email="new@example.fr")
    user.refresh_from_db()
    assert (user.username, user.person, user.email, user.mobile) == (
        "christian.dupont",
        person,
        "new@example.fr",
        CHRISTIAN_MOBILE,
    )
    assert user.check_password(GOOD_PASSWORD)


def test_it_makes_the_space_active_and_records_the_transition():
    person = christian()
    _activate(person)
    space = HealthSpace.objects.get(person=person)
    assert space.state == SpaceState.ACTIVE
    assert space.events.get().actor == "assuré"


def test_it_leaves_a_welcome_message_in_the_inbox():
    person = christian()
    _activate(person)
    message = Message.objects.get(recipient=person)
    assert message.subject == "Bienvenue dans Mon espace santé"
    assert message.is_unread


def test_it_sends_the_welcome_e_mail_of_seed_003():
    _activate(christian())
    mail = latest_outbox_message(CHRISTIAN_EMAIL)
    assert "votre profil a bien été activé !" in mail.subject
    assert LOGIN_URL in mail.body_text


def test_without_e_mail_there_is_no_welcome_e_mail_but_the_message_is_there():
    person = christian(email="")
    _activate(person, email="")
    assert latest_outbox_message(CHRISTIAN_EMAIL) is None
    assert Message.objects.filter(recipient=person).exists()


def test_a_second_activation_is_refused_and_creates_nothing():
    person = christian()
    _activate(person)
    with pytest.raises(AlreadyActivated):
        _activate(person, identifier="christian.bis")
    assert User.objects.count() == 1
    assert Message.objects.count() == 1


def test_a_taken_identifier_is_refused_and_leaves_the_space_as_it_was():
    User.objects.create_user(username="christian.dupont", password="x")
    person = christian()
    space_transition(person=person, to_state=SpaceState.NOTIFIED, actor="système")
    with pytest.raises(IdentifierTaken):
        _activate(person)
    assert HealthSpace.objects.get(person=person).state == SpaceState.NOTIFIED
    assert not Message.objects.exists()


def test_a_taken_identifier_is_found_whatever_its_case():
    User.objects.create_user(username="Christian.Dupont", password="x")
    with pytest.raises(IdentifierTaken):
        _activate(christian())


def test_an_automatically_created_space_can_be_activated():
    person = christian()
    space_transition(person=person, to_state=SpaceState.NOTIFIED, actor="système")
    space_transition(person=person, to_state=SpaceState.AUTO_CREATED, actor="système")
    _activate(person)
    assert HealthSpace.objects.get(person=person).state == SpaceState.ACTIVE


def test_an_active_space_without_account_is_not_activated_twice():
    person = christian()
    space_transition(person=person, to_state=SpaceState.ACTIVE, actor="assuré")
    with pytest.raises(AlreadyActivated):
        _activate(person)
    assert not User.objects.exists()


def test_a_contact_change_sends_a_code_to_the_new_address_and_keeps_only_its_hash():
    pending = contact_change_request(kind="email", value="new@example.fr")
    body = latest_outbox_message("new@example.fr").body_text
    code = re.search(r"\b(\d{6})\b", body).group(1)
    assert pending["code_hash"] == code_hash(code, purpose=CONTACT_CHANGE_PURPOSE)
    assert set(pending) == {"kind", "value", "code_hash", "expires_at", "tries"}


def test_a_mobile_change_sends_its_code_by_sms():
    contact_change_request(kind="mobile", value="+33611223344")
    assert latest_outbox_message("+33611223344").channel == "sms"
