"""Camille's demo medical profile (design §7: "with a medical profile"; Claire as treating
doctor). Written through the services, so the demo's access history shows the entries."""

from datetime import date
from decimal import Decimal

from ens.accounts.models import User
from ens.professionals.models import Professional
from ens.registry.models import InsuredPerson

from .models import Condition, MedicalProfile
from .sections import SECTIONS_BY_SLUG
from .services import medical_profile_answer, medical_profile_first_visit_done, profile_entry_create

DEMO_ENTRIES: dict[str, list[dict]] = {
    "maladies": [
        {"name": "Asthme", "status": "current", "start_date": date(2004, 9, 1),
         "notes": "Asthme léger, surtout au printemps."},
        {"name": "Appendicectomie", "status": "past", "start_date": date(2009, 6, 12),
         "end_date": date(2009, 6, 15)},
    ],
    "traitements": [
        {"name": "Ventoline 100 µg", "kind": "medication", "dose": "2 bouffées si besoin",
         "start_date": date(2004, 9, 1)},
    ],
    "allergies": [
        {"substance": "Pénicilline", "kind": "drug", "reaction": "Urticaire géante",
         "severity": "moderate", "noticed_on": date(2012, 3, 5)},
        {"substance": "Pollen de graminées", "kind": "environment", "reaction": "Rhinite",
         "severity": "mild"},
    ],
    "vaccinations": [
        {"target": "dtp", "vaccine": "Repevax", "given_on": date(2016, 4, 14), "dose_number": 1,
         "lot": "X4521"},
        {"target": "ror", "vaccine": "Priorix", "given_on": date(1992, 4, 2), "dose_number": 1},
        {"target": "ror", "vaccine": "Priorix", "given_on": date(1993, 1, 8), "dose_number": 2},
        {"target": "covid", "vaccine": "Comirnaty", "given_on": date(2022, 1, 20),
         "dose_number": 3},
    ],
    "antecedents-familiaux": [
        {"condition": "Diabète de type 2", "relative": "father"},
        {"condition": "Cancer du sein", "relative": "grandparent",
         "notes": "Grand-mère maternelle."},
    ],
    "directives-anticipees": [{"status": "none"}],
    "contacts": [
        {"role": "trusted", "name": "Julien Durand", "relation": "Conjoint",
         "phone": "06 11 22 33 44", "since": date(2023, 5, 2)},
        {"role": "emergency", "name": "Sophie Durand", "relation": "Sœur",
         "phone": "07 55 66 77 88"},
    ],
}  # fmt: skip


def demo_medical_profile_ensure(*, camille: InsuredPerson, claire: Professional) -> int:
    """Fill Camille's profile unless it has entries already; returns how many were added.

    To be called from ens.registry.demo.demo_camille_space_fill (idempotent).
    """
    if Condition.objects.filter(person=camille).exists():
        return 0
    user = User.objects.filter(person=camille).first()
    answers = MedicalProfile.objects.filter(person=camille).first()
    if answers is None or answers.height_m is None:
        for field, value in (
            ("height_m", Decimal("1.68")),
            ("weight_kg", Decimal("61.5")),
            ("has_diseases", True),
            ("has_treatments", True),
            ("has_allergies", True),
        ):
            medical_profile_answer(person=camille, field=field, value=value, actor=user)
    # Her space is a full one (design §7): she answered the first-visit questions long ago.
    medical_profile_first_visit_done(person=camille)
    added = 0
    entries = {
        **DEMO_ENTRIES,
        "medecin-traitant": [{"professional": claire, "since": date(2018, 2, 1)}],
    }
    for slug, rows in entries.items():
        section = SECTIONS_BY_SLUG[slug]
        fields = section.form._meta.fields
        for row in rows:
            values = {name: row.get(name, _blank(section, name)) for name in fields}
            profile_entry_create(actor=user, person=camille, section=section, values=values)
            added += 1
    return added


def _blank(section, name: str):
    field = section.model._meta.get_field(name)
    return None if field.null else ""
