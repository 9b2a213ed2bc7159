"""Recipient addresses: checked and normalised before anything is stored or sent."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from .models import Channel

# E.164: "+", a country code that does not start with 0, at most 15 digits in all.
E164 = re.compile(r"\+[1-9]\d{7,14}")
# Spaces, dots, dashes and brackets are only formatting ("+33 7 12 34 56 78").
PHONE_FORMATTING = re.compile(r"[\s.\-()]")


def normalize_address(channel: str, to: str) -> str:
    """The address to store and send to, or ValidationError (a ValueError for a bad channel).

    E-mail addresses are stripped and must pass Django's validator; mobile numbers must be in
    E.164 once their formatting characters are removed (an SMS gateway needs the country code;
    a French "06..." number is refused rather than guessed).
    """
    if channel == Channel.EMAIL:
        address = (to or "").strip()
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(
                _("« %(to)s » n'est pas une adresse e-mail valide.") % {"to": to}, code="invalid"
            ) from None
        return address
    if channel == Channel.SMS:
        number = PHONE_FORMATTING.sub("", to or "")
        if not E164.fullmatch(number):
            raise ValidationError(
                _(
                    "« %(to)s » n'est pas un numéro de mobile au format international "
                    "(par exemple +33 7 12 34 56 78)."
                )
                % {"to": to},
                code="invalid",
            )
        return number
    raise ValueError(f"unknown notification channel {channel!r} (expected 'email' or 'sms')")


def lookup_address(to: str) -> str:
    """The stored form of an address typed by a reader of the outbox (either channel)."""
    value = (to or "").strip()
    if value.startswith("+"):
        return PHONE_FORMATTING.sub("", value)
    return value
