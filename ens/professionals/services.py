"""Writes of the professionals app: blocks, the emergency-access opposition, emergency
accesses, and a professional adding a document to a patient's space.

Every write that touches health data records itself in the person's access log
(ens.access.services.access_record) in the same transaction (design §5).
"""

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from ens.access.services import access_record, professional_label
from ens.accounts.models import User
from ens.registry.models import InsuredPerson

if TYPE_CHECKING:
    from ens.documents.models import Document

from .models import (
    EmergencyAccess,
    EmergencyAccessOpposition,
    Professional,
    ProfessionalBlock,
)
from .perms import is_emergency_professional, professional_access


class NotAllowed(Exception):
    """A refusal whose message (French) is for the professional."""


def _professional_of(actor: User) -> Professional:
    if actor.professional_id is None:
        raise Http404
    return actor.professional


@transaction.atomic
def professional_block(
    *, person: InsuredPerson, professional: Professional, actor: User
) -> ProfessionalBlock:
    """Block `professional` from `person`'s space. The caller got `person` from
    ens.space.selectors.space_profile_get (the person or a parent). Design §5: "block one"."""
    block, _created = ProfessionalBlock.objects.get_or_create(
        person=person, professional=professional
    )
    return block


@transaction.atomic
def professional_unblock(*, person: InsuredPerson, professional: Professional, actor: User) -> None:
    """Lift the block of `professional` on `person`'s space (design §5)."""
    ProfessionalBlock.objects.filter(person=person, professional=professional).delete()


@transaction.atomic
def emergency_opposition_set(*, person: InsuredPerson, opposed: bool, actor: User) -> None:
    """Record whether `person` opposes emergency access (issue 7, Professionals item 5)."""
    if opposed:
        EmergencyAccessOpposition.objects.get_or_create(person=person)
    else:
        EmergencyAccessOpposition.objects.filter(person=person).delete()


def _notify_emergency(*, person: InsuredPerson, professional: Professional) -> None:
    """E-mail the patient (or their parents for a child) and the treating doctor that an
    emergency access took place: who and when, never the data itself."""
    from ens.medical_profile.models import TreatingDoctor
    from ens.notifications.services import notification_send

    context = {
        "professional_label": professional_label(professional),
        "patient_name": f"{person.first_name} {person.last_name}",
        "url": f"{settings.SITE_URL}/espace/historique/",
    }
    recipients = []
    if person.email:
        recipients.append((person.email, person.first_name))
    else:
        for link in person.parent_links.select_related("parent"):
            if link.parent.email:
                recipients.append((link.parent.email, link.parent.first_name))
    doctor = TreatingDoctor.objects.filter(person=person).select_related("professional").first()
    treating = doctor.professional if doctor is not None else None
    if treating is not None and treating.email and treating.pk != professional.pk:
        recipients.append((treating.email, f"Dr {treating.last_name}"))
    for address, first_name in recipients:
        notification_send(
            channel="email",
            to=address,
            template="emergency_access",
            context={**context, "first_name": first_name},
        )


@transaction.atomic
def emergency_access_open(
    *, actor: User, person: InsuredPerson, reason: str, request: HttpRequest | None = None
) -> EmergencyAccess:
    """Open an emergency access (*bris de glace*) for `actor`'s professional on `person`.

    Rule: issue 7, Professionals item 5: only SAMU regulators and emergency physicians,
    with a stated reason, never when the patient opposed emergency access nor blocked this
    professional; recorded in the access log as an emergency access; the patient and their
    treating doctor are notified by e-mail afterwards (after the commit).
    """
    professional = _professional_of(actor)
    if not is_emergency_professional(professional):
        raise NotAllowed(
            _("L'accès en urgence est réservé aux médecins urgentistes et aux régulateurs du SAMU.")
        )
    if EmergencyAccessOpposition.objects.filter(person=person).exists():
        raise NotAllowed(_("Ce patient s'est opposé à l'accès en urgence à son espace santé."))
    if professional_access(professional=professional, person=person).blocked:
        raise NotAllowed(_("Ce patient a bloqué votre accès à son espace santé."))
    reason = reason.strip()
    if not reason:
        raise NotAllowed(_("Indiquez le motif de l'accès en urgence."))
    access = EmergencyAccess.objects.create(professional=professional, person=person, reason=reason)
    access_record(
        person=person,
        actor=actor,
        action="read",
        resource="Ouverture de l'espace santé en urgence",
        request=request,
        mode="emergency",
        detail=reason[:200],
    )
    transaction.on_commit(lambda: _notify_emergency(person=person, professional=professional))
    return access


def professional_document_add(
    *,
    actor: User,
    person: InsuredPerson,
    content: bytes,
    filename: str,
    name: str,
    document_date: date,
    category: str,
    request: HttpRequest | None = None,
) -> "Document":
    """A professional adds a document to `person`'s space, its author shown as them.

    Rule: issue 7, Professionals item 4. Refused (Http404) to a professional the patient
    blocked; that rule is checked here, then ens.documents.services.document_create stores
    the document (content checks, sealing, storage) and writes the access-log entry, which
    names the professional, in the same transaction as the record.
    """
    from ens.documents.models import AuthorKind
    from ens.documents.services import document_create

    professional = _professional_of(actor)
    access = professional_access(professional=professional, person=person)
    if access.blocked:
        raise Http404
    return document_create(
        person=person,
        actor=actor,
        content=content,
        filename=filename,
        name=name,
        document_date=document_date,
        category=category,
        author_kind=AuthorKind.PROFESSIONAL,
        professional=professional,
        mode=access.mode,
        request=request,
    )
