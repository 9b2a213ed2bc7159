"""People and session states for the tests of the last activation steps (credentials)."""

from datetime import timedelta

from django.utils import timezone

from ens.registry.models import InsuredPerson

# Christian Dupont of design §7, with the contacts the registry knows: one builder for every
# test (tests/activation/people.py).
from tests.activation.people import CHRISTIAN_EMAIL, CHRISTIAN_MOBILE, christian

__all__ = [
    "CHRISTIAN_EMAIL",
    "CHRISTIAN_MOBILE",
    "GOOD_PASSWORD",
    "activation_state",
    "christian",
    "start_activation",
]

GOOD_PASSWORD = "Brume-Lointaine-42"


def activation_state(person: InsuredPerson, *, minutes_ago: float = 1) -> dict:
    """What the decision page leaves in the session after "J'active" and the CGU."""
    identified_at = timezone.now() - timedelta(minutes=minutes_ago)
    return {
        "person_id": person.pk,
        "identified_at": identified_at.isoformat(),
        "decision": "activate",
        "cgu_accepted_at": (identified_at + timedelta(seconds=30)).isoformat(),
    }


def start_activation(client, person: InsuredPerson, **state_overrides) -> None:
    """Put `client` where the decision page sends a person who chose to activate."""
    session = client.session
    session["activation"] = {**activation_state(person), **state_overrides}
    session.save()
