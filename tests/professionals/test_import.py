"""`manage.py import_professionals FILE.csv`."""

import pytest
from django.core.management import CommandError, call_command

from ens.professionals.models import Professional
from ens.professionals.rpps import make_rpps

HEADER = "rpps;nom;prenom;profession;specialite;lieu_exercice;email\n"
GOOD = make_rpps("1000000001")


def _run(tmp_path, body: str, header: str = HEADER):
    path = tmp_path / "annuaire.csv"
    path.write_text(header + body, encoding="utf-8")
    call_command("import_professionals", str(path))


def test_it_imports_the_directory(tmp_path, db):
    _run(tmp_path, f"{GOOD};Martin;Claire;Médecin;Médecine générale;Rouen;c@example.fr\n")
    professional = Professional.objects.get(rpps=GOOD)
    assert (professional.last_name, professional.specialty) == ("Martin", "Médecine générale")


def test_a_reimport_updates_without_duplicating(tmp_path, db):
    _run(tmp_path, f"{GOOD};Martin;Claire;Médecin;;Rouen;\n")
    _run(tmp_path, f"{GOOD};Martin;Claire;Médecin;;Caen;\n")
    assert Professional.objects.get().place_of_practice == "Caen"


def test_bad_rows_are_reported_and_good_rows_kept(tmp_path, db, capsys):
    body = f"12345678901;Faux;Numéro;Médecin;;;\n{GOOD};Martin;Claire;Médecin;;Rouen;\n"
    with pytest.raises(CommandError) as raised:
        _run(tmp_path, body)
    assert raised.value.returncode == 1
    assert "ligne 2 : Ce numéro RPPS n'est pas valide" in capsys.readouterr().err
    assert Professional.objects.filter(rpps=GOOD).exists()


def test_a_wrong_header_refuses_the_file(tmp_path, db):
    with pytest.raises(CommandError) as raised:
        _run(tmp_path, f"{GOOD};Martin;Claire;Médecin;;Rouen;\n", header="a;b;c\n")
    assert raised.value.returncode == 2
