"""Secure messaging in a browser: a professional writes with an attachment, the patient
sees the unread badge, reads, answers and saves the attachment to their documents; the
professional reads the answer. A phone; the keyboard alone."""

import re

import pytest
from playwright.sync_api import expect

from ens.activation.models import SpaceState
from ens.activation.services import space_transition
from ens.documents.models import Document
from ens.messaging.models import Conversation
from ens.messaging.services import Upload, conversation_start
from tests.documents import files
from tests.factories import InsuredPersonFactory, UserFactory
from tests.space.people import patient

from .helpers import log_in

pytestmark = pytest.mark.e2e


def camille_and_dr_martin():
    camille = patient()
    # A NIR that passes the professional's search (tests.space.people makes simpler ones).
    camille.person.nir = InsuredPersonFactory.build().nir
    camille.person.save(update_fields=["nir"])
    space_transition(person=camille.person, to_state=SpaceState.ACTIVE, actor="assuré")
    doctor = UserFactory(
        pro=True,
        username="claire.martin",
        professional__first_name="Claire",
        professional__last_name="Martin",
    )
    return camille, doctor


def test_a_professional_writes_and_the_patient_reads_answers_and_saves(page, site, tmp_path):
    camille, doctor = camille_and_dr_martin()
    person = camille.person
    pdf = tmp_path / "bilan_sanguin.pdf"
    pdf.write_bytes(files.pdf_bytes("Bilan sanguin"))

    # The professional writes first, with an attachment.
    log_in(page, doctor, site.url)
    page.goto("/pro/messagerie/")
    page.get_by_role("link", name="Écrire à un patient").click()
    page.get_by_label("Numéro de sécurité sociale (NIR) du patient").fill(person.nir)
    page.get_by_label("Date de naissance du patient").fill(person.birth_date.strftime("%d/%m/%Y"))
    page.get_by_label("Objet").fill("Résultats de votre bilan")
    page.get_by_label("Message").fill("Bonjour,\nVos résultats sont normaux.")
    page.get_by_label("Pièce jointe").set_input_files(pdf)
    page.get_by_role("button", name="Envoyer le message").click()
    expect(page.get_by_text("Votre message a été envoyé au patient.")).to_be_visible()

    # The patient sees the badge, reads, answers, saves the attachment.
    page.context.clear_cookies()
    log_in(page, camille, site.url)
    page.goto("/espace/")
    nav = page.get_by_role("navigation", name="Menu principal")
    expect(nav.get_by_role("link", name=re.compile("Messagerie 1"))).to_be_visible()
    nav.get_by_role("link", name=re.compile("Messagerie")).click()
    expect(page.get_by_text(f"{person.nir}@patient.mssante.fr")).to_be_visible()
    row = page.locator(".ens-messaging__row--unread")
    expect(row).to_contain_text("Résultats de votre bilan")
    page.get_by_role("link", name=re.compile("Résultats de votre bilan")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Résultats de votre bilan")
    expect(page.get_by_text("Vos résultats sont normaux.")).to_be_visible()
    expect(nav.get_by_role("link", name="Messagerie", exact=True)).to_be_visible()

    page.get_by_role("button", name="Enregistrer dans mes documents").click()
    expect(page.get_by_text("a été enregistré dans vos documents")).to_be_visible()
    expect(page.get_by_role("link", name="Enregistré dans vos documents")).to_be_visible()

    page.get_by_label("Votre réponse").fill("Merci docteur, bonne journée.")
    page.get_by_role("button", name="Envoyer la réponse").click()
    expect(page.get_by_text("Votre réponse a été envoyée.")).to_be_visible()
    expect(page.get_by_text("Merci docteur, bonne journée.")).to_be_visible()
    page.screenshot(path="test-artifacts/messaging_patient_conversation.png", full_page=True)

    page.get_by_role("link", name="Enregistré dans vos documents").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("bilan sanguin")
    assert Document.objects.get(person=person).professional == doctor.professional

    # The professional reads the answer.
    page.context.clear_cookies()
    log_in(page, doctor, site.url)
    page.goto("/pro/messagerie/")
    expect(page.get_by_text("1 non lu")).to_be_visible()
    page.get_by_role("link", name=re.compile("Résultats de votre bilan")).click()
    expect(page.get_by_text("Merci docteur, bonne journée.")).to_be_visible()


def test_on_a_phone_the_conversation_fits_the_screen(page, site):
    camille, doctor = camille_and_dr_martin()
    conversation = conversation_start(
        actor=doctor,
        person=camille.person,
        subject="Compte rendu de la consultation du 12 mars et suite à donner",
        body="Bonjour,\n" + "Voici le compte rendu de notre consultation. " * 8,
        uploads=[Upload(filename="compte_rendu.pdf", content=files.pdf_bytes())],
    )
    log_in(page, camille, site.url)
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto("/espace/messagerie/")
    page.screenshot(path="test-artifacts/messaging_inbox_phone.png", full_page=True)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    page.goto(f"/espace/messagerie/{conversation.pk}/")
    expect(page.get_by_role("button", name="Enregistrer dans mes documents")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375


def test_the_keyboard_alone_opens_answers_and_archives(page, site):
    camille, doctor = camille_and_dr_martin()
    conversation_start(actor=doctor, person=camille.person, subject="Vaccin", body="Rappel.")
    log_in(page, camille, site.url)

    page.goto("/espace/messagerie/")
    tab_to(page, "Vaccin")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vaccin")
    tab_to(page, "Votre réponse")
    page.keyboard.type("C'est noté.")
    tab_to(page, "Envoyer la réponse")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Votre réponse a été envoyée.")).to_be_visible()
    tab_to(page, "Archiver")
    page.keyboard.press("Enter")
    expect(page.get_by_text("La conversation a été archivée.")).to_be_visible()
    assert Conversation.objects.get().archived_at is not None


def tab_to(page, name: str, limit: int = 80) -> None:
    """Press Tab until the focused element's accessible text or label contains `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        text = page.evaluate(
            "() => { const e = document.activeElement;"
            " return (e.innerText || '') + ' ' + (e.labels && e.labels[0] ?"
            " e.labels[0].innerText : '') + ' ' + (e.getAttribute('title') || ''); }"
        )
        if name in text:
            return
    raise AssertionError(f"{name!r} was never focused")
