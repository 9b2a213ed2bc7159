"""The access history in a browser: filters, downloads, an emergency access, phone, keyboard."""

import csv
import io
from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from ens.access.services import access_record
from tests.factories import UserFactory
from tests.space.people import patient

from .conftest import ARTIFACTS
from .helpers import log_in

pytestmark = pytest.mark.e2e

PARIS = ZoneInfo("Europe/Paris")


def _history_of_camille():
    """Camille, with accesses by herself, her doctor (one in emergency) and the operator."""
    camille = patient("Camille", "Durand")
    claire = UserFactory(
        pro=True, professional__first_name="Claire", professional__last_name="Martin"
    )
    operator = UserFactory(staff=True)
    accesses = [
        (datetime(2025, 2, 3, 9, 15), camille, "create", "Document « Ordonnance du 03/02 »", ""),
        (datetime(2025, 3, 12, 14, 5), claire, "read", "Profil médical — allergies", ""),
        (datetime(2025, 3, 20, 2, 40), claire, "read", "Synthèse du profil médical", "Malaise"),
        (datetime(2025, 4, 1, 8, 0), operator, "read", "Document « Remboursements »", ""),
    ]
    for when, actor, action, resource, reason in accesses:
        with mock.patch(
            "ens.access.services.timezone.now", return_value=when.replace(tzinfo=PARIS)
        ):
            access_record(
                person=camille.person,
                actor=actor,
                action=action,
                resource=resource,
                mode="emergency" if reason else "normal",
                detail=reason,
            )
    return camille


def test_a_patient_filters_her_history_and_downloads_it(page, site):
    log_in(page, _history_of_camille(), site.url)

    page.goto("/espace/profils/")
    page.get_by_role("link", name="Historique des accès").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Historique des accès")
    expect(page.get_by_text("4 accès, du plus récent au plus ancien.")).to_be_visible()
    expect(page.get_by_text("Accès en urgence", exact=True)).to_be_visible()
    expect(page.get_by_text("Motif déclaré : Malaise")).to_be_visible()

    page.screenshot(path=ARTIFACTS / "access_history_desktop.png", full_page=True)

    page.get_by_label("Date de début").fill("01/03/2025")
    page.get_by_label("Date de fin").fill("31/03/2025")
    page.get_by_label("Qui a accédé").select_option(label="Professionnels de santé")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_text("2 accès, du plus récent au plus ancien.")).to_be_visible()
    expect(page.get_by_text("Profil médical — allergies")).to_be_visible()
    expect(page.get_by_text("Ordonnance du 03/02")).to_have_count(0)
    expect(page.get_by_label("Date de début")).to_have_value("01/03/2025")

    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Télécharger (CSV, tableur)").click()
    content = csv_download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert [row[5] for row in rows[1:]] == [
        "Synthèse du profil médical",
        "Profil médical — allergies",
    ]

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Télécharger (PDF)").click()
    text = PdfReader(pdf_download.value.path()).pages[0].extract_text()
    assert "Dr Claire Martin, médecin généraliste" in text
    assert "Accès en urgence : Malaise" in text

    page.get_by_label("Date de début").fill("31/02/2025")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_text("au format JJ/MM/AAAA")).to_be_visible()
    page.screenshot(path=ARTIFACTS / "access_history_desktop_error.png", full_page=True)


def test_on_a_phone_the_history_is_filtered_with_the_keyboard_alone(page, site):
    page.set_viewport_size({"width": 375, "height": 812})
    log_in(page, _history_of_camille(), site.url)
    page.goto("/espace/historique/")

    page.keyboard.press("Tab")  # the first skip link: "Contenu"
    expect(page.get_by_role("link", name="Contenu")).to_be_focused()
    page.keyboard.press("Enter")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "qui":
            break
    expect(page.get_by_label("Qui a accédé")).to_be_focused()
    page.keyboard.press("ArrowDown")  # "Moi"
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Filtrer")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_text("1 accès, du plus récent au plus ancien.")).to_be_visible()
    expect(page.get_by_text("Document « Ordonnance du 03/02 »")).to_be_visible()
    expect(page.get_by_role("listitem").get_by_text("Moi", exact=True)).to_be_visible()
