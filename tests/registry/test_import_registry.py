"""`manage.py import_registry FILE.csv` (design §2), through the command itself."""

import random
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ens.registry.models import CarteVitale, InsuredPerson, ParentLink
from tests.registry.helpers import CAMILLE, CHRISTIAN, camille, lea, nir, row, write_csv

pytestmark = pytest.mark.django_db

CHRISTIAN_NIR = "184127645108946"
LEA_NIR = "215057645112330"


def run(path, *args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_registry", str(path), "--no-progress", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(path, *args) -> tuple[CommandError, str, str]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_registry", str(path), "--no-progress", *args, stdout=out, stderr=err)
    return caught.value, out.getvalue(), err.getvalue()


def test_it_imports_a_person_with_the_registry_contacts_and_carte_vitale(tmp_path):
    run(write_csv(tmp_path / "r.csv", row()))

    person = InsuredPerson.objects.get()
    assert person.nir == CHRISTIAN_NIR
    assert (person.first_name, person.email, person.mobile) == (
        "Christian",
        "christian@example.fr",
        "+33712345678",
    )
    assert (person.carte_vitale.serial, person.carte_vitale.has_photo) == ("8025000002", True)


def test_it_prints_a_summary(tmp_path):
    out, _ = run(write_csv(tmp_path / "r.csv", row(), camille(), lea()))

    assert "Lignes lues : 3 ; assurés créés : 3" in out
    assert "lignes rejetées : 0 ; rattachements créés : 1" in out


def test_a_child_is_linked_to_its_parent(tmp_path):
    run(write_csv(tmp_path / "r.csv", row(), lea()))

    link = ParentLink.objects.get()
    assert (link.child.nir, link.parent.nir) == (LEA_NIR, CHRISTIAN_NIR)


def test_a_child_without_a_card_of_its_own_gets_no_carte_vitale(tmp_path):
    run(write_csv(tmp_path / "r.csv", row(), lea()))

    assert not CarteVitale.objects.filter(person__nir=LEA_NIR).exists()


def test_a_parent_further_down_the_file_is_linked(tmp_path):
    run(write_csv(tmp_path / "r.csv", lea(), row()))

    assert ParentLink.objects.filter(child__nir=LEA_NIR, parent__nir=CHRISTIAN_NIR).exists()


def test_two_rows_for_a_child_with_two_parents_make_one_person_and_two_links(tmp_path):
    mother = camille(nir=nir("2 84 07 76 451 077"), date_naissance="02/07/1984")
    mother_nir = nir("2 84 07 76 451 077")

    run(write_csv(tmp_path / "r.csv", lea(parent=CHRISTIAN), row(), mother, lea(parent=mother_nir)))

    assert InsuredPerson.objects.filter(nir=LEA_NIR).count() == 1
    assert set(ParentLink.objects.values_list("parent__nir", flat=True)) == {
        CHRISTIAN_NIR,
        mother_nir,
    }


def test_a_parent_already_in_the_registry_is_linked(tmp_path):
    run(write_csv(tmp_path / "parents.csv", row()))

    run(write_csv(tmp_path / "children.csv", lea()))

    assert ParentLink.objects.filter(child__nir=LEA_NIR, parent__nir=CHRISTIAN_NIR).exists()


def test_a_parent_that_never_appears_is_reported_and_the_child_kept(tmp_path):
    error, out, err = run_failing(write_csv(tmp_path / "r.csv", lea(parent=CAMILLE)))

    assert error.returncode == 1
    assert "ligne 2 : rattachement non créé" in err
    assert "2 91 03 75 112 034 61" in err
    assert "non résolus : 1" in out
    assert InsuredPerson.objects.filter(nir=LEA_NIR).exists()


def test_a_second_identical_import_changes_nothing(tmp_path):
    path = write_csv(tmp_path / "r.csv", row(), camille(), lea())
    run(path)

    out, _ = run(path)

    assert "assurés créés : 0, mis à jour : 0, inchangés : 3" in out
    assert "rattachements créés : 0" in out
    assert InsuredPerson.objects.count() == 3
    assert CarteVitale.objects.count() == 2
    assert ParentLink.objects.count() == 1


def test_a_reimport_updates_a_changed_row_and_card(tmp_path):
    run(write_csv(tmp_path / "r.csv", row()))
    changed = row(email="c.dupont@example.fr", vitale_photo="non")

    out, _ = run(write_csv(tmp_path / "r2.csv", changed))

    assert "créés : 0, mis à jour : 1" in out
    person = InsuredPerson.objects.get()
    assert person.email == "c.dupont@example.fr"
    assert person.carte_vitale.has_photo is False


def test_batches_smaller_than_the_file_give_the_same_result(tmp_path):
    run(write_csv(tmp_path / "r.csv", lea(), row(), camille()), "--batch-size", "1")

    assert InsuredPerson.objects.count() == 3
    assert ParentLink.objects.count() == 1


def test_a_bad_row_is_reported_with_its_line_and_the_good_rows_are_imported(tmp_path):
    path = write_csv(tmp_path / "r.csv", row(), camille(nir="2 91 03 75 112 034 62"), lea())

    error, out, err = run_failing(path)

    assert error.returncode == 1
    assert "ligne 3 : colonne « nir » : La clé de contrôle" in err
    assert "lignes rejetées : 1" in out
    assert set(InsuredPerson.objects.values_list("nir", flat=True)) == {CHRISTIAN_NIR, LEA_NIR}


