"""What a professional may see of a patient: ONE function, `professional_access`.

Every page, service and API that shows a patient's data to a professional asks it (issue 7,
Professionals items 3 and 5; "Security and bad input": checks in the service layer).

The rules, in order:
1. a professional the patient blocked sees nothing (design §5, Authorisations);
2. the treating doctor sees every document, hidden ones included (issue 7 item 3);
3. an emergency access (*bris de glace*) still open shows every category but never a hidden
   document, and its reads are recorded as emergency reads (issue 7 item 5);
4. any other professional sees the documents that are not hidden, of the categories that the
   *matrice d'habilitation* (HabilitationRule, edited by the operator) allows their profession.

A block wins over everything, emergency included: the patient's explicit refusal of one
professional is the stronger instruction (decision, README).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from ens.registry.models import InsuredPerson

from .matrix import ALL
from .models import EmergencyAccess, HabilitationRule, Professional, ProfessionalBlock

# How long an emergency access stays open after the reason was given: one shift.
EMERGENCY_WINDOW = timedelta(hours=12)

# The directory's wording (ens.registry.demo.DIRECTORY_KINDS) of who may break the glass.
EMERGENCY_SPECIALTIES = frozenset({"Médecine d'urgence", "Régulation médicale (SAMU)"})


@dataclass(frozen=True)
class Access:
    blocked: bool = False
    categories: frozenset[str] = frozenset()
    sees_hidden: bool = False
    emergency: bool = False
    treating_doctor: bool = False

    @property
    def sees_summary(self) -> bool:
        return not self.blocked

    @property
    def mode(self) -> str:
        """How reads under this access are recorded in the access log."""
        return "emergency" if self.emergency else "normal"

    def allows_document(self, *, category: str, hidden: bool) -> bool:
        if self.blocked or category not in self.categories:
            return False
        return self.sees_hidden or not hidden


NOTHING = Access(blocked=True)


def is_emergency_professional(professional: Professional) -> bool:
    """SAMU regulators and emergency physicians may open a space in an emergency."""
    return professional.profession == "Médecin" and professional.specialty in EMERGENCY_SPECIALTIES


def allowed_categories(profession: str) -> frozenset[str]:
    """The categories the matrix allows `profession` (none when it has no row)."""
    return frozenset(
        HabilitationRule.objects.filter(profession=profession, allowed=True).values_list(
            "category", flat=True
        )
    )


def is_treating_doctor(*, professional: Professional, person: InsuredPerson) -> bool:
    from ens.medical_profile.models import TreatingDoctor

    return TreatingDoctor.objects.filter(person=person, professional=professional).exists()


def open_emergency_access(
    *, professional: Professional, person: InsuredPerson
) -> EmergencyAccess | None:
    since = timezone.now() - EMERGENCY_WINDOW
    return (
        EmergencyAccess.objects.filter(professional=professional, person=person, at__gte=since)
        .order_by("-at")
        .first()
    )


def professional_access(*, professional: Professional, person: InsuredPerson) -> Access:
    """What `professional` may see of `person` (the rules in the module docstring)."""
    if ProfessionalBlock.objects.filter(person=person, professional=professional).exists():
        return NOTHING
    categories = allowed_categories(professional.profession)
    if is_treating_doctor(professional=professional, person=person):
        return Access(categories=frozenset(ALL), sees_hidden=True, treating_doctor=True)
    if open_emergency_access(professional=professional, person=person) is not None:
        return Access(categories=frozenset(ALL), emergency=True)
    return Access(categories=categories)
