"""The carte Vitale serial number: what a person types to prove they hold the card.

The serial is printed on the card as 10 digits followed, after a space, by one check digit
("0102457612 4", seed 003). People type it with or without that last digit; the registry
keeps the 10 digits. The check digit's algorithm is not public, so it is not verified:
the 10 digits themselves are compared with the registry.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SERIAL_LENGTH = 10


class VitaleSerialError(ValidationError):
    """A carte Vitale serial that cannot be right; `code` tells which fault."""


def parse_vitale_serial(raw: str) -> str:
    """The 10-digit serial from what was typed; spaces are allowed anywhere."""
    value = "".join(str(raw or "").split())
    if not value:
        raise VitaleSerialError(
            _("Saisissez le numéro de série de votre carte Vitale."), code="vitale_empty"
        )
    if not (value.isascii() and value.isdigit()):
        bad = next(c for c in value if not (c.isascii() and c.isdigit()))
        raise VitaleSerialError(
            _(
                "Le numéro de série de la carte Vitale ne contient que des chiffres : "
                "« %(char)s » n'est pas accepté."
            )
            % {"char": bad},
            code="vitale_characters",
        )
    if len(value) not in (SERIAL_LENGTH, SERIAL_LENGTH + 1):
        raise VitaleSerialError(
            _(
                "Le numéro de série de la carte Vitale compte 10 chiffres (11 avec le "
                "dernier chiffre, séparé par un espace sur la carte) : vous en avez saisi "
                "%(count)d."
            )
            % {"count": len(value)},
            code="vitale_length",
        )
    return value[:SERIAL_LENGTH]
