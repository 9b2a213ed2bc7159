import pytest
from django.db import IntegrityError, transaction

from ens.access import chain
from ens.access.models import AccessChainHead, AccessLogEntry, AppendOnlyError
from ens.access.selectors import read_and_record
from ens.access.services import access_record
from tests.factories import ProfessionalFactory, UserFactory


def _record(person, actor, **kwargs):
    fields = {"action": "read", "resource": "Profil médical — allergies"} | kwargs
    return access_record(person=person, actor=actor, **fields)


def test_the_first_entry_of_a_person_starts_the_chain(patient):
    entry = _record(patient.person, patient)

    assert entry.seq == 1
    assert entry.prev_hash == chain.GENESIS_HASH


def test_each_entry_carries_the_hash_of_the_previous_one(patient):
    first = _record(patient.person, patient)
    second = _record(patient.person, patient, action="update")

    assert second.seq == 2
    assert second.prev_hash == first.entry_hash


def test_the_hash_is_the_keyed_hash_of_the_stored_fields(patient):
    entry = _record(patient.person, patient, detail="motif")

    stored = AccessLogEntry.objects.get(pk=entry.pk)
    assert chain.hash_of(stored) == entry.entry_hash


def test_the_hash_depends_on_the_key(patient, settings):
    entry = _record(patient.person, patient)

    settings.ACCESS_LOG_KEY = "another-key"
    assert chain.hash_of(AccessLogEntry.objects.get(pk=entry.pk)) != entry.entry_hash


def test_chains_are_counted_per_person(patient, stranger):
    _record(patient.person, patient)
    entry = _record(stranger.person, stranger)

    assert entry.seq == 1


def test_the_head_follows_the_last_entry(patient):
    _record(patient.person, patient)
    last = _record(patient.person, patient)

    head = AccessChainHead.objects.get(person=patient.person)
    assert (head.last_seq, head.last_hash) == (2, last.entry_hash)


def test_it_labels_the_person_themself_as_me(patient):
    entry = _record(patient.person, patient)

    assert (entry.actor_kind, entry.actor_label) == ("patient", "Moi")


def test_it_labels_a_parent_with_their_name(parent, child):
    entry = _record(child, parent)

    assert (entry.actor_kind, entry.actor_label) == ("parent", "Bruno Petit (parent)")


def test_it_labels_a_general_practitioner_as_in_the_directory(db, patient):
    claire = UserFactory(
        pro=True, professional__first_name="Claire", professional__last_name="Martin"
    )

    entry = _record(patient.person, claire)

    assert entry.actor_kind == "professional"
    assert entry.actor_label == "Dr Claire Martin, médecin généraliste"


def test_it_labels_a_nurse_without_doctor_title(db, patient):
    nurse = UserFactory(
        professional=ProfessionalFactory(
            first_name="Paul", last_name="Girard", profession="Infirmier", specialty=""
        )
    )

    assert _record(patient.person, nurse).actor_label == "Paul Girard, infirmier"


def test_it_labels_an_operator_as_the_assurance_maladie(patient, staff_user):
    entry = _record(patient.person, staff_user)

    assert (entry.actor_kind, entry.actor_label) == ("operator", "Assurance Maladie (opérateur)")


def test_it_labels_no_actor_as_the_system(patient):
    assert _record(patient.person, None).actor_kind == "system"


def test_it_labels_a_connected_app_by_its_name(patient, rf):
    class Application:
        name = "Suivi Diabète"

    class Token:
        application = Application()

    request = rf.get("/fhir/R4/Patient")
    request.access_token = Token()

    entry = _record(patient.person, patient, request=request)

    assert (entry.actor_kind, entry.actor_label) == ("app", "Suivi Diabète (service connecté)")


def test_it_keeps_the_emergency_mode_and_reason(patient, professional):
    entry = _record(patient.person, professional, mode="emergency", detail="Patient inconscient")

    assert (entry.mode, entry.detail) == ("emergency", "Patient inconscient")


def test_it_refuses_an_unknown_action(patient):
    with pytest.raises(ValueError, match="action"):
        _record(patient.person, patient, action="peek")


def test_it_refuses_an_unknown_mode(patient):
    with pytest.raises(ValueError, match="mode"):
        _record(patient.person, patient, mode="secret")


def test_an_entry_cannot_be_saved_again(patient):
    entry = _record(patient.person, patient)
    entry.resource = "autre chose"

    with pytest.raises(AppendOnlyError):
        entry.save()


def test_an_entry_cannot_be_deleted(patient):
    entry = _record(patient.person, patient)

    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_entries_cannot_be_updated_in_bulk(patient):
    _record(patient.person, patient)

    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(person=patient.person).update(resource="x")


def test_entries_cannot_be_deleted_in_bulk(patient):
    _record(patient.person, patient)

    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(person=patient.person).delete()


def test_the_entry_rolls_back_with_the_callers_write(patient):
    with pytest.raises(IntegrityError), transaction.atomic():
        _record(patient.person, patient, action="update")
        raise IntegrityError("the write failed")

    assert not AccessLogEntry.objects.filter(person=patient.person).exists()
    assert _record(patient.person, patient).seq == 1


def test_read_and_record_returns_the_data_and_records_it(patient):
    data = read_and_record(
        person=patient.person,
        actor=patient,
        resource=lambda value: f"Document « {value} »",
        read=lambda: "Ordonnance du 12/03",
    )

    entry = AccessLogEntry.objects.get(person=patient.person)
    assert data == "Ordonnance du 12/03"
    assert (entry.action, entry.resource) == ("read", "Document « Ordonnance du 12/03 »")


def test_read_and_record_records_nothing_when_the_read_fails(patient):
    def read():
        raise LookupError("not found")

    with pytest.raises(LookupError):
        read_and_record(person=patient.person, actor=patient, resource="Document", read=read)

    assert not AccessLogEntry.objects.exists()


def test_a_too_long_resource_is_shortened(patient):
    entry = _record(patient.person, patient, resource="x" * 400)

    assert len(entry.resource) == 300
    assert entry.resource.endswith("…")
