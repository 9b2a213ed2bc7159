"""Automatic creation of the spaces whose date passed (design §3): `manage.py run_transitions`."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from ens.activation import tasks
from ens.activation.models import HealthSpace, SpaceEvent, SpaceState
from ens.activation.services import space_transition
from ens.activation.transitions import spaces_auto_create
from tests.factories import InsuredPersonFactory

LATER = timedelta(days=43)


def notified(at=None) -> HealthSpace:
    return space_transition(
        person=InsuredPersonFactory(), to_state=SpaceState.NOTIFIED, actor="système", at=at
    )


def state_of(space: HealthSpace) -> str:
    space.refresh_from_db()
    return space.state


@pytest.mark.django_db
def test_a_notified_space_past_its_date_is_created_automatically():
    space = notified()

    spaces_auto_create(now=timezone.now() + LATER)

    assert state_of(space) == SpaceState.AUTO_CREATED


@pytest.mark.django_db
def test_a_notified_space_before_its_date_is_left_alone():
    space = notified()

    spaces_auto_create(now=timezone.now() + timedelta(days=41))

    assert state_of(space) == SpaceState.NOTIFIED


@pytest.mark.django_db
@pytest.mark.parametrize("decision", [SpaceState.OPPOSED, SpaceState.ACTIVE])
def test_a_space_decided_before_its_date_is_never_touched(decision):
    space = notified()
    space_transition(person=space.person, to_state=decision, actor="assuré")

    spaces_auto_create(now=timezone.now() + LATER)

    assert state_of(space) == decision
    assert not SpaceEvent.objects.filter(to_state=SpaceState.AUTO_CREATED).exists()


@pytest.mark.django_db
def test_the_automatic_creation_is_kept_in_the_history_as_done_by_the_system():
    space = notified()
    now = timezone.now() + LATER

    spaces_auto_create(now=now)

    event = space.events.last()
    assert (event.from_state, event.to_state, event.actor, event.at) == (
        SpaceState.NOTIFIED,
        SpaceState.AUTO_CREATED,
        "système",
        now,
    )


@pytest.mark.django_db
def test_running_it_again_creates_nothing_more():
    space = notified()
    now = timezone.now() + LATER
    spaces_auto_create(now=now)

    moved = spaces_auto_create(now=now + timedelta(hours=1))

    assert moved == 0
    assert space.events.filter(to_state=SpaceState.AUTO_CREATED).count() == 1


@pytest.mark.django_db
def test_it_works_through_several_batches():
    spaces = [notified() for _ in range(5)]

    moved = spaces_auto_create(now=timezone.now() + LATER, batch_size=2)

    assert moved == 5
    assert {state_of(s) for s in spaces} == {SpaceState.AUTO_CREATED}


@pytest.mark.django_db
def test_the_command_takes_the_clock_it_is_given():
    space = notified()
    out = io.StringIO()

    call_command(
        "run_transitions",
        "--now",
        (timezone.now() + LATER).isoformat(),
        stdout=out,
        stderr=io.StringIO(),
    )

    assert state_of(space) == SpaceState.AUTO_CREATED
    assert "1 espace(s) créé(s) automatiquement." in out.getvalue()


@pytest.mark.django_db
def test_the_scheduled_task_creates_the_spaces_whose_date_passed():
    space = notified(at=timezone.now() - LATER)

    tasks.run_transitions.delay()

    assert state_of(space) == SpaceState.AUTO_CREATED


def test_celery_beat_runs_the_transitions_every_hour(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["run-transitions"]

    assert entry == {"task": "ens.activation.tasks.run_transitions", "schedule": 3600}
    assert tasks.run_transitions.name == entry["task"]
