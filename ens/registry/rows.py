"""One row of the registry CSV (design §2): pure checks, no database.

`parse_row` turns the 13 cells of a line into the values the import writes, or raises
`RowInvalid` with a French reason that names the column at fault.
"""

import csv
import datetime
import re
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from .nir import NirError, nir_matches, parse_nir
from .vitale import VitaleSerialError, parse_vitale_serial

HEADER = (
    "nir",
    "date_naissance",
    "nom",
    "prenom",
    "sexe",
    "email",
    "mobile",
    "adresse",
    "code_postal",
    "commune",
    "vitale_serie",
    "vitale_photo",
    "nir_ouvrant_droit",
)
COLUMNS = len(HEADER)

# Longest value each column may hold (the model's max_length).
MAX_LENGTHS = {"nom": 100, "prenom": 100, "email": 254, "adresse": 200, "commune": 100}

_SEXES = {"M": "M", "F": "F", "1": "M", "2": "F", "m": "M", "f": "F"}
_PHOTO = {"oui": True, "non": False, "OUI": True, "NON": False, "Oui": True, "Non": False}
_POSTAL_CODE = re.compile(r"\d{5}")
_PHONE_NOISE = re.compile(r"[\s.\-()]")
# French mobile prefixes of the overseas departments (ARCEP numbering plan): they keep
# their own country code in E.164.
_OVERSEAS_MOBILE = {
    "0639": "+262",  # Mayotte
    "0690": "+590",  # Guadeloupe, Saint-Martin, Saint-Barthélemy
    "0691": "+590",
    "0692": "+262",  # La Réunion
    "0693": "+262",
    "0694": "+594",  # Guyane
    "0696": "+596",  # Martinique
    "0697": "+596",
}


# A subset of what Django's EmailValidator accepts, cheap to test: an address it matches
# is valid for Django too; any other goes through the validator itself.
_PLAIN_EMAIL = re.compile(
    r"[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}",
    re.IGNORECASE | re.ASCII,
)


def _trimmed(cells: list[str]) -> bool:
    """Whether no cell has white space at either end (the usual case: skip 13 strips)."""
    joined = "\x00".join(cells)
    return not (
        joined[:1].isspace()
        or joined[-1:].isspace()
        or " \x00" in joined
        or "\x00 " in joined
        or "\t" in joined
        or "\xa0" in joined
    )


class RowInvalid(Exception):
    """A row the import refuses; the message is the French reason shown to the operator."""


class RegistryRow(NamedTuple):
    nir: str
    birth_date: datetime.date
    last_name: str
    first_name: str
    sex: str
    email: str
    mobile: str
    address: str
    postal_code: str
    city: str
    vitale_serial: str  # empty for a child without a card of its own
    vitale_photo: bool
    parent_nir: str  # empty for an adult


def normalise_mobile(raw: str) -> str:
    """A French mobile number in E.164 ("+33712345678"), or ValueError.

    Accepts the national form (06/07, spaces, dots or dashes), +33 or 0033, and the
    overseas mobiles (0690..., +590...); a number already in E.164 with another country
    code is kept as it is.
    """
    digits = _PHONE_NOISE.sub("", raw)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("+33") and len(digits) == 12:
        digits = "0" + digits[3:]
    if len(digits) == 10 and digits.isdigit() and digits[:2] in ("06", "07"):
        return _national_mobile_e164(digits)
    if digits.startswith("+") and digits[1:].isdigit() and 8 <= len(digits) - 1 <= 15:
        return digits
    raise ValueError(raw)


def _national_mobile_e164(digits: str) -> str:
    """E.164 of a 10-digit French mobile number "06..."/"07..."."""
    return _OVERSEAS_MOBILE.get(digits[:4], "+33") + digits[1:]


def parse_date(raw: str) -> datetime.date:
    """A date JJ/MM/AAAA, or ValueError."""
    if len(raw) != 10 or raw[2] != "/" or raw[5] != "/":
        raise ValueError(raw)
    return datetime.date(int(raw[6:]), int(raw[3:5]), int(raw[:2]))


def _too_long(column: str, value: str) -> RowInvalid:
    return RowInvalid(
        _("colonne « %(column)s » : %(length)d caractères, %(max)d au plus.")
        % {"column": column, "length": len(value), "max": MAX_LENGTHS[column]}
    )


