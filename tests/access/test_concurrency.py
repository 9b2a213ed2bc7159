"""Two writers appending to the same person's chain at once must queue, never fork it.

On PostgreSQL: two threads with their own connections (the head row is locked with SELECT
... FOR UPDATE). On SQLite the test database lives in memory and cannot be shared between
writers, so the embedded default is tried as it runs: two processes on a database file
(write transactions serialised by BEGIN IMMEDIATE).
"""

import os
import subprocess
import sys
import threading
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from ens.access.services import access_record
from ens.registry.models import InsuredPerson
from tests.factories import InsuredPersonFactory

ROOT = Path(__file__).resolve().parents[2]
WRITES = 25  # per writer

WRITE_SCRIPT = f"""
from ens.access.services import access_record
from ens.registry.models import InsuredPerson
person = InsuredPerson.objects.get(nir="184127645108946")
for n in range({WRITES}):
    access_record(person=person, actor=None, action="read", resource=f"Document {{n}}")
"""


def _threads(person: InsuredPerson) -> None:
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def write():
        try:
            start.wait()
            for n in range(WRITES):
                access_record(person=person, actor=None, action="read", resource=f"Document {n}")
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors


def _processes(tmp_path: Path) -> str:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'ens.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "ens.settings.test"),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    create = (
        "from ens.registry.models import InsuredPerson;"
        "InsuredPerson.objects.create(nir='184127645108946', birth_date='1984-12-14',"
        "last_name='Dupont', first_name='Christian', sex='M')"
    )
    subprocess.run([*manage, "shell", "-c", create], env=env, check=True, cwd=ROOT)
    writers = [
        subprocess.Popen(  # noqa: S603 - our own command
            [*manage, "shell", "-c", WRITE_SCRIPT],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    for writer in writers:
        _out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    verify = subprocess.run([*manage, "verify_access_log"], env=env, cwd=ROOT, capture_output=True)
    assert verify.returncode == 0, verify.stderr
    return verify.stdout.decode()


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_writers_extend_one_unbroken_chain(tmp_path):
    # verify_access_log fails on a fork (two entries after one), a gap or a broken link;
    # (person, seq) is unique, so every write that returned is one of the counted entries.
    if connection.vendor == "postgresql":
        _threads(InsuredPersonFactory(nir="184127645108946"))
        out = StringIO()
        call_command("verify_access_log", stdout=out)
        summary = out.getvalue()
    else:
        summary = _processes(tmp_path)

    assert f"1 chaîne(s), {2 * WRITES} entrée(s)" in summary
