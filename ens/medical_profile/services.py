"""Writes of the medical profile: every write of health data records its access-log entry in
the same transaction (design §5, §6)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ens.access.services import access_record, professional_label
from ens.accounts.models import User
from ens.professionals.models import Professional
from ens.registry.models import InsuredPerson

from .models import Contact, MedicalProfile, ProfileEntry, ProfileShare
from .questions import QUESTIONS
from .sections import ProfileSection
from .selectors import ANSWERS_RESOURCE, SUMMARY_RESOURCE, entry_resource

ANSWERABLE_FIELDS = frozenset(q.field for q in QUESTIONS)


def _locked_profile(person: InsuredPerson) -> MedicalProfile:
    MedicalProfile.objects.get_or_create(person=person)
    return MedicalProfile.objects.select_for_update().get(person=person)


@transaction.atomic
def medical_profile_answer(
    *,
    person: InsuredPerson,
    field: str,
    value: Any,
    actor: User | None = None,
    request: HttpRequest | None = None,
) -> MedicalProfile:
    """Store one answer of the first-visit questions (seed 003) in `person`'s medical profile.

    Each answer is kept as soon as it is given, so a person who skips half-way keeps what they
    already said; the write is recorded in the access log as done by `actor`. The caller has
    checked that the user may act on `person` (ens.space.selectors.space_profile_get).
    """
    if field not in ANSWERABLE_FIELDS:
        raise ValueError(f"not a first-visit answer: {field!r}")
    profile = _locked_profile(person)
    setattr(profile, field, value)
    profile.answered_at = timezone.now()
    profile.save()
    with translation.override("fr"):  # the access log is kept in French
        label = str(MedicalProfile._meta.get_field(field).verbose_name)
    access_record(
        person=person,
        actor=actor,
        action="update",
        resource=f"{ANSWERS_RESOURCE} — {label}",
        request=request,
    )
    return profile


@transaction.atomic
def medical_profile_first_visit_done(*, person: InsuredPerson) -> MedicalProfile:
    """Mark the first visit as finished or skipped: the home opens directly from now on.

    Seed 003: the welcome and the five questions come once, after the first login, and can
    be skipped ("Passer"). The first date is kept when it is called again.
    """
    profile = _locked_profile(person)
    if profile.first_visit_done_at is None:
        profile.first_visit_done_at = timezone.now()
        profile.save()
    return profile


# Sections of the profile (issue 6 item 1) and the sharing of the summary (item 4).


def _check_entry(
    *, person: InsuredPerson, section: ProfileSection, values: dict, entry: ProfileEntry | None
) -> None:
    """The rules of an entry that need the person or the database; ValidationError by field.

    - a single-entry section (advance directives, treating doctor) holds one entry;
    - dates: not before the person's birth, and not in the future where the model says so
      (a vaccination, an allergy noticed: things that happened);
    - one *personne de confiance* only (Code de la santé publique, art. L1111-6).
    """
    model = section.model
    if section.single and entry is None and model.objects.filter(person=person).exists():
        raise ValidationError(
            _("Cette rubrique est déjà renseignée : modifiez-la plutôt que d'en ajouter une autre.")
        )
    errors: dict[str, str] = {}
    today = timezone.localdate()
    for name in model.dates_after_birth:
        value = values.get(name)
        if value and value < person.birth_date:
            errors[name] = _(
                "La date ne peut pas être antérieure à la date de naissance (%(birth)s)."
            ) % {"birth": person.birth_date.strftime("%d/%m/%Y")}
    for name in model.past_dates:
        value = values.get(name)
        if value and value > today and name not in errors:
            errors[name] = _("La date ne peut pas être dans le futur.")
    if model is Contact and values.get("role") == Contact.Role.TRUSTED:
        others = Contact.objects.filter(person=person, role=Contact.Role.TRUSTED)
        if entry is not None:
            others = others.exclude(pk=entry.pk)
        if others.exists():
            errors["role"] = _(
                "Vous avez déjà désigné une personne de confiance : on ne peut en désigner "
                "qu'une. Modifiez-la, ou choisissez « Contact en cas d'urgence »."
            )
    if errors:
        raise ValidationError(errors)


def _locked_entry(person: InsuredPerson, section: ProfileSection, entry_id: int) -> ProfileEntry:
    entry = section.model.objects.select_for_update().filter(person=person, pk=entry_id).first()
    if entry is None:
        raise Http404
    return entry


@transaction.atomic
def profile_entry_create(
    *,
    actor: User,
    person: InsuredPerson,
    section: ProfileSection,
    values: dict[str, Any],
    request: HttpRequest | None = None,
) -> ProfileEntry:
    """Add an entry to a section of `person`'s profile and record it in the access log.

    Issue 6 item 1 (sections the person adds to); rules in `_check_entry`. The caller has
    checked that `actor` may act on `person` (ens.space.selectors.space_profile_get).
    """
    # Locks the person's profile row: two tabs cannot both add the single advance directive.
    _locked_profile(person)
    _check_entry(person=person, section=section, values=values, entry=None)
    entry = section.model.objects.create(person=person, created_by=actor, **values)
    access_record(
        person=person,
        actor=actor,
        action="create",
        resource=entry_resource(section, entry),
        request=request,
    )
    return entry


@transaction.atomic
def profile_entry_update(
    *,
    actor: User,
    person: InsuredPerson,
    section: ProfileSection,
    entry_id: int,
    values: dict[str, Any],
    request: HttpRequest | None = None,
) -> ProfileEntry:
    """Change one entry of `person`'s profile (same rules as profile_entry_create).

    Only an entry of `person` and of `section` can be changed: any other id is a 404
    (conventions: a guessed id gets a 404, never someone else's data).
    """
    _locked_profile(person)
    entry = _locked_entry(person, section, entry_id)
    _check_entry(person=person, section=section, values=values, entry=entry)
    for name, value in values.items():
        setattr(entry, name, value)
    entry.save()
    access_record(
        person=person,
        actor=actor,
        action="update",
        resource=entry_resource(section, entry),
        request=request,
    )
    return entry


@transaction.atomic
def profile_entry_delete(
    *,
    actor: User,
    person: InsuredPerson,
    section: ProfileSection,
    entry_id: int,
    request: HttpRequest | None = None,
) -> None:
    """Delete one entry of `person`'s profile, after the confirmation page (issue 6 item 1).

    Only an entry of `person` and of `section`: any other id is a 404.
    """
    entry = _locked_entry(person, section, entry_id)
    resource = entry_resource(section, entry)
    entry.delete()
    access_record(person=person, actor=actor, action="delete", resource=resource, request=request)


def _record_share(person: InsuredPerson, actor: User, request, detail: str) -> None:
    access_record(
        person=person,
        actor=actor,
        action="share",
        resource=SUMMARY_RESOURCE,
        request=request,
        detail=detail,
    )


@transaction.atomic
def profile_share_create(
    *,
    actor: User,
    person: InsuredPerson,
    professional_id: int | str,
    request: HttpRequest | None = None,
) -> ProfileShare:
    """Share the summary of `person`'s profile with a professional of the directory.

    Issue 6 item 4 ("shared with chosen professionals; the sharing itself is recorded now"):
    one active share per professional (sharing again keeps the first), recorded in the
    access log as a *partage*. An unknown professional is a 404.
    """
    professional = None
    if str(professional_id).isdigit():
        professional = Professional.objects.filter(pk=professional_id).first()
    if professional is None:
        raise Http404
    _locked_profile(person)
    share = ProfileShare.objects.filter(
        person=person, professional=professional, revoked_at__isnull=True
    ).first()
    if share is not None:
        return share
    share = ProfileShare.objects.create(person=person, professional=professional, by=actor)
    _record_share(person, actor, request, f"Partagée avec {professional_label(professional)}")
    return share


@transaction.atomic
def profile_share_revoke(
    *,
    actor: User,
    person: InsuredPerson,
    share_id: int | str,
    request: HttpRequest | None = None,
) -> ProfileShare:
    """Withdraw a share of `person`'s summary ("Retirer"): the professional may no longer
    read it. The share is kept, dated, for the history; any other id is a 404."""
    share = (
        ProfileShare.objects.select_for_update()
        .filter(person=person, pk=share_id, revoked_at__isnull=True)
        .select_related("professional")
        .first()
    )
    if share is None:
        raise Http404
    share.revoked_at = timezone.now()
    share.save(update_fields=["revoked_at"])
    _record_share(
        person, actor, request, f"Partage retiré à {professional_label(share.professional)}"
    )
    return share
