"""The NIR (numéro d'inscription au répertoire, "numéro de sécurité sociale"): pure rules."""

# Corsica's departments 2A and 2B count as 19 and 18 in the key (design §2).
_CORSICA_FOR_KEY = {"2A": "19", "2B": "18"}


def nir_control_key(body: str) -> int:
    """The 2-digit control key of a 13-character NIR body: 97 - (n mod 97)."""
    digits = body.upper()
    for letters, number in _CORSICA_FOR_KEY.items():
        digits = digits.replace(letters, number)
    return 97 - int(digits) % 97
