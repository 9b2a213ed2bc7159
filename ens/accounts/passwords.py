"""Rules for identifiers and passwords (design §3), as pure functions and Django validators.

The password rules follow design §3 (what the real service asks: 8 characters with a
lower-case letter, an upper-case letter, a digit and a special character) and NIST SP 800-63B
§5.1.1.2 where it adds to them: long passwords accepted (up to 128 characters) and never
truncated, paste allowed, and every new password compared against a list of common and
breached values — including the usual disguises of a common word ("P@ssw0rd!", "Azerty123!")
— and against the person's own identifier, names and birth date.

The same validators serve activation and, later, the forgotten-password flow; they are also
Django's AUTH_PASSWORD_VALIDATORS, so `validate_password` applies them everywhere.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

PASSWORD_MIN_LENGTH = 8
# NIST asks to accept at least 64; the cap only keeps a hashing request bounded.
PASSWORD_MAX_LENGTH = 128
# Below this many different characters a password is a repetition ("Aa1!Aa1!Aa1!").
PASSWORD_MIN_DISTINCT = 5

IDENTIFIER_MIN_LENGTH = 8
IDENTIFIER_MAX_LENGTH = 50
IDENTIFIER_ALLOWED = re.compile(r"[a-z0-9._-]+")


@dataclass(frozen=True)
class Rule:
    """One line of the checklist shown before and while typing a password.

    `key` names the same rule in accounts/static/accounts/password.js, which repeats the
    check in the browser; the server's answer is the one that counts.
    """

    key: str
    label: str | Promise
    check: Callable[[str], bool]

    def is_met(self, password: str) -> bool:
        return self.check(password)


PASSWORD_RULES: tuple[Rule, ...] = (
    Rule("length", _("8 caractères minimum"), lambda p: len(p) >= PASSWORD_MIN_LENGTH),
    Rule("lower", _("1 lettre minuscule"), lambda p: any(c.islower() for c in p)),
    Rule("upper", _("1 lettre majuscule"), lambda p: any(c.isupper() for c in p)),
    Rule("digit", _("1 chiffre"), lambda p: any(c in "0123456789" for c in p)),
    Rule(
        "special",
        _("1 caractère spécial (! $ % & # ^ etc.)"),
        lambda p: any(not c.isalnum() for c in p),
    ),
)


def password_checklist(password: str) -> list[tuple[Rule, bool]]:
    """Each rule of the checklist with whether `password` meets it."""
    return [(rule, rule.is_met(password)) for rule in PASSWORD_RULES]


def password_unmet_rules(password: str) -> list[Rule]:
    return [rule for rule in PASSWORD_RULES if not rule.is_met(password)]


# Words of this service that the common-password list cannot know.
SERVICE_WORDS = frozenset(
    {
        "ameli",
        "monespacesante",
        "espacesante",
        "monespace",
        "assurancemaladie",
        "cartevitale",
        "securitesociale",
        "dmp",
    }
)
_LEET = str.maketrans({"@": "a", "4": "a", "0": "o", "1": "i", "3": "e", "$": "s", "5": "s"})
_LEET |= str.maketrans({"7": "t", "€": "e", "!": "i"})
_NOT_A_LETTER = re.compile(r"[^a-z]+")


def _fold(text: str) -> str:
    """Lower case without accents: "Léa" and "lea" are the same word to a guesser."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _strip_ends(text: str) -> str:
    return re.sub(r"^[^a-z]+|[^a-z]+$", "", text)


def _disguises(password: str) -> set[str]:
    """The common word a password may hide: digits and symbols around it or inside it,
    and letters written as look-alike digits or symbols."""
    folded = _fold(password)
    found = set()
    for base in (folded, _strip_ends(folded)):
        for text in (base, base.translate(_LEET)):
            found |= {text, _strip_ends(text), _NOT_A_LETTER.sub("", text)}
    return {word for word in found if len(word) >= 4 or word in SERVICE_WORDS}


def password_is_common(password: str, common: set[str] | frozenset[str]) -> bool:
    """Whether `password`, or the word it disguises, is in `common` or names this service.

    NIST SP 800-63B §5.1.1.2: compare against values known to be commonly used, expected or
    compromised. The check is made on the disguised word because breach lists are full of
    "Azerty123!" variations that meet every character rule.
    """
    return any(word in common or word in SERVICE_WORDS for word in _disguises(password))


def password_is_repetitive(password: str) -> bool:
    return len(set(password)) < PASSWORD_MIN_DISTINCT


def personal_words(
    *, identifier: str = "", first_name: str = "", last_name: str = "", birth_date=None
) -> set[str]:
    """What a person's acquaintances (or a breach of another site) know of them."""
    words = set()
    for value in (identifier, first_name, last_name):
        folded = _fold(value)
        if len(folded) >= 3:
            words.add(folded)
        # "christian.dupont", "Jean-Pierre", "De La Tour": each part on its own.
        words |= {part for part in re.split(r"[\s._'-]+", folded) if len(part) >= 4}
    if isinstance(birth_date, date):
        d, m, y = f"{birth_date.day:02d}", f"{birth_date.month:02d}", f"{birth_date.year}"
        words |= {d + m + y, d + m + y[2:], y + m + d, f"{d}/{m}/{y}", f"{d}-{m}-{y}"}
        words.add(f"{d}.{m}.{y}")
    return words


