"""Reads of the medical profile. Every read of health data leaves its access-log entry in the
same call (design §5, conventions "Business logic and access"), through
`ens.access.selectors.read_and_record`.

The caller passes the profile open in the space (`request.space_profile`, checked by
ens.space.selectors.space_profile_get); entries are only ever looked up within that
profile, so a guessed id of someone else's entry is a 404 and leaves no entry.
"""

from dataclasses import dataclass, field
from datetime import date

from django.http import Http404, HttpRequest
from django.utils import timezone

from ens.access.selectors import read_and_record
from ens.accounts.models import User
from ens.measures.selectors import latest_measurements
from ens.registry.models import InsuredPerson

from .measures import body_mass_index
from .models import MedicalProfile, ProfileEntry, ProfileShare, Vaccination
from .sections import SECTIONS, ProfileSection
from .vaccination_calendar import DueVaccination, vaccinations_due

PROFILE_RESOURCE = "Profil médical"
ANSWERS_RESOURCE = "Profil médical — réponses du questionnaire de première visite"
SUMMARY_RESOURCE = "Synthèse du profil médical"


def section_resource(section: ProfileSection) -> str:
    """The access-log label of a section's list: "Profil médical — traitements"."""
    return f"{PROFILE_RESOURCE} — {section.log_name}"


def entry_resource(section: ProfileSection, entry: ProfileEntry) -> str:
    """The access-log label of one entry: "Profil médical — traitement « Doliprane »"."""
    return f"{PROFILE_RESOURCE} — {section.log_name} « {entry.title} »"


def medical_profile_get(
    *, viewer: User, person: InsuredPerson, request: HttpRequest | None = None
) -> MedicalProfile | None:
    """`person`'s first-visit answers as `viewer` sees them, or None if nothing was answered.

    The caller has checked that `viewer` may act on `person`
    (ens.space.selectors.space_profile_get); the read is recorded in the access log.
    """
    return read_and_record(
        person=person,
        actor=viewer,
        resource=ANSWERS_RESOURCE,
        read=lambda: MedicalProfile.objects.filter(person=person).first(),
        request=request,
    )


def first_visit_pending(*, person: InsuredPerson) -> bool:
    """Whether `person` has still to see the welcome and the five questions (seed 003).

    Not health data: only whether the questions were finished or skipped.
    """
    done_at = (
        MedicalProfile.objects.filter(person=person)
        .values_list("first_visit_done_at", flat=True)
        .first()
    )
    return done_at is None


def _entries(person: InsuredPerson, section: ProfileSection) -> list[ProfileEntry]:
    return list(section.model.objects.filter(person=person).select_related(*section.related))


def section_entries(
    *,
    viewer: User,
    person: InsuredPerson,
    section: ProfileSection,
    request: HttpRequest | None = None,
) -> list[ProfileEntry]:
    """The entries of one section of `person`'s profile, recorded as read by `viewer`."""
    return read_and_record(
        person=person,
        actor=viewer,
        resource=section_resource(section),
        read=lambda: _entries(person, section),
        request=request,
    )


def section_entry_get(
    *,
    viewer: User,
    person: InsuredPerson,
    section: ProfileSection,
    entry_id: int,
    request: HttpRequest | None = None,
) -> ProfileEntry:
    """`person`'s entry `entry_id` of `section`, recorded as read; Http404 otherwise.

    The access helper of the profile's entries: an id of another person's entry, or of
    another section, is a 404 and records nothing, as nothing was read.
    """

    def read() -> ProfileEntry:
        entry = section.model.objects.filter(person=person, pk=entry_id).first()
        if entry is None:
            raise Http404
        return entry

    return read_and_record(
        person=person,
        actor=viewer,
        resource=lambda entry: entry_resource(section, entry),
        read=read,
        request=request,
    )


def vaccination_reminders(
    person: InsuredPerson, vaccinations: list[Vaccination], today: date | None = None
) -> list[DueVaccination]:
    """What the vaccination calendar recommends now for `person`, given what is recorded."""
    done = [(v.target, v.given_on) for v in vaccinations]
    return vaccinations_due(person.birth_date, done, today or timezone.localdate())


@dataclass(frozen=True)
class SectionEntries:
    section: ProfileSection
    entries: list[ProfileEntry]


@dataclass(frozen=True)
class ProfileOverview:
    """Everything the profile page and the summary show, read at once."""

    person: InsuredPerson
    answers: MedicalProfile
    sections: list[SectionEntries]
    reminders: list[DueVaccination]
    measurements: dict = field(default_factory=dict)

    @property
    def bmi(self):
        return body_mass_index(self.answers.height_m, self.answers.weight_kg)


def _overview(person: InsuredPerson) -> ProfileOverview:
    sections = [SectionEntries(s, _entries(person, s)) for s in SECTIONS]
    vaccinations = next(s.entries for s in sections if s.section.model is Vaccination)
    return ProfileOverview(
        person=person,
        # Nothing answered yet reads as an empty profile: every answer "non renseigné".
        answers=MedicalProfile.objects.filter(person=person).first() or MedicalProfile(),
        sections=sections,
        reminders=vaccination_reminders(person, vaccinations),
    )


def profile_overview(
    *, viewer: User, person: InsuredPerson, request: HttpRequest | None = None
) -> ProfileOverview:
    """The whole profile of `person` (answers, every section, vaccination reminders), recorded
    as one read by `viewer`."""
    return read_and_record(
        person=person,
        actor=viewer,
        resource=PROFILE_RESOURCE,
        read=lambda: _overview(person),
        request=request,
    )


def profile_summary(
    *,
    viewer: User,
    person: InsuredPerson,
    request: HttpRequest | None = None,
    download: bool = False,
) -> ProfileOverview:
    """The *synthèse* of `person`'s profile (issue 6 item 4): the whole profile and the latest
    measurements, recorded as read (or downloaded, for the PDF) by `viewer`."""

    def read() -> ProfileOverview:
        overview = _overview(person)
        return ProfileOverview(
            person=overview.person,
            answers=overview.answers,
            sections=overview.sections,
            reminders=overview.reminders,
            # Recorded as its own read, in the same transaction.
            measurements=latest_measurements(person, viewer=viewer, request=request),
        )

    return read_and_record(
        person=person,
        actor=viewer,
        resource=SUMMARY_RESOURCE,
        read=read,
        request=request,
        action="download" if download else "read",
    )


def profile_shares(*, person: InsuredPerson) -> list[ProfileShare]:
    """With whom `person` shares the summary now, newest first.

    Not health data (who, not what): like the authorisations, not recorded as a read.
    """
    return list(
        ProfileShare.objects.filter(person=person, revoked_at__isnull=True).select_related(
            "professional"
        )
    )
