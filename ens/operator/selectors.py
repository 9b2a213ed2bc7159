"""Reads of the operator back-office. Every view here is for staff only (ens.operator.access)."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from ens.activation.models import HealthSpace, SpaceEvent, SpaceState
from ens.registry.models import InsuredPerson

from .models import NotificationWave, WaveStatus


@dataclass(frozen=True)
class StateCount:
    label: str
    count: int


def space_statistics() -> tuple[int, list[StateCount]]:
    """How many people the registry holds, and how many spaces are in each state."""
    people = InsuredPerson.objects.count()
    by_state = dict(
        HealthSpace.objects.values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    rows = [StateCount(str(state.label), by_state.get(state.value, 0)) for state in SpaceState]
    without = people - sum(by_state.values())
    return people, [StateCount(_("pas encore notifié"), without), *rows]


def waves_launched() -> QuerySet[NotificationWave]:
    """Waves that were launched (drafts never confirmed are left out), newest first."""
    return NotificationWave.objects.exclude(status=WaveStatus.DRAFT).prefetch_related("letters")


@dataclass(frozen=True)
class SpaceHistory:
    person: InsuredPerson | None
    space: HealthSpace | None
    events: list[SpaceEvent]


def space_history(*, nir: str) -> SpaceHistory:
    """The space of the person with this NIR and every transition it went through."""
    person = InsuredPerson.objects.filter(nir=nir).first()
    space = HealthSpace.objects.filter(person=person).first() if person else None
    events = list(space.events.order_by("at", "pk")) if space else []
    return SpaceHistory(person=person, space=space, events=events)
