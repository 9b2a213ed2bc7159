from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from ens.access.models import AccessChainHead, AccessLogEntry
from ens.access.services import access_record
from ens.registry.nir import format_nir

ENTRIES = AccessLogEntry._meta.db_table
HEADS = AccessChainHead._meta.db_table


@pytest.fixture
def chain_of_five(patient):
    for number in range(1, 6):
        access_record(
            person=patient.person, actor=patient, action="read", resource=f"Document {number}"
        )
    return patient.person


def _verify(*args) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_access_log", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


def _sql(statement: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_an_intact_log_passes(chain_of_five, stranger):
    access_record(person=stranger.person, actor=stranger, action="create", resource="Document")

    code, out, _err = _verify()

    assert code == 0
    assert "2 chaîne(s), 6 entrée(s)" in out
    assert "aucune entrée modifiée ni supprimée" in out


def test_an_empty_log_passes(db):
    assert _verify()[0] == 0


def test_it_names_an_entry_changed_in_the_database(chain_of_five):
    _sql(
        f"UPDATE {ENTRIES} SET resource = %s WHERE person_id = %s AND seq = 3",  # noqa: S608
        "Rien à voir",
        chain_of_five.pk,
    )

    code, _out, err = _verify()

    assert code == 1
    assert f"assuré {chain_of_five.nir}, entrée n° 3" in err
    assert "modifiée" in err


def test_it_names_an_entry_whose_hash_was_replaced_too(chain_of_five):
    _sql(
        f"UPDATE {ENTRIES} SET actor_label = %s, entry_hash = %s "  # noqa: S608
        "WHERE person_id = %s AND seq = 2",
        "Quelqu'un d'autre",
        "f" * 64,
        chain_of_five.pk,
    )

    code, _out, err = _verify()

    assert code == 1
    assert "entrée n° 2" in err
    assert "entrée n° 3" in err  # its prev_hash no longer follows


def test_it_names_the_gap_left_by_a_deleted_middle_entry(chain_of_five):
    _sql(f"DELETE FROM {ENTRIES} WHERE person_id = %s AND seq = 3", chain_of_five.pk)  # noqa: S608

    code, _out, err = _verify()

    assert code == 1
    assert "entrée n° 4" in err
    assert "n° 3 supprimée" in err


def test_it_names_a_deleted_last_entry(chain_of_five):
    _sql(f"DELETE FROM {ENTRIES} WHERE person_id = %s AND seq = 5", chain_of_five.pk)  # noqa: S608

    code, _out, err = _verify()

    assert code == 1
    assert f"assuré {chain_of_five.nir}, entrée n° 5" in err
    assert "dernière(s) entrée(s) n° 5 supprimée(s)" in err


def test_it_notices_a_whole_chain_deleted(chain_of_five):
    _sql(f"DELETE FROM {ENTRIES} WHERE person_id = %s", chain_of_five.pk)  # noqa: S608

    code, _out, err = _verify()

    assert code == 1
    assert "n° 1 à 5 supprimée(s)" in err


def test_it_notices_a_deleted_chain_head(chain_of_five):
    _sql(f"DELETE FROM {HEADS} WHERE person_id = %s", chain_of_five.pk)  # noqa: S608

    assert _verify()[0] == 1


def test_it_reports_a_summary_with_the_number_of_problems(chain_of_five):
    _sql(f"DELETE FROM {ENTRIES} WHERE person_id = %s AND seq = 2", chain_of_five.pk)  # noqa: S608

    _code, _out, err = _verify()

    assert "1 chaîne(s), 4 entrée(s)" in err
    assert "1 anomalie(s) trouvée(s)" in err


def test_it_verifies_one_person_by_nir(chain_of_five, stranger):
    access_record(person=stranger.person, actor=stranger, action="read", resource="Document")
    _sql(f"DELETE FROM {ENTRIES} WHERE person_id = %s", stranger.person.pk)  # noqa: S608

    code, out, _err = _verify("--person", format_nir(chain_of_five.nir))

    assert code == 0
    assert "1 chaîne(s), 5 entrée(s)" in out


def test_it_refuses_an_invalid_nir(db):
    code, _out, err = _verify("--person", "123")

    assert code == 2
    assert "NIR invalide" in err
