"""Two runs of the transitions at once (a slow run overlapping the next beat, two workers).

Each space must get exactly one automatic creation, whoever did it. On PostgreSQL: two
threads with their own connections on committed data. On SQLite the test database lives in
memory and cannot be shared between writers, so the embedded default is tried as it runs:
two `manage.py run_transitions` processes at once on a database file.
"""

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Count

from ens.activation.models import HealthSpace, SpaceEvent, SpaceState
from ens.activation.transitions import spaces_auto_create

ROOT = Path(__file__).resolve().parents[2]
SPACES = 1200

DUE_SPACES = f"""
from datetime import timedelta
from django.utils import timezone
from ens.activation.models import HealthSpace, SpaceState
from ens.registry.models import InsuredPerson
people = InsuredPerson.objects.bulk_create(
    InsuredPerson(nir=f"1840176{{i:06d}}00", birth_date="1984-01-01", last_name="Test",
                  first_name="Test", sex="M")
    for i in range({SPACES})
)
past = timezone.now() - timedelta(days=1)
HealthSpace.objects.bulk_create(
    HealthSpace(person=p, state=SpaceState.NOTIFIED, notified_at=past,
                auto_creation_due_at=past, state_changed_at=past)
    for p in people
)
"""


def _run_threads() -> tuple[int, int, int]:
    exec(DUE_SPACES, {})  # noqa: S102 - the fixed script above
    start = threading.Barrier(2)
    moved: list[int] = []
    errors: list[BaseException] = []

    def run():
        try:
            start.wait()
            moved.append(spaces_auto_create(batch_size=50))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    events = SpaceEvent.objects.filter(to_state=SpaceState.AUTO_CREATED)
    most = max(events.values("space").annotate(n=Count("pk")).values_list("n", flat=True))
    still = HealthSpace.objects.exclude(state=SpaceState.AUTO_CREATED).count()
    assert sum(moved) == SPACES
    return events.values("space").distinct().count(), most, still


def _run_processes(tmp_path: Path) -> tuple[int, int, int]:
    db = tmp_path / "ens.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "DJANGO_SETTINGS_MODULE": "ens.settings.test",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "shell", "-c", DUE_SPACES], env=env, check=True, cwd=ROOT)
    runs = [
        subprocess.Popen(  # noqa: S603 - our own command
            [*manage, "run_transitions", "--batch-size", "50"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    for run in runs:
        _out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    with sqlite3.connect(db) as con:
        table_events = SpaceEvent._meta.db_table
        table_spaces = HealthSpace._meta.db_table
        count, most = con.execute(
            f"SELECT COUNT(*), MAX(n) FROM (SELECT COUNT(*) AS n FROM {table_events} "  # noqa: S608
            "WHERE to_state = 'auto_created' GROUP BY space_id)"
        ).fetchone()
        still = con.execute(
            f"SELECT COUNT(*) FROM {table_spaces} WHERE state != 'auto_created'"  # noqa: S608
        ).fetchone()[0]
    return count, most, still


@pytest.mark.django_db(transaction=True)
def test_two_overlapping_runs_create_each_space_exactly_once(tmp_path):
    if connection.vendor == "postgresql":
        spaces_with_event, most_events, not_created = _run_threads()
    else:
        spaces_with_event, most_events, not_created = _run_processes(tmp_path)

    assert (spaces_with_event, most_events, not_created) == (SPACES, 1, 0)
