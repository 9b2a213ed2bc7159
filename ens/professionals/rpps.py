"""The RPPS number (répertoire partagé des professionnels de santé): pure rules.

An RPPS number has 11 digits, the last one a Luhn check digit computed over the first ten
(like a payment card number). Spaces are allowed on input, as people copy it from a card.
"""

from django.utils.translation import gettext as _

RPPS_LENGTH = 11

# Dr Claire Martin's number in the demo (design §7) does not pass the Luhn check; it is
# accepted explicitly so the fixed interface stays as designed. No other exception exists.
DEMO_RPPS = "10101010101"


class InvalidRPPS(ValueError):
    """A value that is not an RPPS number; the message is for the person who typed it."""


def luhn_check_digit(body: str) -> int:
    """The digit that makes `body` + digit pass the Luhn check."""
    total = 0
    # Walking the body from the right, every other digit starting with the first is doubled
    # (the check digit, appended later, takes the rightmost undoubled place).
    for position, char in enumerate(reversed(body)):
        digit = int(char)
        if position % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10


def is_valid_rpps(value: str) -> bool:
    """Whether `value` (already without spaces) is a well-formed RPPS number."""
    if len(value) != RPPS_LENGTH or not value.isascii() or not value.isdigit():
        return False
    if value == DEMO_RPPS:
        return True
    return luhn_check_digit(value[:-1]) == int(value[-1])


def parse_rpps(value: str) -> str:
    """The normalised RPPS number (11 digits, no spaces) or InvalidRPPS with a French message."""
    compact = "".join(value.split())
    if len(compact) != RPPS_LENGTH or not compact.isascii() or not compact.isdigit():
        raise InvalidRPPS(_("Le numéro RPPS doit comporter 11 chiffres."))
    if not is_valid_rpps(compact):
        raise InvalidRPPS(_("Ce numéro RPPS n'est pas valide : vérifiez chacun des 11 chiffres."))
    return compact


def make_rpps(body10: str) -> str:
    """A valid RPPS number from its first ten digits (used to build the demo directory)."""
    if len(body10) != RPPS_LENGTH - 1 or not body10.isdigit():
        raise ValueError(f"an RPPS body has 10 digits, not {body10!r}")
    return body10 + str(luhn_check_digit(body10))
