"""professional_access: the one rule of what a professional sees of a patient."""

from ens.professionals.matrix import ALL
from ens.professionals.models import EmergencyAccess, HabilitationRule, ProfessionalBlock
from ens.professionals.perms import is_emergency_professional, professional_access

from .conftest import make_treating_doctor, pro_user


def test_a_physician_sees_every_category_by_default(patient, professional):
    access = professional_access(professional=professional.professional, person=patient.person)
    assert access.categories == frozenset(ALL)
    assert not access.sees_hidden


def test_a_physiotherapist_sees_fewer_categories_than_a_physician(patient, kine):
    access = professional_access(professional=kine.professional, person=patient.person)
    assert "ordonnance" in access.categories
    assert "biologie" not in access.categories
    assert access.categories < frozenset(ALL)


def test_a_pharmacist_sees_prescriptions_and_vaccinations(patient, db):
    pharmacist = pro_user("Pharmacien", "")
    access = professional_access(professional=pharmacist.professional, person=patient.person)
    assert {"ordonnance", "vaccination"} <= access.categories
    assert "imagerie" not in access.categories


def test_the_matrix_edited_by_the_operator_is_followed(patient, kine):
    HabilitationRule.objects.filter(
        profession="Masseur-kinésithérapeute", category="biologie"
    ).update(allowed=True)
    access = professional_access(professional=kine.professional, person=patient.person)
    assert "biologie" in access.categories


def test_a_profession_without_rules_sees_no_document(patient, db):
    other = pro_user("Audioprothésiste", "")
    access = professional_access(professional=other.professional, person=patient.person)
    assert access.categories == frozenset()


def test_a_blocked_professional_sees_nothing(patient, professional):
    ProfessionalBlock.objects.create(person=patient.person, professional=professional.professional)
    access = professional_access(professional=professional.professional, person=patient.person)
    assert access.blocked
    assert not access.sees_summary
    assert not access.allows_document(category="ordonnance", hidden=False)


def test_the_treating_doctor_also_sees_hidden_documents(patient, professional):
    make_treating_doctor(patient.person, professional.professional)
    access = professional_access(professional=professional.professional, person=patient.person)
    assert access.treating_doctor
    assert access.allows_document(category="autre", hidden=True)


def test_other_professionals_never_see_hidden_documents(patient, professional):
    access = professional_access(professional=professional.professional, person=patient.person)
    assert not access.allows_document(category="ordonnance", hidden=True)


def test_a_blocked_treating_doctor_sees_nothing(patient, professional):
    make_treating_doctor(patient.person, professional.professional)
    ProfessionalBlock.objects.create(person=patient.person, professional=professional.professional)
    assert professional_access(
        professional=professional.professional, person=patient.person
    ).blocked


def test_an_open_emergency_access_is_flagged_and_never_shows_hidden_documents(patient, urgentiste):
    EmergencyAccess.objects.create(
        professional=urgentiste.professional, person=patient.person, reason="Malaise"
    )
    access = professional_access(professional=urgentiste.professional, person=patient.person)
    assert access.emergency
    assert access.mode == "emergency"
    assert not access.allows_document(category="ordonnance", hidden=True)


def test_only_emergency_physicians_and_samu_regulators_may_break_the_glass(
    professional, urgentiste
):
    assert is_emergency_professional(urgentiste.professional)
    assert not is_emergency_professional(professional.professional)
