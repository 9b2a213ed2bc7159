"""Health documents in a browser: add, list and filter, preview, download, rename, hide,
delete; refused files; a phone; the keyboard alone."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from ens.documents.models import AuthorKind, Category, Document
from ens.documents.services import document_create
from tests.documents import files
from tests.space.people import patient

from .helpers import log_in

pytestmark = pytest.mark.e2e


def add(person, name, category=Category.PRESCRIPTION, content=None, **fields):
    values = {
        "content": files.pdf_bytes(name) if content is None else content,
        "filename": f"{name}.pdf",
        "name": name,
        "document_date": date(2025, 3, 12),
        "category": category,
        "author_kind": AuthorKind.SELF,
        **fields,
    }
    return document_create(person=person, actor=None, **values)


def test_a_pdf_is_added_previewed_and_downloaded(page, site, tmp_path):
    camille = patient()
    log_in(page, camille, site.url)
    pdf = tmp_path / "compte_rendu_IRM.pdf"
    pdf.write_bytes(files.pdf_bytes("Compte rendu IRM", pages=2))

    page.goto("/espace/")
    page.get_by_role("main").get_by_role("link", name="Ajouter un document de santé").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ajouter un document de santé")
    page.get_by_label("Fichier à ajouter").set_input_files(pdf)
    page.get_by_label("Nom du document").fill("IRM du genou")
    page.get_by_label("Date du document").fill("02/04/2025")
    page.get_by_label("Catégorie").select_option(label="Imagerie")
    page.get_by_text("Un établissement de santé", exact=True).click()
    page.get_by_label("Nom du professionnel ou de l'établissement").fill("CHU de Rouen")
    page.get_by_role("button", name="Ajouter le document").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("IRM du genou")
    expect(page.get_by_text("Le document « IRM du genou » a été ajouté.")).to_be_visible()
    expect(page.get_by_text("CHU de Rouen")).to_be_visible()
    expect(page.locator("iframe[title^='Aperçu du document']")).to_be_visible()
    # The browser's PDF viewer opens the preview inside the frame (sandboxed by its CSP).
    for _ in range(50):
        if any(frame.url.endswith("/apercu/") for frame in page.frames):
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("the preview frame never loaded")
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger").click()
    assert download.value.suggested_filename == "compte_rendu_IRM.pdf"
    assert download.value.path().read_bytes() == pdf.read_bytes()


def test_the_list_is_filtered_then_a_document_renamed_hidden_and_deleted(page, site):
    camille = patient()
    person = camille.person
    add(person, "Ordonnance kiné")
    add(person, "Vaccin grippe", Category.VACCINATION, document_date=date(2024, 10, 2))
    add(person, "Attestation Covid", Category.CERTIFICATE, author_kind=AuthorKind.ASSURANCE_MALADIE)
    log_in(page, camille, site.url)

    page.goto("/espace/documents/")
    page.get_by_label("Catégorie").select_option(label="Vaccination")
    page.get_by_role("button", name="Appliquer").click()
    expect(page.get_by_text("1 document correspond à votre recherche.")).to_be_visible()
    page.get_by_role("link", name="Vaccin grippe").click()

    page.get_by_role("link", name="Renommer ou changer la catégorie").click()
    page.get_by_label("Nom du document").fill("Vaccin grippe 2024")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vaccin grippe 2024")
    page.get_by_role("button", name="Masquer", exact=True).click()
    expect(page.get_by_text("Masqué aux professionnels de santé")).to_be_visible()
    page.get_by_role("link", name="Supprimer").click()
    expect(page.get_by_text("La suppression est définitive")).to_be_visible()
    page.get_by_role("button", name="Supprimer définitivement").click()

    expect(page.get_by_text("Le document a été supprimé.")).to_be_visible()
    expect(page.get_by_text("2 documents.")).to_be_visible()
    assert not Document.objects.filter(name__startswith="Vaccin").exists()


def test_an_executable_named_pdf_is_refused_next_to_the_file_field(page, site, tmp_path):
    log_in(page, patient(), site.url)
    fake = tmp_path / "ordonnance.pdf"
    fake.write_bytes(files.EXECUTABLE)

    page.goto("/espace/documents/ajouter/")
    page.get_by_label("Fichier à ajouter").set_input_files(fake)
    page.get_by_label("Nom du document").fill("Ordonnance")
    page.get_by_label("Catégorie").select_option(label="Ordonnances")
    page.get_by_role("button", name="Ajouter le document").click()

    expect(page.get_by_text("Ce fichier n'est ni un PDF, ni une image JPEG ou PNG")).to_be_visible()
    expect(page.get_by_label("Nom du document")).to_have_value("Ordonnance")
    expect(page.get_by_label("Fichier à ajouter")).to_be_focused()
    assert not Document.objects.exists()


def test_on_a_phone_the_list_and_an_image_preview_fit_the_screen(page, site):
    camille = patient()
    photo = add(
        camille.person,
        "Photo de l'ordonnance",
        content=files.image_bytes("JPEG", (600, 800)),
        author_kind=AuthorKind.PROFESSIONAL,
        author_name="Dr Claire Martin",
    )
    add(camille.person, "Compte rendu de consultation", Category.REPORT)
    log_in(page, camille, site.url)
    page.set_viewport_size({"width": 375, "height": 812})

    page.goto("/espace/documents/")
    expect(page.get_by_role("link", name="Compte rendu de consultation")).to_be_visible()
    page.screenshot(path="test-artifacts/documents_list_phone.png", full_page=True)
    page.goto(f"/espace/documents/{photo.pk}/")

    image = page.get_by_role("img", name="Aperçu du document « Photo de l'ordonnance »")
    expect(image).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    assert image.bounding_box()["width"] <= 375


def test_the_keyboard_alone_searches_opens_and_hides_a_document(page, site):
    camille = patient()
    add(camille.person, "Bilan sanguin", Category.LAB_RESULT)
    add(camille.person, "Radio thorax", Category.IMAGING)
    log_in(page, camille, site.url)

    page.goto("/espace/documents/")
    tab_to(page, "Rechercher par nom")
    page.keyboard.type("bilan")
    page.keyboard.press("Enter")  # submits the GET form
    expect(page.get_by_text("1 document correspond à votre recherche.")).to_be_visible()
    tab_to(page, "Bilan sanguin")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bilan sanguin")
    tab_to(page, "Masquer")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Masqué aux professionnels de santé")).to_be_visible()
    assert Document.objects.get(name="Bilan sanguin").hidden_from_professionals


def tab_to(page, name: str, limit: int = 80) -> None:
    """Press Tab until the focused element's accessible text contains `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement; const l = e.labels && e.labels[0];"
            " return (l ? l.innerText : '') + ' ' + (e.innerText || e.value || ''); }"
        )
        if re.search(re.escape(name), focused, re.IGNORECASE):
            return
    raise AssertionError(f"{name!r} never got the focus")
