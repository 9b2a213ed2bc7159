"""Reads of the activation domain: who is being identified, what they may act on (design §3).

Identity proofs never say which part did not match: callers get a person or None, so no page
can tell whether a NIR exists.
"""

import hmac
from dataclasses import dataclass
from datetime import date, datetime

from ens.lib.codes import code_hash
from ens.registry.models import InsuredPerson

from .models import HealthSpace, ProvisionalCode, SpaceEvent, SpaceState
from .services import PROVISIONAL_PURPOSE


@dataclass(frozen=True)
class Identity:
    """A person of the registry proven by the one who typed the data.

    `parent` is set when a parent identified their child with their own NIR and the child's
    birth date (design §2): the parent acts for the child.
    """

    person: InsuredPerson
    parent: InsuredPerson | None = None

    @property
    def contact_holder(self) -> InsuredPerson:
        """Whose contacts receive a code: a child's own if the registry has any, else the
        parent's."""
        if self.parent and not (self.person.email or self.person.mobile):
            return self.parent
        return self.person


def _candidates(nir: str) -> list[Identity]:
    """People a NIR may designate: its holder, and the children attached to that holder.

    Both queries run whether or not the NIR exists, so the answer takes as long either way.
    """
    people = InsuredPerson.objects.select_related("carte_vitale")
    holder = people.filter(nir=nir).first()
    children = list(people.filter(parent_links__parent__nir=nir).order_by("pk"))
    if holder is None:
        return []
    return [Identity(person=holder)] + [Identity(person=c, parent=holder) for c in children]


def carte_vitale_matches(*, person: InsuredPerson, has_photo: bool, serial: str) -> bool:
    """Whether the card type and serial are those of the card the person uses."""
    card = getattr(person, "carte_vitale", None)
    if card is None:
        # Compare anyway so a missing card takes as long as a wrong one.
        hmac.compare_digest(serial, "0" * len(serial))
        return False
    same_serial = hmac.compare_digest(card.serial.encode(), serial.encode())
    return same_serial and card.has_photo == has_photo


def identity_prove(*, nir: str, birth_date: date, has_photo: bool, serial: str) -> Identity | None:
    """The person designated by NIR + birth date (a child's for a child's profile) whose
    carte Vitale matches type and serial (design §3, "Générer un nouveau code provisoire")."""
    match = None
    for identity in _candidates(nir):
        card_ok = carte_vitale_matches(person=identity.person, has_photo=has_photo, serial=serial)
        if identity.person.birth_date == birth_date and card_ok and match is None:
            match = identity
    return match


def provisional_code_find(*, code: str, nir: str) -> tuple[ProvisionalCode, Identity] | None:
    """The provisional code `code` if it belongs to someone the NIR designates.

    Codes are looked up by keyed hash (ens.lib.codes), so the clear code is never compared
    with stored data; a code of another person never matches (issue 4, security).
    """
    record = (
        ProvisionalCode.objects.select_related("person")
        .filter(code_hash=code_hash(code, purpose=PROVISIONAL_PURPOSE))
        .first()
    )
    if record is None:
        return None
    for identity in _candidates(nir):
        if identity.person.pk == record.person_id:
            return record, identity
    return None


def identity_from_ids(person_id: int, parent_id: int | None) -> Identity | None:
    person = InsuredPerson.objects.select_related("carte_vitale").filter(pk=person_id).first()
    if person is None:
        return None
    parent = None
    if parent_id is not None:
        parent = InsuredPerson.objects.filter(pk=parent_id, child_links__child=person).first()
        if parent is None:
            return None
    return Identity(person=person, parent=parent)


def represented_profiles(*, identity: Identity) -> list[InsuredPerson]:
    """The profiles the identified person may manage: their own and their children's.

    A parent who identified through a child's code proved only the right to act for that
    child, so that child is all they may manage.
    """
    if identity.parent is not None:
        return [identity.person]
    children = InsuredPerson.objects.filter(parent_links__parent=identity.person).order_by(
        "birth_date", "first_name"
    )
    return [identity.person, *children]


def space_state(*, person: InsuredPerson) -> str | None:
    space = HealthSpace.objects.filter(person=person).only("state").first()
    return space.state if space else None


def opposition_date(*, person: InsuredPerson) -> datetime | None:
    """When the person's current opposition was recorded, if their space is opposed."""
    event = (
        SpaceEvent.objects.filter(
            space__person=person, space__state=SpaceState.OPPOSED, to_state=SpaceState.OPPOSED
        )
        .order_by("-at", "-id")
        .first()
    )
    return event.at if event else None


def contacts_of(*, person: InsuredPerson) -> dict[str, str]:
    """The channels a code can be sent to, as {"email": address, "sms": mobile}."""
    contacts = {}
    if person.email:
        contacts["email"] = person.email
    if person.mobile:
        contacts["sms"] = person.mobile
    return contacts


def mask_email(address: str) -> str:
    """c*****@gmail.com: enough for the owner to recognise it, not for a stranger to use."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}*****@{domain}"


def mask_mobile(number: str) -> str:
    """+33 7 ** ** ** 12 for a French E.164 mobile; other numbers keep their last two digits."""
    digits = number.replace(" ", "")
    if digits.startswith("+33") and len(digits) == 12:
        return f"+33 {digits[3]} ** ** ** {digits[-2:]}"
    return f"{digits[:3]} ** ** {digits[-2:]}"