def test_rejected_rows_go_to_the_errors_file_with_their_reason(tmp_path):
    bad = camille(date_naissance="31/02/1991")
    errors = tmp_path / "rejets.csv"

    run_failing(write_csv(tmp_path / "r.csv", row(), bad), "--errors", str(errors))

    lines = errors.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "ligne;motif;contenu"
    assert lines[1].startswith("3;colonne « date_naissance » : « 31/02/1991 » n'est pas une date")
    assert "Camille" in lines[1]


def test_a_quoted_cell_with_a_semicolon_is_read_as_one_cell(tmp_path):
    run(write_csv(tmp_path / "r.csv", row(adresse='"Bât. A; 12 rue des Lilas"')))

    assert InsuredPerson.objects.get().address == "Bât. A; 12 rue des Lilas"


# --- Files that cannot be imported: a French message, an exit code, nothing lost ---


@pytest.fixture
def already_imported(tmp_path):
    run(write_csv(tmp_path / "before.csv", camille()))


def test_a_missing_file_is_refused(tmp_path):
    error, _, _ = run_failing(tmp_path / "absent.csv")

    assert error.returncode == 2
    assert str(error) == f"Fichier introuvable : {tmp_path / 'absent.csv'}"


def test_a_directory_is_refused(tmp_path):
    error, _, _ = run_failing(tmp_path)

    assert error.returncode == 2
    assert "est un dossier" in str(error)


def test_an_empty_file_is_refused(tmp_path, already_imported):
    path = tmp_path / "vide.csv"
    path.write_bytes(b"")

    error, _, _ = run_failing(path)

    assert error.returncode == 2
    assert str(error).startswith("Le fichier est vide")
    assert InsuredPerson.objects.filter(nir="291037511203461").exists()


def test_a_wrong_header_names_the_column_at_fault(tmp_path, already_imported):
    header = "nir;date_naissance;name;prenom;sexe;email;mobile;adresse;code_postal;commune;" + (
        "vitale_serie;vitale_photo;nir_ouvrant_droit"
    )

    error, _, _ = run_failing(write_csv(tmp_path / "r.csv", row(), header=header))

    assert error.returncode == 2
    assert "la colonne 3 s'appelle « name » au lieu de « nom »" in str(error)
    assert InsuredPerson.objects.count() == 1


def test_a_comma_separated_file_is_recognised(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text(row().replace(";", ",") + "\n", encoding="utf-8")
    header = "nir,date_naissance,nom,prenom,sexe,email,mobile,adresse,code_postal,commune,"
    path.write_text(header + "vitale_serie,vitale_photo,nir_ouvrant_droit\n", encoding="utf-8")

    error, _, _ = run_failing(path)

    assert error.returncode == 2
    assert "séparé par des virgules" in str(error)
    assert "point-virgule (;)" in str(error)


def test_a_row_not_in_utf8_is_rejected_with_its_line_and_byte(tmp_path):
    path = write_csv(tmp_path / "r.csv", row())
    with path.open("ab") as f:
        f.write(camille(prenom="Hélène").encode("latin-1") + b"\n")

    error, _, err = run_failing(path)

    assert error.returncode == 1
    assert "ligne 3 : la ligne 3 n'est pas en UTF-8 : octet 0xE9 en position" in err
    assert InsuredPerson.objects.get().nir == CHRISTIAN_NIR


def test_a_header_not_in_utf8_is_refused(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes("nir;date_naissance;nom;prénom\n".encode("latin-1"))

    error, _, _ = run_failing(path)

    assert error.returncode == 2
    assert "la ligne 1 n'est pas en UTF-8 : octet 0xE9 en position 26" in str(error)


def test_ten_megabytes_of_random_bytes_are_refused(tmp_path, already_imported):
    path = tmp_path / "bruit.csv"
    path.write_bytes(random.Random(3).randbytes(10 * 1024 * 1024))

    error, _, _ = run_failing(path)

    assert error.returncode == 2
    assert InsuredPerson.objects.count() == 1


def test_random_bytes_after_a_good_header_are_rejected_line_by_line(tmp_path):
    path = write_csv(tmp_path / "r.csv", row())
    with path.open("ab") as f:
        f.write(random.Random(4).randbytes(10 * 1024 * 1024))

    error, out, _ = run_failing(path)

    assert error.returncode == 1
    assert "assurés créés : 1" in out
    assert InsuredPerson.objects.get().nir == CHRISTIAN_NIR


def test_a_row_with_500_columns_is_rejected(tmp_path):
    error, _, err = run_failing(write_csv(tmp_path / "r.csv", row() + ";" * 487, camille()))

    assert error.returncode == 1
    assert "ligne 2 : la ligne compte 500 colonnes au lieu de 13." in err
    assert InsuredPerson.objects.get().nir == "291037511203461"


def test_a_cell_far_too_long_is_rejected_without_reading_it_whole(tmp_path):
    path = write_csv(tmp_path / "r.csv", row(adresse="x" * 5_000_000), camille())

    error, _, err = run_failing(path)

    assert error.returncode == 1
    assert "ligne 2 : ligne de plus de 4096 octets" in err
    assert InsuredPerson.objects.get().nir == "291037511203461"


def test_a_cell_longer_than_its_column_is_rejected(tmp_path):
    error, _, err = run_failing(write_csv(tmp_path / "r.csv", row(commune="R" * 150)))

    assert error.returncode == 1
    assert "colonne « commune » : 150 caractères, 100 au plus." in err


def test_an_errors_file_that_cannot_be_written_is_refused_before_importing(tmp_path):
    path = write_csv(tmp_path / "r.csv", row())

    error, _, _ = run_failing(path, "--errors", str(tmp_path / "absent" / "rejets.csv"))

    assert error.returncode == 2
    assert "Impossible d'écrire le fichier des rejets" in str(error)
    assert not InsuredPerson.objects.exists()
