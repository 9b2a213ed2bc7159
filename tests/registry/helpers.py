"""Valid NIRs and registry CSV files for the registry tests."""

from pathlib import Path

from ens.registry.nir import nir_control_key
from ens.registry.rows import HEADER

CHRISTIAN = "1 84 12 76 451 089 46"
CAMILLE = "2 91 03 75 112 034 61"
# Léa, Christian's daughter, born 03/05/2015 in Rouen.
LEA = "2 15 05 76 451 123 30"


def nir(body: str) -> str:
    """A full NIR from its 13-character body (spaces allowed), with the right key."""
    body = body.replace(" ", "")
    return f"{body}{nir_control_key(body):02d}"


def row(
    nir: str = CHRISTIAN,
    date_naissance: str = "14/12/1984",
    nom: str = "Dupont",
    prenom: str = "Christian",
    sexe: str = "M",
    email: str = "christian@example.fr",
    mobile: str = "+33 7 12 34 56 78",
    adresse: str = "12 rue des Lilas",
    code_postal: str = "76000",
    commune: str = "Rouen",
    vitale_serie: str = "8025000002",
    vitale_photo: str = "oui",
    nir_ouvrant_droit: str = "",
) -> str:
    cells = locals()
    return ";".join(cells[name] for name in HEADER)


def camille(**cells) -> str:
    values = {
        "nir": CAMILLE,
        "date_naissance": "21/03/1991",
        "nom": "Durand",
        "prenom": "Camille",
        "sexe": "F",
        "email": "camille.durand@example.fr",
        "mobile": "+33 6 98 76 54 32",
        "adresse": "3 rue de Rivoli",
        "code_postal": "75004",
        "commune": "Paris",
        "vitale_serie": "0102457612 4",
        "vitale_photo": "non",
    }
    return row(**{**values, **cells})


def lea(parent: str = CHRISTIAN, **cells) -> str:
    values = {
        "nir": LEA,
        "date_naissance": "03/05/2015",
        "prenom": "Léa",
        "sexe": "F",
        "email": "",
        "mobile": "",
        "vitale_serie": "",
        "vitale_photo": "",
        "nir_ouvrant_droit": parent,
    }
    return row(**{**values, **cells})


def write_csv(path: Path, *lines: str, header: str = ";".join(HEADER)) -> Path:
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path
