"""The patient's messaging pages, through the test client."""

import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ens.access.models import AccessLogEntry
from ens.documents.models import Document
from ens.messaging.models import Attachment, Conversation
from ens.messaging.services import message_deliver_welcome
from tests.documents.files import EXECUTABLE

from .conftest import open_space, with_pdf, write

pytestmark = pytest.mark.django_db

INBOX = "/espace/messagerie/"


def html(response) -> str:
    return response.content.decode()


def url(conversation) -> str:
    return f"{INBOX}{conversation.pk}/"


def field_error(response, field: str) -> str:
    match = re.search(rf'id="id_{field}-desc-error">(.*?)</div>', html(response), re.S)
    assert match, f"no error next to {field}"
    return unescape(re.sub(r"<[^>]+>", " ", match.group(1)))


def switch_to(client, person):
    client.post("/espace/profils/ouvrir/", {"profile": person.pk})


# --- inbox ---


def test_the_inbox_shows_the_patients_address(client, patient):
    client.force_login(patient)
    assert f"{patient.person.nir}@patient.mssante.fr" in html(client.get(INBOX))


def test_an_unread_conversation_is_bold_with_its_count(client, professional, patient):
    write(professional, patient.person, subject="Résultats du bilan")
    client.force_login(patient)
    page = html(client.get(INBOX))
    assert "ens-messaging__row--unread" in page
    assert "1 non lu" in page
    assert "Résultats du bilan" in page


def test_reading_the_inbox_is_logged(client, patient):
    client.force_login(patient)
    client.get(INBOX)
    entry = AccessLogEntry.objects.get(person=patient.person, action="read")
    assert "boîte de réception" in entry.resource


def test_the_welcome_message_is_in_the_inbox(client, patient):
    message_deliver_welcome(person=patient.person)
    client.force_login(patient)
    assert "Bienvenue dans Mon espace santé" in html(client.get(INBOX))


def test_a_professional_cannot_open_the_patients_inbox(client, professional):
    client.force_login(professional)
    assert client.get(INBOX).status_code == 403


def test_there_is_no_page_to_start_a_conversation(client, patient):
    client.force_login(patient)
    assert client.get(f"{INBOX}nouveau/").status_code == 404


# --- a conversation ---


def test_opening_a_conversation_reads_it_and_logs_the_read(client, professional, patient):
    conversation = write(professional, patient.person, body="Vos résultats sont normaux.")
    client.force_login(patient)
    page = html(client.get(url(conversation)))
    assert "Vos résultats sont normaux." in page
    assert not conversation.messages.filter(read_at=None).exists()
    assert AccessLogEntry.objects.filter(
        person=patient.person, action="read", resource__contains="conversation avec"
    ).exists()
    assert "message non lu" not in html(client.get(INBOX))


def test_the_patient_answers(client, professional, patient):
    conversation = write(professional, patient.person)
    client.force_login(patient)
    response = client.post(url(conversation), {"body": "Merci docteur"}, follow=True)
    assert "Votre réponse a été envoyée." in html(response)
    assert "Merci docteur" in html(response)


def test_an_empty_answer_is_refused_next_to_its_field(client, professional, patient):
    conversation = write(professional, patient.person)
    client.force_login(patient)
    response = client.post(url(conversation), {"body": "  "})
    assert "Saisissez votre message." in field_error(response, "body")


def test_a_bad_attachment_is_refused_and_the_text_kept(client, professional, patient):
    conversation = write(professional, patient.person)
    client.force_login(patient)
    data = {
        "body": "Voici mon ordonnance",
        "attachment": SimpleUploadedFile("ordonnance.pdf", EXECUTABLE, "application/pdf"),
    }
    response = client.post(url(conversation), data)
    assert "PDF" in field_error(response, "attachment")
    assert "Voici mon ordonnance" in html(response)
    assert conversation.messages.count() == 1