def parse_row(cells: list[str], *, today: datetime.date) -> RegistryRow:
    """Check and normalise the 13 cells of one registry line (design §2)."""
    if len(cells) != COLUMNS:
        raise RowInvalid(
            _("la ligne compte %(count)d colonnes au lieu de %(expected)d.")
            % {"count": len(cells), "expected": COLUMNS}
        )
    (
        raw_nir,
        raw_date,
        last_name,
        first_name,
        raw_sex,
        email,
        raw_mobile,
        address,
        postal_code,
        city,
        raw_serial,
        raw_photo,
        raw_parent,
    ) = cells if _trimmed(cells) else [cell.strip() for cell in cells]

    try:
        nir = parse_nir(raw_nir)
    except NirError as exc:
        raise RowInvalid(_("colonne « nir » : %(reason)s") % {"reason": exc.messages[0]}) from None
    try:
        birth_date = parse_date(raw_date)
    except ValueError:
        raise RowInvalid(
            _("colonne « date_naissance » : « %(value)s » n'est pas une date JJ/MM/AAAA.")
            % {"value": raw_date[:20]}
        ) from None
    if birth_date > today:
        raise RowInvalid(
            _("colonne « date_naissance » : le %(value)s est dans le futur.") % {"value": raw_date}
        )
    if not last_name or not first_name:
        column = "nom" if not last_name else "prenom"
        raise RowInvalid(_("colonne « %(column)s » : vide.") % {"column": column})
    if len(last_name) > MAX_LENGTHS["nom"]:
        raise _too_long("nom", last_name)
    if len(first_name) > MAX_LENGTHS["prenom"]:
        raise _too_long("prenom", first_name)
    sex = _SEXES.get(raw_sex)
    if sex is None:
        raise RowInvalid(
            _("colonne « sexe » : « %(value)s » au lieu de M ou F (ou 1 ou 2).")
            % {"value": raw_sex[:20]}
        )
    if not nir_matches(nir, birth_date=birth_date, sex=sex):
        raise RowInvalid(
            _(
                "le NIR %(nir)s ne correspond pas au sexe (%(sex)s) ou à la date de "
                "naissance (%(date)s) de la ligne."
            )
            % {"nir": nir, "sex": sex, "date": raw_date}
        )
    if email:
        if len(email) > MAX_LENGTHS["email"]:
            raise _too_long("email", email)
        try:
            if not _PLAIN_EMAIL.fullmatch(email):
                validate_email(email)
        except ValidationError:
            raise RowInvalid(
                _("colonne « email » : « %(value)s » n'est pas une adresse e-mail valide.")
                % {"value": email[:80]}
            ) from None
    mobile = ""
    if raw_mobile:
        try:
            mobile = normalise_mobile(raw_mobile)
        except ValueError:
            raise RowInvalid(
                _(
                    "colonne « mobile » : « %(value)s » n'est pas un numéro de mobile (par "
                    "exemple 06 12 34 56 78 ou +33 6 12 34 56 78)."
                )
                % {"value": raw_mobile[:30]}
            ) from None
    if not address:
        raise RowInvalid(_("colonne « adresse » : vide."))
    if len(address) > MAX_LENGTHS["adresse"]:
        raise _too_long("adresse", address)
    if not _POSTAL_CODE.fullmatch(postal_code):
        raise RowInvalid(
            _("colonne « code_postal » : « %(value)s » au lieu de 5 chiffres.")
            % {"value": postal_code[:20]}
        )
    if not city:
        raise RowInvalid(_("colonne « commune » : vide."))
    if len(city) > MAX_LENGTHS["commune"]:
        raise _too_long("commune", city)

    parent_nir = ""
    if raw_parent:
        try:
            parent_nir = parse_nir(raw_parent).value
        except NirError as exc:
            raise RowInvalid(
                _("colonne « nir_ouvrant_droit » : %(reason)s") % {"reason": exc.messages[0]}
            ) from None
        if parent_nir == nir.value:
            raise RowInvalid(
                _(
                    "colonne « nir_ouvrant_droit » : une personne ne peut pas être son propre "
                    "parent."
                )
            )

    # A child under 16 is usually on a parent's card and has none of its own: both Vitale
    # cells may then be empty. An adult's row must name its card.
    serial = ""
    photo = False
    if raw_serial or raw_photo or not parent_nir:
        try:
            serial = parse_vitale_serial(raw_serial)
        except VitaleSerialError as exc:
            raise RowInvalid(
                _("colonne « vitale_serie » : %(reason)s") % {"reason": exc.messages[0]}
            ) from None
        photo = _PHOTO.get(raw_photo)
        if photo is None:
            raise RowInvalid(
                _("colonne « vitale_photo » : « %(value)s » au lieu de oui ou non.")
                % {"value": raw_photo[:20]}
            )

    return RegistryRow(
        nir.value,
        birth_date,
        last_name,
        first_name,
        sex,
        email,
        mobile,
        address,
        postal_code,
        city,
        serial,
        photo,
        parent_nir,
    )


