"""The people of design §7 the activation tests need, created with the ORM."""

import re
from datetime import date, timedelta

from django.utils import timezone

from ens.activation.models import ProvisionalCode
from ens.activation.services import provisional_code_issue
from ens.registry.models import CarteVitale, InsuredPerson, ParentLink
from ens.registry.nir import nir_control_key

CHRISTIAN_NIR = "1 84 12 76 451 089 46"
CHRISTIAN_NIR_VALUE = "184127645108946"
CHRISTIAN_SERIAL = "8025000002"
CHRISTIAN_EMAIL = "christian@example.fr"
CHRISTIAN_MOBILE = "+33712345678"
LEA_SERIAL = "8025000101"


def valid_nir(body: str) -> str:
    return f"{body}{nir_control_key(body):02d}"


def christian(**overrides) -> InsuredPerson:
    """Christian Dupont (design §7), carte Vitale with photo, e-mail and mobile known."""
    fields = {
        "nir": CHRISTIAN_NIR_VALUE,
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
    CarteVitale.objects.create(person=person, serial=CHRISTIAN_SERIAL, has_photo=True)
    return person


def lea(parent: InsuredPerson) -> InsuredPerson:
    """Léa Dupont, born 03/05/2015, attached to `parent`; no contact of her own."""
    child = InsuredPerson.objects.create(
        nir=valid_nir("2150576451123"),
        birth_date=date(2015, 5, 3),
        last_name="Dupont",
        first_name="Léa",
        sex="F",
        postal_code="76000",
    )
    CarteVitale.objects.create(person=child, serial=LEA_SERIAL, has_photo=False)
    ParentLink.objects.create(child=child, parent=parent)
    return child


def stranger() -> InsuredPerson:
    person = InsuredPerson.objects.create(
        nir=valid_nir("2910375112034"),
        birth_date=date(1991, 3, 21),
        last_name="Durand",
        first_name="Camille",
        sex="F",
        email="camille.durand@example.fr",
    )
    CarteVitale.objects.create(person=person, serial="8025000077", has_photo=True)
    return person


def code_for(person: InsuredPerson, *, expired: bool = False) -> tuple[ProvisionalCode, str]:
    """A provisional code as a notification wave sends it (valid until a later date)."""
    now = timezone.now()
    valid_until = now - timedelta(minutes=1) if expired else now + timedelta(days=42)
    return provisional_code_issue(person=person, channel="email", valid_until=valid_until)


def code_in(body: str) -> str:
    """The 12-character code in a message's text."""
    return re.search(r"^\s*([0-9A-Za-z]{12})\s*$", body, re.MULTILINE).group(1)
