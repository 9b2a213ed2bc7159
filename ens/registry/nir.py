"""The NIR (numéro d'inscription au répertoire, "numéro de sécurité sociale"): pure rules.

Layout of the 15 characters (INSEE, service-public.fr F33078 "Que signifie le numéro de
sécurité sociale ?"): sex (1) · year of birth (2) · month of birth (2) · place of birth:
department (2) + commune (3), or overseas department (3) + commune (2) · order number (3) ·
control key (2) = 97 - (13 first digits mod 97), Corsica's 2A/2B counted as 19/18.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Corsica's departments 2A and 2B count as 19 and 18 in the key (design §2).
_CORSICA_FOR_KEY = {"2A": "19", "2B": "18"}
NIR_LENGTH = 15

# 1 man, 2 woman; 7 and 8 are the same for a NIA (numéro identifiant d'attente), the
# provisional number given to a person born abroad while INSEE certifies their identity
# (Guide de l'identification, INSEE/CNAV, fiche 3 "Le numéro identifiant d'attente").
_MALE_DIGITS = "17"
_FEMALE_DIGITS = "28"
_SEX_DIGITS = frozenset(_MALE_DIGITS + _FEMALE_DIGITS)

# Month: 01-12, or a pseudo-month when the civil-status record gives no month (20-42) or
# for a provisional registration (50-99). Source: INSEE/CNAV, "Guide de l'identification"
# and the NIR description of the Répertoire national commun de la protection sociale.
# 00, 13-19 and 43-49 are never issued.
_SPECIAL_MONTHS = frozenset(range(20, 43)) | frozenset(range(50, 100))
_MONTHS = frozenset(f"{m:02d}" for m in (*range(1, 13), *_SPECIAL_MONTHS))

# Overseas departments use three digits for the department and two for the commune.
_OVERSEAS = frozenset({"971", "972", "973", "974", "975", "976"})
# Department 20 was split into 2A and 2B on 1 January 1976: a NIR keeps "20" for people
# born in Corsica before, and "2A"/"2B" after.
CORSICA_SPLIT_YEAR = 1976
# 91 to 96 also stood for Algeria, Morocco and Tunisia before their independence
# (service-public.fr F33078); 96 is no French department, so it only fits births before
# Tunisia's independence (20 March 1956).
TUNISIA_LAST_YEAR = 1956


class NirError(ValidationError):
    """A NIR that cannot be right; `code` tells which part is at fault."""


@dataclass(frozen=True, slots=True)
class Nir:
    value: str  # 15 characters, no spaces, Corsica as "2A"/"2B"
    sex_digit: str
    birth_year: str  # 2 digits
    birth_month: int
    department: str  # "75", "2A", "971", "99" (born abroad)
    commune: str  # 3 digits (2 overseas); the country code when born abroad
    order: str
    key: int

    @property
    def month_is_known(self) -> bool:
        return 1 <= self.birth_month <= 12

    @property
    def is_provisional(self) -> bool:
        """A NIA (7 or 8): the person's identity is not yet certified by INSEE."""
        return self.sex_digit in "78"

    @property
    def sex(self) -> str:
        """ "M" or "F", the values of registry.models.Sex."""
        return "M" if self.sex_digit in _MALE_DIGITS else "F"

    def __str__(self) -> str:
        return format_nir(self.value)


def nir_control_key(body: str) -> int:
    """The 2-digit control key of a 13-character NIR body: 97 - (n mod 97)."""
    digits = body.upper()
    for letters, number in _CORSICA_FOR_KEY.items():
        digits = digits.replace(letters, number)
    return 97 - int(digits) % 97


def _fail(message: str, code: str) -> NirError:
    return NirError(message, code=code)


