"""The professional's messaging pages, /pro/messagerie/, through the test client."""

import re
from html import unescape

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from ens.access.models import AccessLogEntry
from ens.messaging.models import Attachment, Conversation
from ens.messaging.services import message_reply
from ens.professionals.models import ProfessionalBlock
from tests.documents.files import EXECUTABLE, pdf_bytes
from tests.factories import UserFactory

from .conftest import open_space, with_pdf, write

pytestmark = pytest.mark.django_db

INBOX = "/pro/messagerie/"
START = "/pro/messagerie/nouveau/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def html(response) -> str:
    return response.content.decode()


def field_error(response, field: str) -> str:
    match = re.search(rf'id="id_{field}-desc-error">(.*?)</div>', html(response), re.S)
    assert match, f"no error next to {field}"
    return unescape(re.sub(r"<[^>]+>", " ", match.group(1)))


def start_data(person, **fields):
    return {
        "nir": person.nir,
        "birth_date": person.birth_date.strftime("%d/%m/%Y"),
        "subject": "Résultats du bilan",
        "body": "Bonjour, vos résultats sont normaux.",
        **fields,
    }


def test_a_professional_writes_to_a_patient_with_an_attachment(client, professional, patient):
    client.force_login(professional)
    data = start_data(
        patient.person,
        attachment=SimpleUploadedFile("bilan.pdf", pdf_bytes(), "application/pdf"),
    )
    response = client.post(START, data, follow=True)
    assert "Votre message a été envoyé au patient." in html(response)
    conversation = Conversation.objects.get(person=patient.person)
    assert conversation.messages.get().attachments.get().filename == "bilan.pdf"


def test_the_nir_may_be_typed_with_spaces(client, professional, patient):
    client.force_login(professional)
    nir = " ".join(patient.person.nir[i : i + 3] for i in range(0, 15, 3))
    client.post(START, start_data(patient.person, nir=nir))
    assert Conversation.objects.filter(person=patient.person).exists()


def test_a_wrong_birth_date_finds_nobody_and_keeps_the_text(client, professional, patient):
    client.force_login(professional)
    response = client.post(START, start_data(patient.person, birth_date="01/01/1901"))
    assert "Aucun patient ne correspond" in field_error(response, "nir")
    assert "vos résultats sont normaux" in html(response)
    assert not Conversation.objects.exists()


def test_a_wrong_nir_gives_the_same_answer(client, professional, patient):
    client.force_login(professional)
    response = client.post(START, start_data(patient.person, nir="1" * 15))
    assert "Aucun patient ne correspond" in field_error(response, "nir")


def test_searches_are_rate_limited(client, professional, patient):
    client.force_login(professional)
    for _ in range(30):
        client.post(START, start_data(patient.person, birth_date="01/01/1901"))
    response = client.post(START, start_data(patient.person))
    assert "Trop de tentatives" in field_error(response, "nir")
    assert not Conversation.objects.exists()


def test_a_person_without_an_open_space_is_not_found(client, professional):
    from tests.factories import InsuredPersonFactory

    person = InsuredPersonFactory()
    client.force_login(professional)
    response = client.post(START, start_data(person))
    assert "Aucun patient ne correspond" in field_error(response, "nir")
    assert not Conversation.objects.exists()


def test_a_blocked_professional_is_told_plainly(client, professional, patient):
    ProfessionalBlock.objects.create(person=patient.person, professional=professional.professional)
    client.force_login(professional)
    response = client.post(START, start_data(patient.person))
    assert "a bloqué votre accès" in field_error(response, "nir")
    assert not Conversation.objects.exists()


def test_a_bad_attachment_is_refused_next_to_its_field(client, professional, patient):
    client.force_login(professional)
    data = start_data(
        patient.person,
        attachment=SimpleUploadedFile("ordonnance.pdf", EXECUTABLE, "application/pdf"),
    )
    response = client.post(START, data)
    assert "PDF" in field_error(response, "attachment")
    assert not Conversation.objects.exists()


def test_an_empty_message_is_refused(client, professional, patient):
    client.force_login(professional)
    response = client.post(START, start_data(patient.person, body="", subject=""))
    assert "Saisissez votre message." in field_error(response, "body")
    assert "Saisissez l'objet du message." in field_error(response, "subject")


def test_the_professional_reads_the_answer_and_it_is_logged(client, professional, patient):
    conversation = write(professional, patient.person)
    message_reply(actor=patient, conversation_id=conversation.pk, body="Merci docteur")
    client.force_login(professional)
    assert "1 non lu" in html(client.get(INBOX))
    assert "Merci docteur" in html(client.get(f"{INBOX}{conversation.pk}/"))
    assert AccessLogEntry.objects.filter(
        person=patient.person, actor=professional, action="read"
    ).exists()


def test_the_professional_answers(client, professional, patient):
    conversation = write(professional, patient.person)
    client.force_login(professional)
    client.post(f"{INBOX}{conversation.pk}/", {"body": "Rendez-vous lundi"})
    assert conversation.messages.count() == 2


def test_a_patient_cannot_open_the_professionals_messaging(client, patient):
    client.force_login(patient)
    response = client.get(INBOX)
    assert response.status_code in (302, 403)
    assert client.post(START, start_data(patient.person)).status_code in (302, 403)
    assert not Conversation.objects.exists()


def test_another_professional_gets_404_on_every_page(client, professional, patient):
    conversation = write(professional, patient.person, subject="Secret", files=with_pdf())
    attachment = Attachment.objects.get()
    other = UserFactory(pro=True)
    client.force_login(other)
    assert "Secret" not in html(client.get(INBOX))
    assert client.get(f"{INBOX}{conversation.pk}/").status_code == 404
    assert client.post(f"{INBOX}{conversation.pk}/", {"body": "x"}).status_code == 404
    assert client.get(f"{INBOX}pieces-jointes/{attachment.pk}/").status_code == 404
    assert conversation.messages.count() == 1


def test_a_professional_writes_to_a_child_by_the_parents_nir(client, professional, parent, child):
    open_space(child)
    client.force_login(professional)
    client.post(START, start_data(child, nir=parent.person.nir))
    assert Conversation.objects.get().person == child
