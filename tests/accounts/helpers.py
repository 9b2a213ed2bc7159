"""People and session states for the tests of the last activation steps (credentials)."""

from datetime import date, timedelta

from django.utils import timezone

from ens.registry.models import CarteVitale, InsuredPerson

CHRISTIAN_EMAIL = "christian@example.fr"
CHRISTIAN_MOBILE = "+33712345678"
GOOD_PASSWORD = "Brume-Lointaine-42"


def christian(**overrides) -> InsuredPerson:
    """Christian Dupont of design §7, with the contacts the registry knows."""
    fields = {
        "nir": "184127645108946",
        "birth_date": date(1984, 12, 14),
        "last_name": "Dupont",
        "first_name": "Christian",
        "sex": "M",
        "email": CHRISTIAN_EMAIL,
        "mobile": CHRISTIAN_MOBILE,
        "postal_code": "76000",
        "city": "Rouen",
    }
    fields.update(overrides)
    person = InsuredPerson.objects.create(**fields)
    CarteVitale.objects.create(person=person, serial="8025000002", has_photo=True)
    return person


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