def parse_nir(raw: str) -> Nir:
    """Read a NIR typed by a person or sent by the registry; raise NirError with the fault.

    Spaces (any white space, including the non-breaking ones of a copy-paste) are ignored.
    """
    value = raw
    if not (len(value) == NIR_LENGTH and value.isascii() and value.isdigit()):
        value = "".join(str(raw or "").split()).replace("a", "A").replace("b", "B")
    if not value:
        raise _fail(_("Saisissez votre numéro de sécurité sociale (NIR)."), "nir_empty")
    if not (value.isascii() and value.isdigit()):
        _check_characters(value)
    if len(value) != NIR_LENGTH:
        raise _fail(
            _(
                "Le numéro de sécurité sociale compte 15 caractères, clé comprise : vous en "
                "avez saisi %(count)d."
            )
            % {"count": len(value)},
            "nir_length",
        )

    sex_digit = value[0]
    if sex_digit not in _SEX_DIGITS:
        raise _fail(
            _(
                "Le premier chiffre du numéro de sécurité sociale indique le sexe : 1 ou 2 "
                "(7 ou 8 pour un numéro provisoire), pas « %(digit)s »."
            )
            % {"digit": sex_digit},
            "nir_sex",
        )
    birth_year = value[1:3]
    if value[3:5] not in _MONTHS:
        raise _fail(
            _(
                "Les 4e et 5e chiffres du numéro de sécurité sociale sont le mois de "
                "naissance (01 à 12) : « %(month)s » n'est pas possible."
            )
            % {"month": value[3:5]},
            "nir_month",
        )

    birth_month = int(value[3:5])
    department, commune = _place(value, int(birth_year))
    order = value[10:13]
    if not commune.strip("0"):
        raise _fail(
            _("Le code de la commune de naissance (« %(commune)s ») ne peut pas être nul.")
            % {"commune": commune},
            "nir_commune",
        )
    if order == "000":
        raise _fail(
            _("Le numéro d'ordre (10e à 13e chiffres) ne peut pas être « 000 »."), "nir_order"
        )
    key = int(value[13:])
    body = value[:13]
    expected = 97 - int(body) % 97 if body.isdigit() else nir_control_key(body)
    if key != expected:
        raise _fail(
            _(
                "La clé de contrôle (les 2 derniers chiffres, « %(key)s ») ne correspond pas "
                "aux 13 premiers : un chiffre a sans doute été mal saisi. Vérifiez le numéro "
                "sur votre carte Vitale ou votre attestation de droits."
            )
            % {"key": value[13:]},
            "nir_key",
        )
    return Nir(
        value=value,
        sex_digit=sex_digit,
        birth_year=birth_year,
        birth_month=birth_month,
        department=department,
        commune=commune,
        order=order,
        key=key,
    )


def _check_characters(value: str) -> None:
    for position, char in enumerate(value):
        if char.isdigit() and char.isascii():
            continue
        if char in "AB" and position == 6 and value[5] == "2":
            continue
        if char in "AB":
            raise _fail(
                _(
                    "Les lettres A et B ne sont admises qu'en 7e position, pour un numéro né "
                    "en Corse (2A ou 2B)."
                ),
                "nir_characters",
            )
        raise _fail(
            _(
                "Le numéro de sécurité sociale ne contient que des chiffres (et A ou B pour "
                "la Corse) : « %(char)s » n'est pas accepté."
            )
            % {"char": char},
            "nir_characters",
        )


def _place(value: str, year2: int) -> tuple[str, str]:
    """Department and commune of birth; `year2` rules out the places the year forbids."""
    department = value[5:7]
    if department == "97":
        department = value[5:8]
        if department not in _OVERSEAS:
            raise _fail(
                _(
                    "Le département de naissance « %(department)s » n'existe pas : les "
                    "départements d'outre-mer vont de 971 à 976."
                )
                % {"department": department},
                "nir_department",
            )
        return department, value[8:10]
    if department in ("2A", "2B"):
        return department, value[7:10]
    number = int(department)
    # A 2-digit year from 76 to 99 can only be 1976-1999 for a living person.
    if number == 20 and year2 >= CORSICA_SPLIT_YEAR % 100:
        raise _fail(
            _("Pour une naissance en Corse depuis 1976, le département s'écrit 2A ou 2B, pas 20."),
            "nir_department",
        )
    if number == 96 and year2 > TUNISIA_LAST_YEAR % 100:
        raise _fail(
            _(
                "Le département de naissance « 96 » n'existe que pour une naissance en "
                "Tunisie avant 1957."
            ),
            "nir_department",
        )
    if number == 0 or number == 98:
        raise _fail(
            _(
                "Le département de naissance « %(department)s » n'existe pas (01 à 95, 2A, "
                "2B, 971 à 976, ou 99 pour une naissance à l'étranger)."
            )
            % {"department": department},
            "nir_department",
        )
    return department, value[7:10]


def format_nir(value: str) -> str:
    """The usual grouping, as printed on the carte Vitale: "1 84 12 76 451 089 46"."""
    v = "".join(value.split()).upper()
    if v[5:7] == "97":  # overseas: 3-digit department, 2-digit commune
        return f"{v[0]} {v[1:3]} {v[3:5]} {v[5:8]} {v[8:10]} {v[10:13]} {v[13:15]}"
    return f"{v[0]} {v[1:3]} {v[3:5]} {v[5:7]} {v[7:10]} {v[10:13]} {v[13:15]}"


def nir_matches(nir: Nir, *, birth_date: datetime.date, sex: str) -> bool:
    """Whether the NIR can belong to a person born on `birth_date` of sex `sex` ("M"/"F").

    Year (2 digits) and month must be the birth date's, unless the month is a pseudo-month
    (then only the year is checked); the place must have existed at that date (20 before
    1976, 2A/2B from 1976, 96 before 1957).
    """
    if nir.sex != sex:
        return False
    if int(nir.birth_year) != birth_date.year % 100:
        return False
    if nir.month_is_known and nir.birth_month != birth_date.month:
        return False
    if nir.department == "20" and birth_date.year >= CORSICA_SPLIT_YEAR:
        return False
    if nir.department in ("2A", "2B") and birth_date.year < CORSICA_SPLIT_YEAR:
        return False
    return not (nir.department == "96" and birth_date.year > TUNISIA_LAST_YEAR)
