"""Writes of the access log: `access_record`, the one way to add an entry.

Every service or selector that reads or writes a person's health data calls `access_record`
in the same call (and, for writes, in the same transaction), so that data is never shown or
changed without its entry (design §5, issue 7 "read and record go together"). For reads,
`ens.access.selectors.read_and_record` wraps the read and the entry in one transaction.
"""

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from ens.accounts.models import User
from ens.registry.models import InsuredPerson, ParentLink

from . import chain
from .models import AccessChainHead, AccessLogEntry, Action, ActorKind, Mode

RESOURCE_MAX_LENGTH = AccessLogEntry._meta.get_field("resource").max_length
LABEL_MAX_LENGTH = AccessLogEntry._meta.get_field("actor_label").max_length


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _connected_app(request: HttpRequest | None) -> Any:
    """The OAuth2 application behind `request`, if it came with an access token.

    django-oauth-toolkit puts the token on `request.access_token`, Django REST framework on
    `request.auth`; both tokens carry their `application`.
    """
    if request is None:
        return None
    for attribute in ("access_token", "auth"):
        token = getattr(request, attribute, None)
        application = getattr(token, "application", None)
        if application is not None:
            return application
    return None


def professional_label(professional) -> str:
    """As the patient sees it: "Dr Claire Martin, médecin généraliste", "Paul Girard, infirmier"."""
    name = f"{professional.first_name} {professional.last_name}"
    profession = professional.profession.lower()
    if profession in {"médecin", "chirurgien-dentiste"}:
        name = _("Dr %(name)s") % {"name": name}
    if profession == "médecin" and professional.specialty:
        if professional.specialty.lower() == "médecine générale":
            profession = _("médecin généraliste")
        else:
            profession = f"{profession} ({professional.specialty.lower()})"
    return f"{name}, {profession}"


def actor_identity(
    *, actor: User | None, person: InsuredPerson, request: HttpRequest | None = None
) -> tuple[str, str]:
    """(kind, label) of who acts on `person`'s data, as the patient will read it.

    Computed at write time and kept in the entry: a later change of name or profession does
    not rewrite what the patient was shown.
    """
    application = _connected_app(request)
    if application is not None:
        return ActorKind.APP, _("%(name)s (service connecté)") % {"name": application.name}
    if actor is None:
        return ActorKind.SYSTEM, _("Mon espace santé (traitement automatique)")
    if actor.professional_id is not None:
        return ActorKind.PROFESSIONAL, professional_label(actor.professional)
    if actor.person_id is not None:
        if actor.person_id == person.pk:
            return ActorKind.PATIENT, _("Moi")
        acting = actor.person
        name = f"{acting.first_name} {acting.last_name}"
        if ParentLink.objects.filter(child=person, parent_id=actor.person_id).exists():
            return ActorKind.PARENT, _("%(name)s (parent)") % {"name": name}
        return ActorKind.PATIENT, name
    if actor.is_staff:
        return ActorKind.OPERATOR, _("Assurance Maladie (opérateur)")
    return ActorKind.SYSTEM, actor.get_username()


def _locked_head(person: InsuredPerson) -> AccessChainHead:
    """The person's chain head, locked until the end of the transaction (created if new).

    `ignore_conflicts` makes the first two concurrent writers of a new chain agree on one
    head row (INSERT ... ON CONFLICT DO NOTHING on PostgreSQL and SQLite); the lock then
    orders them. SQLite has no row locks, but its write transactions are serialised
    (settings: transaction_mode IMMEDIATE), which gives the same order.
    """
    head = AccessChainHead.objects.select_for_update().filter(person=person).first()
    if head is None:
        AccessChainHead.objects.bulk_create(
            [AccessChainHead(person=person, last_seq=0, last_hash=chain.GENESIS_HASH)],
            ignore_conflicts=True,
        )
        head = AccessChainHead.objects.select_for_update().get(person=person)
    return head


@transaction.atomic
def access_record(
    *,
    person: InsuredPerson,
    actor: User | None,
    action: str,
    resource: str,
    request: HttpRequest | None = None,
    mode: str = Mode.NORMAL,
    detail: str = "",
) -> AccessLogEntry:
    """Append one entry to `person`'s access log and return it.

    Rule: every read or write of health data by anyone is an entry the patient can see: who,
    what, when, how (design §5; issue 7, "Authorisations and access history" items 2 and 3).
    The entry is chained to the previous one of the same person (design §6): the chain head
    is locked for the rest of the caller's transaction, so concurrent writers queue instead
    of forking the chain; if the caller's transaction rolls back, the entry goes with it,
    exactly like the write it records.

    `action` is one of Action ("read", "create", ...), `mode` "normal" or "emergency"
    (*bris de glace*), `resource` a short French label of what was touched.
    """
    if action not in Action.values:
        raise ValueError(f"unknown access-log action: {action!r}")
    if mode not in Mode.values:
        raise ValueError(f"unknown access-log mode: {mode!r}")
    actor_kind, actor_label = actor_identity(actor=actor, person=person, request=request)
    head = _locked_head(person)
    entry = AccessLogEntry(
        person=person,
        seq=head.last_seq + 1,
        # Taken under the lock: within a chain, dates never go backwards.
        created_at=timezone.now(),
        actor=actor,
        actor_label=_shorten(str(actor_label), LABEL_MAX_LENGTH),
        actor_kind=str(actor_kind),
        action=str(action),
        resource=_shorten(str(resource), RESOURCE_MAX_LENGTH),
        mode=str(mode),
        detail=str(detail),
        prev_hash=head.last_hash,
    )
    entry.entry_hash = chain.hash_of(entry)
    entry.save()
    head.last_seq = entry.seq
    head.last_hash = entry.entry_hash
    head.save(update_fields=["last_seq", "last_hash"])
    return entry
