import pytest
from django.http import Http404

from ens.access.models import AccessLogEntry
from ens.messaging.models import Attachment, Conversation, Message
from ens.messaging.selectors import message_unread_count
from ens.messaging.services import (
    MessageRefused,
    NotAllowed,
    attachment_save_to_documents,
    conversation_delete,
    conversation_set_archived,
    message_deliver_welcome,
    message_reply,
)
from ens.notifications.models import Notification
from tests.accounts.helpers import christian
from tests.documents.files import EXECUTABLE, FAKE_PDF

from .conftest import open_space, with_pdf, write

pytestmark = pytest.mark.django_db


# --- the welcome message (activation) ---


def test_the_welcome_message_greets_the_person_by_first_name():
    message = message_deliver_welcome(person=christian())
    assert message.sender_label == "Mon espace santé"
    assert message.body.startswith("Bonjour Christian,")


def test_the_welcome_message_is_delivered_once():
    person = christian()
    message_deliver_welcome(person=person)
    message_deliver_welcome(person=person)
    assert Message.objects.filter(recipient=person).count() == 1


def test_the_welcome_message_counts_as_unread():
    person = christian()
    message_deliver_welcome(person=person)
    assert message_unread_count(person=person) == 1


def test_the_welcome_message_cannot_be_answered(patient):
    message = message_deliver_welcome(person=patient.person)
    with pytest.raises(NotAllowed):
        message_reply(actor=patient, conversation_id=message.conversation_id, body="Merci")


# --- encryption at rest ---


def test_subjects_bodies_and_attachments_are_stored_encrypted(professional, patient):
    conversation = write(professional, patient.person, subject="Glycémie", files=with_pdf())
    message = conversation.messages.get()
    assert b"Glyc" not in bytes(conversation.subject_ciphertext)
    assert "résultats".encode() not in bytes(message.body_ciphertext)
    attachment = Attachment.objects.get()
    from ens.documents.storage import documents_storage

    with documents_storage().open(attachment.storage_name, "rb") as handle:
        assert b"%PDF" not in handle.read()
    assert message.body.startswith("Bonjour")


def test_a_body_copied_onto_another_message_does_not_decrypt(professional, patient):
    from ens.lib.crypto import DecryptionError

    first = write(professional, patient.person).messages.get()
    second = write(professional, patient.person, body="Autre").messages.get()
    second.body_ciphertext = first.body_ciphertext
    with pytest.raises(DecryptionError):
        _ = second.body


# --- who writes ---


def test_a_professional_writes_first_and_it_is_logged(professional, patient):
    conversation = write(professional, patient.person)
    entry = AccessLogEntry.objects.get(person=patient.person, action="create")
    assert entry.actor == professional
    assert conversation.correspondent_label in entry.resource


def test_a_patient_cannot_start_a_conversation(patient, stranger):
    from ens.messaging.services import conversation_start

    with pytest.raises(NotAllowed):
        conversation_start(actor=patient, person=stranger.person, subject="Bonjour", body="Hé")


def test_nobody_writes_to_a_space_that_is_not_open(professional):
    from tests.factories import InsuredPersonFactory

    with pytest.raises(NotAllowed):
        write(professional, InsuredPersonFactory())
    assert not Conversation.objects.exists()


def test_an_empty_body_is_refused(professional, patient):
    with pytest.raises(MessageRefused) as refused:
        write(professional, patient.person, body="   \n ")
    assert refused.value.field == "body"


def test_a_body_over_the_limit_is_refused(professional, patient):
    with pytest.raises(MessageRefused, match="5000"):
        write(professional, patient.person, body="x" * 5001)


def test_an_empty_subject_is_refused(professional, patient):
    with pytest.raises(MessageRefused) as refused:
        write(professional, patient.person, subject="  ")
    assert refused.value.field == "subject"


@pytest.mark.parametrize("content", [EXECUTABLE, FAKE_PDF, b""])
def test_an_attachment_is_checked_as_a_document_is(professional, patient, content):
    with pytest.raises(MessageRefused) as refused:
        write(professional, patient.person, files=[("ordonnance.pdf", content)])
    assert refused.value.field == "attachment"
    assert not Conversation.objects.exists()