def password_contains_personal_words(password: str, words: set[str]) -> bool:
    folded = _fold(password)
    return any(word and word in folded for word in words)


def identifier_problems(identifier: str) -> list[str | Promise]:
    """Why `identifier` cannot be used, as messages for the person (empty if it can).

    Design §3 and seed 001: at least 8 characters among a-z 0-9 . - _ ("les lettres
    majuscules sont interdites"), and never an e-mail address.
    """
    problems: list[str | Promise] = []
    if "@" in identifier:
        problems.append(
            _("Pour plus de sécurité, l'identifiant ne peut pas être une adresse e-mail.")
        )
    if any(c.isupper() for c in identifier):
        problems.append(
            _(
                "Les lettres majuscules ne sont pas autorisées : écrivez l'identifiant "
                "en minuscules."
            )
        )
    # In the order typed, each once; "@" and capitals have their own message above.
    others = [c for c in dict.fromkeys(IDENTIFIER_ALLOWED.sub("", identifier.lower())) if c != "@"]
    if others:
        shown = " ".join("espace" if c.isspace() else c for c in others)
        problems.append(
            ngettext(
                "Caractère non autorisé : %(chars)s.",
                "Caractères non autorisés : %(chars)s.",
                len(others),
            )
            % {"chars": shown}
            + " "
            + gettext(
                "Seuls les lettres minuscules sans accent, les chiffres et les caractères "
                "point (.), tiret (-) et tiret bas (_) sont autorisés."
            )
        )
    if len(identifier) < IDENTIFIER_MIN_LENGTH:
        problems.append(
            _("L'identifiant doit contenir au moins 8 caractères (il en contient %(n)d).")
            % {"n": len(identifier)}
        )
    if len(identifier) > IDENTIFIER_MAX_LENGTH:
        problems.append(_("L'identifiant doit contenir au plus 50 caractères."))
    if identifier.isdigit() and len(identifier) >= 13:
        problems.append(
            _(
                "Pour protéger vos données, l'identifiant ne peut pas être un numéro de "
                "sécurité sociale."
            )
        )
    return problems


def validate_identifier(identifier: str) -> None:
    """Django validator form of `identifier_problems` (uniqueness is checked by the caller)."""
    problems = identifier_problems(identifier)
    if problems:
        raise ValidationError([ValidationError(p, code="invalid_identifier") for p in problems])


class PasswordCompositionValidator:
    """Design §3: 8 to 128 characters with a lower-case letter, an upper-case letter, a digit
    and a special character."""

    def validate(self, password: str, user=None) -> None:
        if len(password) > PASSWORD_MAX_LENGTH:
            raise ValidationError(
                _("Le mot de passe doit contenir au plus %(max)d caractères."),
                code="password_too_long",
                params={"max": PASSWORD_MAX_LENGTH},
            )
        unmet = password_unmet_rules(password)
        if unmet:
            raise ValidationError(
                _("Le mot de passe ne respecte pas tous les critères : il lui manque %(rules)s."),
                code="password_rules",
                params={"rules": ", ".join(str(rule.label) for rule in unmet)},
            )

    def get_help_text(self) -> str:
        return str(
            _(
                "8 caractères minimum avec au moins 1 lettre minuscule, 1 lettre majuscule, "
                "1 chiffre et 1 caractère spécial."
            )
        )


class NotCommonPasswordValidator(CommonPasswordValidator):
    """Django's list of 20,000 common passwords, also matched through the usual disguises,
    plus the words of this service and passwords that repeat a few characters."""

    def validate(self, password: str, user=None) -> None:
        if password_is_common(password, self.passwords) or password_is_repetitive(password):
            raise ValidationError(
                _(
                    "Ce mot de passe est trop courant ou trop facile à deviner (un mot courant, "
                    "même avec des chiffres ou des symboles, ou des caractères répétés) : "
                    "choisissez-en un autre."
                ),
                code="password_too_common",
            )

    def get_help_text(self) -> str:
        return str(_("Le mot de passe ne doit pas être un mot de passe courant."))


class PersonalInformationValidator:
    """No identifier, first name, last name or birth date inside the password.

    `user` may be unsaved (activation validates before creating the account); its insured
    person, when it has one, gives the birth date.
    """

    def validate(self, password: str, user=None) -> None:
        if user is None:
            return
        person = getattr(user, "person", None)
        words = personal_words(
            identifier=user.get_username() or "",
            first_name=user.first_name or (person.first_name if person else ""),
            last_name=user.last_name or (person.last_name if person else ""),
            birth_date=person.birth_date if person else None,
        )
        if password_contains_personal_words(password, words):
            raise ValidationError(
                _(
                    "Le mot de passe ne doit contenir ni votre identifiant, ni votre nom, ni "
                    "votre prénom, ni votre date de naissance."
                ),
                code="password_personal_information",
            )

    def get_help_text(self) -> str:
        return str(_("Le mot de passe ne doit pas contenir vos informations personnelles."))
