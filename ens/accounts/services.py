"""Writes of the accounts domain: activation of an account, contact changes (design §3)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ens.activation.models import SpaceState
from ens.activation.services import space_transition
from ens.lib.codes import code_hash, new_otp
from ens.messaging.services import message_deliver_welcome
from ens.notifications.services import notification_send
from ens.registry.models import InsuredPerson

from .contacts import (
    CONTACT_CHANGE_PURPOSE,
    CONTACT_CODE_VALID_MINUTES,
    pending_change,
)
from .models import User

CONTACT_KINDS = {"email": "email", "mobile": "sms"}  # kind of contact → notification channel


class ActivationRefused(Exception):
    """The account cannot be created; the message says why, for the person."""


class IdentifierTaken(ActivationRefused):
    pass


class AlreadyActivated(ActivationRefused):
    pass


def identifier_is_taken(identifier: str) -> bool:
    return User.objects.filter(username__iexact=identifier).exists()


@transaction.atomic
def account_activate(
    *,
    person: InsuredPerson,
    identifier: str,
    password: str,
    email: str,
    mobile: str,
    login_url: str,
) -> User:
    """Activate `person`'s space: create their account, leave the welcome message, send the
    welcome e-mail — all or nothing.

    Design §3 "Activation" and seed 003 (success page, "… votre profil a bien été activé !"
    e-mail, a message waiting in the messaging). The space row is locked by
    `space_transition`, and the account's person and identifier are unique: a double
    submission or two tabs end with one account, the other one getting `AlreadyActivated`
    (or `IdentifierTaken` when two people race for the same identifier).
    Validation of the identifier and password is the caller's (forms_credentials).
    """
    if User.objects.filter(person=person).exists():
        raise AlreadyActivated
    try:
        space_transition(person=person, to_state=SpaceState.ACTIVE, actor="assuré")
    except ValidationError:
        # The only state that cannot become active is "active" itself.
        raise AlreadyActivated from None
    except IntegrityError:
        # Two first transitions of a never-notified person: the other one created the space.
        raise AlreadyActivated from None
    if identifier_is_taken(identifier):
        raise IdentifierTaken
    user = User(
        username=identifier,
        person=person,
        first_name=person.first_name,
        last_name=person.last_name,
        email=email,
        mobile=mobile,
    )
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        if identifier_is_taken(identifier):
            raise IdentifierTaken from None
        raise AlreadyActivated from None
    message_deliver_welcome(person=person)
    if email:
        notification_send(
            channel="email",
            to=email,
            template="welcome",
            context={"first_name": person.first_name.title(), "login_url": login_url},
        )
    return user


def contact_change_request(*, kind: str, value: str) -> dict:
    """Send a one-time code to a new e-mail address or mobile number; return the pending
    change to keep until the person types the code.

    Issue 4, "Activation": a change of contact is confirmed by a code sent to the NEW address
    (6 digits, 15 minutes, once). Only the code's keyed hash is kept (design §6).
    """
    channel = CONTACT_KINDS[kind]
    code = new_otp()
    notification_send(
        channel=channel,
        to=value,
        template="contact_change_code",
        context={"code": code, "valid_minutes": CONTACT_CODE_VALID_MINUTES},
    )
    return pending_change(
        kind=kind, value=value, code_hash=code_hash(code, purpose=CONTACT_CHANGE_PURPOSE)
    )