# --- The usual row, read at full speed ---
#
# Nearly every line of the Assurance Maladie's export has the same plain shape: a NIR born
# in a metropolitan department, a date JJ/MM/AAAA, trimmed cells without quotes, a plain
# e-mail address, a national mobile number. `parse_line` checks such a line with one regular
# expression and a little arithmetic instead of parse_row's dozen calls (a third of the
# time). Anything else, and every line it would refuse, goes through parse_row, which stays
# the single place that explains a fault. A line the fast path accepts gives exactly what
# parse_row gives (tests/registry/test_rows_fast_path.py compares them on mutated lines).


def _text_cell(max_length: int) -> str:
    """A non-empty cell of at most `max_length` characters, no white space at either end."""
    return rf'([^\s;"](?:[^;"]{{0,{max_length - 2}}}[^\s;"])?)'


# Departments whose rules do not depend on the year of birth: 01 to 95 but 20 (Corsica,
# 2A/2B since 1976); overseas (97x), 96 (Tunisia) and 99 (abroad) take the slow path.
_PLAIN_DEPARTMENT = r"(?:0[1-9]|1[0-9]|2[1-9]|[3-8][0-9]|9[0-5])"
_EMAIL_PATTERN = (
    r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
_USUAL_ROW = re.compile(
    # nir: a known month (01-12); the key, commune and order are checked in Python.
    rf"([12][0-9]{{2}}(?:0[1-9]|1[0-2]){_PLAIN_DEPARTMENT}[0-9]{{8}});"
    r"([0-9]{2})/([0-9]{2})/([0-9]{4});"
    + _text_cell(MAX_LENGTHS["nom"])
    + ";"
    + _text_cell(MAX_LENGTHS["prenom"])
    + ";([MF12mf]);"
    + rf"((?:{_EMAIL_PATTERN})?);"
    + r"((?:0[67](?: ?[0-9]{2}){4})?);"
    + _text_cell(MAX_LENGTHS["adresse"])
    + ";([0-9]{5});"
    + _text_cell(MAX_LENGTHS["commune"])
    + ";([0-9]{10})?;(oui|non)?;"
    # nir_ouvrant_droit: any month parse_nir admits (the parent's birth date is not known).
    + r"((?:[12][0-9]{2}(?:0[1-9]|1[0-2]|[2-3][0-9]|4[0-2]|[5-9][0-9])"
    + rf"{_PLAIN_DEPARTMENT}[0-9]{{8}})?)"
)
_PHOTO_WORDS = {"oui": True, "non": False}


def _plain_nir_ok(nir: str) -> bool:
    """Commune, order and control key of a NIR the fast pattern matched."""
    return nir[7:10] != "000" and nir[10:13] != "000" and 97 - int(nir[:13]) % 97 == int(nir[13:])


def _usual_row(text: str, today: datetime.date) -> RegistryRow | None:
    """The row of a line of the usual shape, or None to let parse_row decide."""
    match = _USUAL_ROW.fullmatch(text)
    if match is None:
        return None
    (
        nir,
        day,
        month,
        year,
        last_name,
        first_name,
        raw_sex,
        email,
        raw_mobile,
        address,
        postal_code,
        city,
        serial,
        raw_photo,
        parent_nir,
    ) = match.groups()
    sex = _SEXES[raw_sex]
    if not (
        _plain_nir_ok(nir)
        # nir_matches: sex, year and month of the NIR are the row's.
        and nir[0] == ("1" if sex == "M" else "2")
        and nir[1:3] == year[2:]
        and nir[3:5] == month
        and len(email) <= MAX_LENGTHS["email"]
        and (serial is None) == (raw_photo is None)
        and (serial is not None or parent_nir)
        and (not parent_nir or (parent_nir != nir and _plain_nir_ok(parent_nir)))
    ):
        return None
    try:
        birth_date = datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None
    if birth_date > today:
        return None
    return RegistryRow(
        nir,
        birth_date,
        last_name,
        first_name,
        sex,
        email,
        _national_mobile_e164(raw_mobile.replace(" ", "")) if raw_mobile else "",
        address,
        postal_code,
        city,
        serial or "",
        _PHOTO_WORDS[raw_photo] if raw_photo else False,
        parent_nir,
    )


def split_cells(text: str) -> list[str]:
    """The cells of a line: a plain split, or the csv module when a cell is quoted."""
    if '"' not in text:
        return text.split(";")
    try:
        return next(csv.reader([text], delimiter=";", strict=True))
    except csv.Error as exc:
        raise RowInvalid(_("guillemets mal fermés (%(reason)s).") % {"reason": exc}) from None


def parse_line(text: str, *, today: datetime.date) -> RegistryRow:
    """Check one line of the registry file (without its line break), or raise RowInvalid."""
    return _usual_row(text, today) or parse_row(split_cells(text), today=today)
