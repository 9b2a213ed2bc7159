"""The professional portal in a browser: Dr Claire Martin finds Camille, reads what her
profession allows, downloads a document and adds one; a wrong search says nothing more."""

from datetime import date

import pytest
from playwright.sync_api import expect

from ens.documents.models import AuthorKind
from ens.documents.services import document_create
from ens.professionals.matrix import default_rules
from ens.professionals.models import HabilitationRule
from ens.registry.nir import format_nir
from tests.documents.files import pdf_bytes
from tests.factories import UserFactory
from tests.personas import _patient

from .conftest import ARTIFACTS
from .helpers import log_in

pytestmark = pytest.mark.e2e


def _document(person, name, *, hidden=False):
    document = document_create(
        person=person,
        actor=None,
        content=pdf_bytes(name),
        filename="document.pdf",
        name=name,
        document_date=date(2025, 3, 12),
        category="ordonnance",
        author_kind=AuthorKind.SELF,
    )
    document.hidden_from_professionals = hidden
    document.save(update_fields=["hidden_from_professionals"])


def test_a_professional_finds_a_patient_reads_and_adds_a_document(page, site, tmp_path):
    # Browser tests flush the database: the data migration's matrix is put back.
    HabilitationRule.objects.bulk_create(default_rules(HabilitationRule), ignore_conflicts=True)
    camille = _patient("camille.durand", first_name="Camille", last_name="Durand", sex="F")
    _document(camille.person, "Ordonnance du 12/03")
    _document(camille.person, "Ordonnance masquée", hidden=True)
    claire = UserFactory(
        pro=True, professional__first_name="Claire", professional__last_name="Martin"
    )
    log_in(page, claire, site.url)

    page.goto("/pro/")
    nir = format_nir(camille.person.nir)
    page.get_by_label("Numéro de sécurité sociale (NIR) du patient").fill(nir)
    page.get_by_label("Date de naissance du patient").fill("01/01/1901")
    page.get_by_role("button", name="Rechercher le patient").click()
    expect(page.get_by_text("Aucun patient ne correspond")).to_be_visible()
    expect(page.get_by_label("Numéro de sécurité sociale (NIR) du patient")).to_have_value(nir)

    birth = camille.person.birth_date.strftime("%d/%m/%Y")
    page.get_by_label("Date de naissance du patient").fill(birth)
    page.get_by_role("button", name="Rechercher le patient").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Camille Durand")
    expect(page.get_by_role("link", name="Ordonnance du 12/03")).to_be_visible()
    expect(page.get_by_text("Ordonnance masquée")).to_have_count(0)
    page.screenshot(path=ARTIFACTS / "pro_patient_desktop.png", full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="Ordonnance du 12/03").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")

    page.get_by_role("link", name="Ajouter un document").click()
    report = tmp_path / "compte-rendu.pdf"
    report.write_bytes(pdf_bytes("Compte rendu"))
    page.get_by_label("Fichier à ajouter").set_input_files(report)
    page.get_by_label("Nom du document").fill("Compte rendu de consultation")
    page.get_by_label("Date du document").fill("10/03/2025")
    page.get_by_label("Catégorie").select_option(label="Comptes rendus")
    page.get_by_role("button", name="Ajouter le document").click()
    expect(page.get_by_text("a été ajouté à l'espace santé du patient")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Compte rendu de consultation")
    expect(row.get_by_text("Claire Martin")).to_be_visible()

    page.set_viewport_size({"width": 375, "height": 812})
    page.screenshot(path=ARTIFACTS / "pro_patient_phone.png", full_page=True)


def test_a_samu_regulator_opens_a_space_in_an_emergency(page, site):
    HabilitationRule.objects.bulk_create(default_rules(HabilitationRule), ignore_conflicts=True)
    camille = _patient("camille.durand", first_name="Camille", last_name="Durand", sex="F")
    _document(camille.person, "Ordonnance du 12/03")
    regulator = UserFactory(
        pro=True,
        professional__first_name="Paul",
        professional__last_name="Girard",
        professional__specialty="Régulation médicale (SAMU)",
    )
    log_in(page, regulator, site.url)

    page.goto("/pro/")
    page.get_by_label("Numéro de sécurité sociale (NIR) du patient").fill(camille.person.nir)
    birth = camille.person.birth_date.strftime("%d/%m/%Y")
    page.get_by_label("Date de naissance du patient").fill(birth)
    page.get_by_role("button", name="Rechercher le patient").click()
    page.get_by_role("link", name="Accès en urgence").click()
    page.get_by_role("button", name="Ouvrir l'espace en urgence").click()
    expect(page.get_by_text("Indiquez le motif de l'accès en urgence.")).to_be_visible()
    page.get_by_label("Motif de l'accès en urgence").fill("Patiente inconsciente, appel au 15")
    page.get_by_role("button", name="Ouvrir l'espace en urgence").click()
    expect(page.get_by_text("Accès en urgence (bris de glace)")).to_be_visible()
    expect(page.get_by_role("link", name="Ordonnance du 12/03")).to_be_visible()
    page.screenshot(path=ARTIFACTS / "pro_emergency_desktop.png", full_page=True)