def test_an_attachment_is_downloaded_and_logged(client, professional, patient):
    write(professional, patient.person, files=with_pdf("bilan.pdf"))
    attachment = Attachment.objects.get()
    client.force_login(patient)
    response = client.get(f"{INBOX}pieces-jointes/{attachment.pk}/")
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    assert AccessLogEntry.objects.filter(person=patient.person, action="download").exists()


def test_an_attachment_is_saved_to_the_documents_in_one_click(client, professional, patient):
    conversation = write(professional, patient.person, files=with_pdf("bilan.pdf"))
    attachment = Attachment.objects.get()
    client.force_login(patient)
    response = client.post(
        f"{INBOX}pieces-jointes/{attachment.pk}/enregistrer/",
        {"conversation": str(conversation.pk)},
        follow=True,
    )
    assert "a été enregistré dans vos documents" in html(response)
    assert "Enregistré dans vos documents" in html(response)
    assert Document.objects.get(person=patient.person).name == "bilan"


def test_archive_then_unarchive(client, professional, patient):
    conversation = write(professional, patient.person, subject="Vaccin")
    client.force_login(patient)
    client.post(f"{url(conversation)}archiver/")
    assert "Vaccin" not in html(client.get(INBOX))
    assert "Vaccin" in html(client.get(f"{INBOX}archives/"))
    client.post(f"{url(conversation)}desarchiver/")
    assert "Vaccin" in html(client.get(INBOX))


def test_delete_asks_first_then_deletes(client, professional, patient):
    conversation = write(professional, patient.person, subject="Vaccin")
    client.force_login(patient)
    assert "Supprimer la conversation" in html(client.get(f"{url(conversation)}supprimer/"))
    client.post(f"{url(conversation)}supprimer/")
    assert "Vaccin" not in html(client.get(INBOX))
    assert client.get(url(conversation)).status_code == 404


# --- strangers and guessed ids ---


def test_a_stranger_gets_404_on_every_page_of_a_conversation(
    client, professional, patient, stranger
):
    conversation = write(professional, patient.person, subject="Secret", files=with_pdf())
    attachment = Attachment.objects.get()
    client.force_login(stranger)
    assert "Secret" not in html(client.get(INBOX))
    for path in ("", "supprimer/"):
        assert client.get(f"{url(conversation)}{path}").status_code == 404
    for path in ("", "archiver/", "desarchiver/", "supprimer/"):
        assert client.post(f"{url(conversation)}{path}", {"body": "x"}).status_code == 404
    assert client.get(f"{INBOX}pieces-jointes/{attachment.pk}/").status_code == 404
    assert client.post(f"{INBOX}pieces-jointes/{attachment.pk}/enregistrer/").status_code == 404
    assert Conversation.objects.get().archived_at is None
    assert Conversation.objects.get().deleted_at is None
    assert not Document.objects.exists()
    assert not AccessLogEntry.objects.filter(actor=stranger, person=patient.person).exists()


def test_a_guessed_id_is_404(client, patient):
    client.force_login(patient)
    assert client.get(f"{INBOX}00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get(f"{INBOX}123/").status_code == 404


def test_anonymous_visitors_go_to_the_login(client, professional, patient):
    conversation = write(professional, patient.person)
    assert client.get(url(conversation)).url.startswith("/connexion/")


# --- parent and child ---


def test_the_childs_conversation_shows_only_under_the_childs_profile(
    client, professional, parent, child
):
    conversation = write(professional, open_space(child), subject="Vaccin de Jules")
    client.force_login(parent)
    assert "Vaccin de Jules" not in html(client.get(INBOX))
    assert client.get(url(conversation)).status_code == 404
    switch_to(client, child)
    assert "Vaccin de Jules" in html(client.get(INBOX))
    assert client.get(url(conversation)).status_code == 200


def test_the_parents_conversation_is_not_under_the_childs_profile(
    client, professional, parent, child
):
    conversation = write(professional, parent.person, subject="Pour Bruno")
    client.force_login(parent)
    switch_to(client, child)
    assert "Pour Bruno" not in html(client.get(INBOX))
    assert client.get(url(conversation)).status_code == 404