def test_the_patient_answers_and_the_professional_sees_it_unread(professional, patient):
    conversation = write(professional, patient.person)
    message_reply(actor=patient, conversation_id=conversation.pk, body="Merci docteur")
    answer = conversation.messages.get(author_kind="patient")
    assert answer.body == "Merci docteur"
    assert answer.is_unread


def test_a_stranger_cannot_answer_someone_elses_conversation(professional, patient, stranger):
    conversation = write(professional, patient.person)
    with pytest.raises(Http404):
        message_reply(actor=stranger, conversation_id=conversation.pk, body="Coucou")


def test_another_professional_cannot_answer_it(professional, patient):
    from tests.factories import UserFactory

    conversation = write(professional, patient.person)
    with pytest.raises(Http404):
        message_reply(actor=UserFactory(pro=True), conversation_id=conversation.pk, body="Hé")


def test_a_parent_answers_for_their_child(professional, parent, child):
    conversation = write(professional, open_space(child))
    message_reply(actor=parent, conversation_id=conversation.pk, body="Merci")
    assert conversation.messages.filter(author_kind="patient").exists()


# --- notification ---


def test_the_patient_is_notified_without_the_content(professional, patient):
    write(professional, patient.person, subject="Glycémie", body="Votre glycémie est haute")
    mail = Notification.objects.get(template="message_waiting")
    assert mail.to == patient.email
    assert "Leroy" in mail.body_text
    for secret in ("Glycémie", "glycémie"):
        assert secret not in mail.body_text + mail.subject + mail.body_html


def test_the_parents_are_notified_for_a_child(professional, parent, child):
    write(professional, open_space(child))
    assert Notification.objects.get(template="message_waiting").to == parent.email


# --- archive, delete, save to documents ---


def test_archiving_keeps_the_unread_badge_and_is_logged(professional, patient):
    conversation = write(professional, patient.person)
    conversation_set_archived(actor=patient, conversation_id=conversation.pk, archived=True)
    assert message_unread_count(person=patient.person) == 1
    assert AccessLogEntry.objects.filter(person=patient.person, action="update").exists()


def test_deleting_hides_it_from_the_patient_only(professional, patient):
    conversation = write(professional, patient.person)
    conversation_delete(actor=patient, conversation_id=conversation.pk)
    assert message_unread_count(person=patient.person) == 0
    assert Conversation.objects.filter(pk=conversation.pk, professional__isnull=False).exists()


def test_a_new_message_brings_a_deleted_conversation_back(professional, patient):
    conversation = write(professional, patient.person)
    conversation_delete(actor=patient, conversation_id=conversation.pk)
    message_reply(actor=professional, conversation_id=conversation.pk, body="Relance")
    assert message_unread_count(person=patient.person) == 2


def test_a_stranger_cannot_delete_it(professional, patient, stranger):
    conversation = write(professional, patient.person)
    with pytest.raises(Http404):
        conversation_delete(actor=stranger, conversation_id=conversation.pk)


def test_an_attachment_is_saved_to_the_documents_as_the_professionals(professional, patient):
    write(professional, patient.person, files=with_pdf("bilan.pdf"))
    attachment = Attachment.objects.get()
    document = attachment_save_to_documents(actor=patient, attachment_id=attachment.pk)
    assert document.person == patient.person
    assert document.professional == professional.professional
    assert document.name == "bilan"


def test_saving_twice_makes_one_document(professional, patient):
    write(professional, patient.person, files=with_pdf())
    attachment = Attachment.objects.get()
    first = attachment_save_to_documents(actor=patient, attachment_id=attachment.pk)
    assert attachment_save_to_documents(actor=patient, attachment_id=attachment.pk) == first


def test_a_stranger_cannot_save_someone_elses_attachment(professional, patient, stranger):
    write(professional, patient.person, files=with_pdf())
    with pytest.raises(Http404):
        attachment_save_to_documents(actor=stranger, attachment_id=Attachment.objects.get().pk)


def test_a_blocked_professional_can_neither_start_nor_answer(professional, patient):
    from ens.professionals.models import ProfessionalBlock

    conversation = write(professional, patient.person)
    ProfessionalBlock.objects.create(person=patient.person, professional=professional.professional)
    with pytest.raises(NotAllowed, match="bloqué"):
        write(professional, patient.person)
    with pytest.raises(NotAllowed, match="bloqué"):
        message_reply(actor=professional, conversation_id=conversation.pk, body="Relance")
    assert conversation.messages.count() == 1
