"""Reads of a patient's space by a professional. Every read of health data asks
ens.professionals.perms.professional_access and is recorded in the access log in the same
call (ens.access.selectors.read_and_record), with mode "emergency" under an emergency access.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Max, Q
from django.http import Http404, HttpRequest

from ens.access.selectors import read_and_record
from ens.accounts.models import User
from ens.registry.models import InsuredPerson
from ens.registry.nir import NirError, parse_nir

from .models import EmergencyAccessOpposition, Professional, ProfessionalBlock
from .perms import Access, professional_access

SUMMARY_RESOURCE = "Synthèse du profil médical"
# A professional sees only spaces that exist: activated or created automatically (design §3).
OPEN_SPACE_STATES = ("active", "auto_created")


def patient_find(*, nir: str, birth_date: date) -> InsuredPerson | None:
    """The insured person with exactly this NIR and birth date, or None (issue 7 item 3).

    A minor child is identified by a parent's NIR and the child's own birth date (design §2).
    No partial match: both must be right, and a failure does not say which was wrong.
    """
    try:
        normalised = parse_nir(nir).value
    except NirError:
        return None
    person = _open_spaces().filter(nir=normalised, birth_date=birth_date).first()
    if person is not None:
        return person
    return (
        _open_spaces().filter(parent_links__parent__nir=normalised, birth_date=birth_date).first()
    )


def _open_spaces():
    """People whose space is open: their own, or, for a child, a parent's (design §1)."""
    open_space = Q(space__state__in=OPEN_SPACE_STATES) | Q(
        parent_links__parent__space__state__in=OPEN_SPACE_STATES
    )
    return InsuredPerson.objects.filter(open_space).distinct()


def searched_patient_get(*, viewer: User, person_id: int, searched: list[int]) -> InsuredPerson:
    """A patient `viewer` found by a search (NIR + birth date) in this session, or Http404.

    The patient pages carry the person's id; `searched` (kept in the professional's session
    by the search) makes a guessed id worthless: never a patient without a valid search.
    """
    _professional_of(viewer)
    if person_id not in searched:
        raise Http404
    person = _open_spaces().filter(pk=person_id).first()
    if person is None:
        raise Http404
    return person


def _professional_of(viewer: User) -> Professional:
    if viewer.professional_id is None:
        raise Http404
    return viewer.professional


def patient_access(*, viewer: User, person: InsuredPerson) -> Access:
    return professional_access(professional=_professional_of(viewer), person=person)


def patient_summary(*, viewer: User, person: InsuredPerson, request: HttpRequest | None = None):
    """The summary (*synthèse*) a professional sees: the whole medical profile and the
    latest measurements (ens.medical_profile's overview), recorded as one read, in emergency
    mode under an emergency access. Http404 when blocked (issue 7 item 3).

    ens.medical_profile.selectors.profile_summary records its reads in normal mode only,
    hence the overview is read here with the mode that perms decided.
    """
    from dataclasses import replace

    from ens.measures.selectors import _latest
    from ens.medical_profile.selectors import _overview

    access = patient_access(viewer=viewer, person=person)
    if not access.sees_summary:
        raise Http404
    return read_and_record(
        person=person,
        actor=viewer,
        resource=SUMMARY_RESOURCE,
        read=lambda: replace(_overview(person), measurements=_latest(person)),
        request=request,
        mode=access.mode,
    )


def _visible_documents(access: Access, person: InsuredPerson):
    from ens.documents.models import Document

    documents = Document.objects.filter(person=person, category__in=access.categories)
    if not access.sees_hidden:
        documents = documents.visible_to_professionals()
    return documents


def patient_documents(
    *, viewer: User, person: InsuredPerson, request: HttpRequest | None = None
) -> list:
    """The documents `viewer`'s professional may see of `person` (perms), recorded as a read
    of the list."""
    access = patient_access(viewer=viewer, person=person)
    if access.blocked:
        raise Http404
    return read_and_record(
        person=person,
        actor=viewer,
        resource="Liste des documents",
        read=lambda: list(_visible_documents(access, person)),
        request=request,
        mode=access.mode,
    )


def patient_document_content(
    *, viewer: User, person: InsuredPerson, document_id, request: HttpRequest | None = None
):
    """A document of `person` the professional may see, decrypted, recorded as a download.
    Another patient's document, a hidden one or a category not allowed: Http404."""
    from ens.documents.selectors import document_content

    access = patient_access(viewer=viewer, person=person)
    if access.blocked:
        raise Http404
    return document_content(
        viewer=viewer,
        person=person,
        document_id=document_id,
        download=True,
        among=_visible_documents(access, person),
        mode=access.mode,
        request=request,
    )


@dataclass
class AuthorisationRow:
    professional: Professional
    label: str
    treating_doctor: bool = False
    shared: bool = False
    last_access: datetime | None = None
    blocked: bool = False


def authorisations(*, person: InsuredPerson) -> list[AuthorisationRow]:
    """The professionals who accessed (from the access log) or may access (treating doctor,
    shares of the summary) `person`'s space, and those blocked (design §5, issue 7
    "Authorisations" item 1). Who, not what: not health data, not recorded as a read.

    The caller got `person` from ens.space.selectors.space_profile_get.
    """
    from ens.access.models import AccessLogEntry, ActorKind
    from ens.access.services import professional_label
    from ens.medical_profile.models import ProfileShare, TreatingDoctor

    rows: dict[int, AuthorisationRow] = {}

    def row(professional: Professional) -> AuthorisationRow:
        if professional.pk not in rows:
            rows[professional.pk] = AuthorisationRow(
                professional=professional, label=professional_label(professional)
            )
        return rows[professional.pk]

    doctor = TreatingDoctor.objects.filter(person=person).select_related("professional").first()
    if doctor is not None and doctor.professional is not None:
        row(doctor.professional).treating_doctor = True
    shares = ProfileShare.objects.filter(person=person, revoked_at__isnull=True)
    for share in shares.select_related("professional"):
        row(share.professional).shared = True
    accesses = (
        AccessLogEntry.objects.filter(
            person=person, actor_kind=ActorKind.PROFESSIONAL, actor__professional__isnull=False
        )
        .values("actor__professional")
        .annotate(last=Max("created_at"))
    )
    last_by_id = {a["actor__professional"]: a["last"] for a in accesses}
    blocked_ids = set(
        ProfessionalBlock.objects.filter(person=person).values_list("professional_id", flat=True)
    )
    for professional in Professional.objects.filter(pk__in=set(last_by_id) | blocked_ids):
        current = row(professional)
        current.last_access = last_by_id.get(professional.pk)
        current.blocked = professional.pk in blocked_ids
    return sorted(
        rows.values(),
        key=lambda r: (not r.treating_doctor, r.professional.last_name, r.professional.pk),
    )


def treating_doctor_label(*, person: InsuredPerson) -> str:
    from ens.medical_profile.models import TreatingDoctor

    doctor = TreatingDoctor.objects.filter(person=person).select_related("professional").first()
    return doctor.title if doctor is not None else ""


def emergency_opposed(*, person: InsuredPerson) -> bool:
    return EmergencyAccessOpposition.objects.filter(person=person).exists()


def professional_get(*, professional_id: int) -> Professional:
    professional = Professional.objects.filter(pk=professional_id).first()
    if professional is None:
        raise Http404
    return professional
