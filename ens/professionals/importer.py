"""Import of the directory of professionals from CSV (issue 7, Professionals item 1).

UTF-8, `;`-separated, header `rpps;nom;prenom;profession;specialite;lieu_exercice;email`.
Streamed in batches: a file of any size runs in constant memory. A bad row is reported with
its line number and reason and never stops the good ones; a re-import updates by RPPS number,
never duplicates.
"""

import codecs
import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from .models import Professional
from .rpps import InvalidRPPS, parse_rpps

HEADER = ["rpps", "nom", "prenom", "profession", "specialite", "lieu_exercice", "email"]
DEFAULT_BATCH_SIZE = 1000
UPDATED_FIELDS = [
    "last_name",
    "first_name",
    "profession",
    "specialty",
    "place_of_practice",
    "email",
]


class DirectoryFileError(ValueError):
    """The file cannot be imported at all (bad encoding, wrong header)."""


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str
    content: str


@dataclass
class ImportReport:
    imported: int = 0
    rejected: int = 0


def _professional(row: list[str]) -> Professional:
    if len(row) != len(HEADER):
        raise ValueError(f"{len(row)} colonnes au lieu de {len(HEADER)}")
    rpps, last, first, profession, specialty, place, email = (cell.strip() for cell in row)
    try:
        rpps = parse_rpps(rpps)
    except InvalidRPPS as error:
        raise ValueError(str(error)) from None
    if not last or not first:
        raise ValueError("nom et prénom obligatoires")
    if not profession:
        raise ValueError("profession obligatoire")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValueError(f"adresse e-mail invalide : {email}") from None
    for value, field in ((last, "last_name"), (first, "first_name"), (profession, "profession")):
        if len(value) > Professional._meta.get_field(field).max_length:
            raise ValueError(f"valeur trop longue : {value[:30]}…")
    return Professional(
        rpps=rpps,
        last_name=last,
        first_name=first,
        profession=profession,
        specialty=specialty[:100],
        place_of_practice=place[:200],
        email=email,
    )


@transaction.atomic
def _save(batch: dict[str, Professional]) -> None:
    Professional.objects.bulk_create(
        list(batch.values()),
        update_conflicts=True,
        unique_fields=["rpps"],
        update_fields=UPDATED_FIELDS,
    )


def professionals_import(
    *,
    stream: Iterable[bytes],
    on_error: Callable[[RowError], None],
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> ImportReport:
    """Load the directory from `stream` (a binary file); the rule is the module docstring."""
    lines = codecs.iterdecode(stream, "utf-8-sig")
    reader = csv.reader(lines, delimiter=";")
    report = ImportReport()
    try:
        header = next(reader, None)
    except UnicodeDecodeError:
        raise DirectoryFileError("le fichier n'est pas encodé en UTF-8") from None
    if header is None or [h.strip().lower() for h in header] != HEADER:
        raise DirectoryFileError("en-tête attendu : " + ";".join(HEADER))
    batch: dict[str, Professional] = {}
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            try:
                professional = _professional(row)
            except ValueError as error:
                report.rejected += 1
                on_error(RowError(reader.line_num, str(error), ";".join(row)))
                continue
            # Last row wins for a number repeated in the file: one upsert per number.
            batch[professional.rpps] = professional
            report.imported += 1
            if len(batch) >= batch_size:
                _save(batch)
                batch = {}
    except UnicodeDecodeError:
        raise DirectoryFileError(f"caractères non UTF-8 après la ligne {reader.line_num}") from None
    finally:
        if batch:
            _save(batch)
    return report
