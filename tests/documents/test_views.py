"""The documents pages through the test client: what they show, accept, refuse and record."""

import re
import uuid
from datetime import date
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ens.access.models import AccessLogEntry
from ens.documents.models import AuthorKind, Category, Document
from ens.documents.storage import documents_storage
from ens.medical_profile.models import MedicalProfile

from . import files
from .conftest import make_document

pytestmark = pytest.mark.django_db

LIST = "/espace/documents/"
ADD = "/espace/documents/ajouter/"


def html(response) -> str:
    return response.content.decode()


def upload_data(content=None, filename="ordonnance.pdf", content_type="application/pdf", **fields):
    return {
        "file": SimpleUploadedFile(
            filename, files.pdf_bytes() if content is None else content, content_type
        ),
        "name": "Ordonnance kiné",
        "document_date": "12/03/2025",
        "category": Category.PRESCRIPTION,
        "author_kind": AuthorKind.SELF,
        "author_name": "",
        **fields,
    }


def field_error(response, field: str) -> str:
    """The text of the error shown next to `field` (the DSFR's `id_<field>-desc-error`)."""
    match = re.search(rf'id="id_{field}-desc-error">(.*?)</div>', html(response), re.S)
    assert match, f"no error next to {field}"
    return unescape(re.sub(r"<[^>]+>", " ", match.group(1)))


def actions(person) -> list[str]:
    return list(
        AccessLogEntry.objects.filter(person=person)
        .order_by("seq")
        .values_list("action", flat=True)
    )


# --- who reaches the pages ---


@pytest.mark.parametrize("url", [LIST, ADD])
def test_an_anonymous_visitor_is_sent_to_the_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/connexion/?next={url}"


def test_a_professional_account_gets_403(client, professional):
    client.force_login(professional)

    assert client.get(LIST).status_code == 403


# --- upload ---


def test_a_pdf_is_added_and_the_person_sees_it(client, patient):
    client.force_login(patient)

    response = client.post(ADD, upload_data(), follow=True)

    document = Document.objects.get()
    assert document.person == patient.person
    assert (document.name, document.content_type) == ("Ordonnance kiné", "application/pdf")
    assert document.document_date == date(2025, 3, 12)
    assert "Le document « Ordonnance kiné » a été ajouté." in html(response)
    assert actions(patient.person)[:2] == ["create", "read"]


def test_an_image_is_added_with_its_author(client, patient):
    client.force_login(patient)

    client.post(
        ADD,
        upload_data(
            content=files.image_bytes("JPEG"),
            filename="radio.jpg",
            content_type="image/jpeg",
            category=Category.IMAGING,
            author_kind=AuthorKind.ESTABLISHMENT,
            author_name="CHU de Rouen",
        ),
    )

    document = Document.objects.get()
    assert (document.content_type, document.added_by) == ("image/jpeg", "CHU de Rouen")


@pytest.mark.parametrize(
    ("content", "filename", "content_type", "message"),
    [
        (files.EXECUTABLE, "ordonnance.pdf", "application/pdf", "ni un PDF, ni une image"),
        (files.SVG, "schema.svg", "image/svg+xml", "ni un PDF, ni une image"),
        (files.HTML, "compte-rendu.html", "text/html", "ni un PDF, ni une image"),
        (files.zip_bomb(50), "resultats.pdf", "application/pdf", "ni un PDF, ni une image"),
        (files.png_bomb(), "radio.png", "image/png", "30000 × 30000 pixels"),
        (files.FAKE_PDF, "faux.pdf", "application/pdf", "n'en est pas un lisible"),
        (b"", "vide.pdf", "application/pdf", "vide (0 octet)"),
    ],
    ids=["exe-named-pdf", "svg", "html", "zip-bomb", "png-bomb", "fake-pdf", "empty"],
)
def test_a_bad_file_is_refused_next_to_the_field_and_nothing_is_stored(
    client, patient, content, filename, content_type, message
):
    client.force_login(patient)

    response = client.post(ADD, upload_data(content, filename, content_type))

    assert response.status_code == 200
    assert message in field_error(response, "file")
    assert not Document.objects.exists()
    assert actions(patient.person) == []
    assert 'value="Ordonnance kiné"' in html(response)  # what was typed is kept


def test_a_file_over_the_limit_is_refused_without_being_kept(client, patient):
    client.force_login(patient)
    big = files.pdf_bytes() + b"%" + b"0" * (1024 * 1024)  # the tests' limit is 1 MB

    response = client.post(ADD, upload_data(big))

    assert "dépasse la taille maximale de 1 Mo" in field_error(response, "file")
    assert not Document.objects.exists()


def test_a_path_or_a_300_character_file_name_is_reduced_to_a_safe_name(client, patient):
    client.force_login(patient)

    client.post(ADD, upload_data(filename="..\\..\\" + "x" * 300 + ".pdf", name=""))

    document = Document.objects.get()
    assert document.filename == "x" * 96 + ".pdf"
    assert document.name == "x" * 96
    assert "/" not in document.storage_name.split("/", 1)[1]


def test_a_display_name_over_150_characters_is_refused(client, patient):
    client.force_login(patient)

    response = client.post(ADD, upload_data(name="n" * 151))

    assert "ne doit pas dépasser 150 caractères" in field_error(response, "name")
    assert not Document.objects.exists()


def test_a_professional_needs_a_name(client, patient):
    client.force_login(patient)

    response = client.post(ADD, upload_data(author_kind=AuthorKind.PROFESSIONAL))

    assert "Indiquez le nom du professionnel" in field_error(response, "author_name")


@pytest.mark.parametrize(
    ("typed", "message"),
    [("31/02/2025", "date valide au format JJ/MM/AAAA"), ("01/01/2999", "dans le futur")],
)
def test_a_wrong_date_is_refused(client, patient, typed, message):
    client.force_login(patient)

    response = client.post(ADD, upload_data(document_date=typed))

    assert message in field_error(response, "document_date")
    assert f'value="{typed}"' in html(response)


def test_the_upload_form_says_the_limit_and_the_formats(client, patient):
    client.force_login(patient)

    page = html(client.get(ADD))

    assert "Formats acceptés : PDF, JPEG, PNG. Taille maximale : 1 Mo." in page


# --- the list ---


def test_the_list_shows_the_documents_with_their_columns(client, patient):
    make_document(patient.person, patient, name="Bilan lipidique", category=Category.LAB_RESULT)
    client.force_login(patient)

    page = html(client.get(LIST))

    assert "Bilan lipidique" in page
    assert "12/03/2025" in page
    assert "Résultats de biologie" in page
    assert actions(patient.person)[-1] == "read"


def test_the_list_filters_by_category_author_year_and_name(client, patient):
    person = patient.person
    make_document(person, patient, name="Vaccin grippe", category=Category.VACCINATION)
    make_document(person, patient, name="Radio thorax", category=Category.IMAGING)
    make_document(
        person,
        patient,
        name="Attestation",
        author_kind=AuthorKind.ASSURANCE_MALADIE,
        document_date=date(2022, 2, 4),
    )
    client.force_login(patient)

    def names(query: str) -> list[str]:
        page = client.get(f"{LIST}?{query}").context["page"]
        return [d.name for d in page.object_list]

    assert names("categorie=vaccination") == ["Vaccin grippe"]
    assert names("auteur=assurance-maladie") == ["Attestation"]
    assert names("annee=2022") == ["Attestation"]
    assert names("q=RADIO") == ["Radio thorax"]
    assert names("tri=ancien")[0] == "Attestation"
    assert names("categorie=n-importe-quoi") != []  # an edited URL shows everything


def test_the_list_is_paginated(client, patient):
    bulk_documents(patient.person, 45)
    client.force_login(patient)

    response = client.get(f"{LIST}?page=3")

    assert len(response.context["page"].object_list) == 5
    assert "45 documents." in html(response)


def bulk_documents(person, count: int) -> None:
    """Rows only (the list never opens the files): fast, for counting and paging."""
    Document.objects.bulk_create(
        Document(
            person=person,
            name=f"Document {n}",
            document_date=date(2020 + n % 5, 1 + n % 12, 1 + n % 28),
            category=Category.values[n % len(Category.values)],
            author_kind=AuthorKind.values[n % len(AuthorKind.values)],
            author_name="Dr Martin" if n % 4 == 1 else "",
            content_type="application/pdf",
            size=1000,
            filename="document.pdf",
            storage_name=f"bulk/{uuid.uuid4().hex}",
            wrapped_key=b"",
            key_id="demo",
        )
        for n in range(count)
    )


def test_the_list_makes_as_many_queries_for_300_documents_as_for_3(client, patient):
    client.force_login(patient)
    bulk_documents(patient.person, 3)
    client.get(LIST)  # the first visit starts the access log's chain
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    bulk_documents(patient.person, 297)

    with CaptureQueriesContext(connection) as many:
        client.get(LIST)

    assert len(many) == len(few)


# --- one document ---


def test_the_preview_is_inline_sandboxed_and_recorded(client, patient):
    document = make_document(patient.person, patient, content=files.image_bytes("PNG"))
    client.force_login(patient)

    response = client.get(f"{LIST}{document.pk}/apercu/")

    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="ordonnance.png"'
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert actions(patient.person)[-1] == "read"


def test_the_pdf_preview_can_be_framed_by_our_pages_only(client, patient):
    document = make_document(patient.person, patient)
    client.force_login(patient)

    response = client.get(f"{LIST}{document.pk}/apercu/")

    assert response["Content-Type"] == "application/pdf"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response.content.startswith(b"%PDF")


def test_the_download_is_an_attachment_under_its_safe_name_and_recorded(client, patient):
    content = files.pdf_bytes("Certificat")
    document = make_document(patient.person, patient, content=content, filename='cert "sport";.pdf')
    client.force_login(patient)

    response = client.get(f"{LIST}{document.pk}/telecharger/")

    assert response.content == content
    assert response["Content-Disposition"] == 'attachment; filename="cert_sport.pdf"'
    assert actions(patient.person)[-1] == "download"


def test_the_document_page_offers_every_action(client, patient):
    document = make_document(patient.person, patient)
    client.force_login(patient)

    page = html(client.get(f"{LIST}{document.pk}/"))

    for label in ("Télécharger", "Renommer ou changer la catégorie", "Masquer", "Supprimer"):
        assert label in page
    assert f'<iframe class="ens-documents__pdf" src="{LIST}{document.pk}/apercu/"' in page


def test_a_document_is_renamed_and_recategorised_from_its_page(client, patient):
    document = make_document(patient.person, patient)
    client.force_login(patient)

    response = client.post(
        f"{LIST}{document.pk}/modifier/",
        {
            "name": "Certificat sport",
            "category": Category.CERTIFICATE,
            "document_date": "01/09/2024",
        },
    )

    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.name, document.category) == ("Certificat sport", Category.CERTIFICATE)


def test_renaming_to_nothing_is_refused(client, patient):
    document = make_document(patient.person, patient)
    client.force_login(patient)

    response = client.post(
        f"{LIST}{document.pk}/modifier/",
        {"name": "", "category": Category.CERTIFICATE, "document_date": "01/09/2024"},
    )

    assert "Saisissez le nom du document." in field_error(response, "name")


def test_deleting_asks_for_confirmation_first(client, patient, django_capture_on_commit_callbacks):
    document = make_document(patient.person, patient)
    client.force_login(patient)
    url = f"{LIST}{document.pk}/supprimer/"

    assert "Voulez-vous vraiment supprimer" in html(client.get(url))
    assert Document.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response["Location"] == LIST
    assert not Document.objects.exists()
    assert not documents_storage().exists(document.storage_name)


def test_hiding_and_showing_from_the_page(client, patient):
    document = make_document(patient.person, patient)
    client.force_login(patient)

    client.post(f"{LIST}{document.pk}/masquer/")
    document.refresh_from_db()
    assert document.hidden_from_professionals
    assert "Masqué" in html(client.get(LIST))
    client.post(f"{LIST}{document.pk}/ne-plus-masquer/")

    document.refresh_from_db()
    assert not document.hidden_from_professionals


def test_hiding_needs_a_post(client, patient):
    document = make_document(patient.person, patient)
    client.force_login(patient)

    assert client.get(f"{LIST}{document.pk}/masquer/").status_code == 405


# --- nobody else's documents ---

DOCUMENT_PAGES = [
    ("get", ""),
    ("get", "apercu/"),
    ("get", "telecharger/"),
    ("get", "modifier/"),
    ("post", "modifier/"),
    ("get", "supprimer/"),
    ("post", "supprimer/"),
    ("post", "masquer/"),
    ("post", "ne-plus-masquer/"),
]
EDIT = {"name": "pris", "category": Category.OTHER, "document_date": "01/01/2025"}


@pytest.mark.parametrize(("method", "suffix"), DOCUMENT_PAGES)
def test_a_stranger_guessing_a_document_url_gets_404_and_changes_nothing(
    client, patient, stranger, method, suffix
):
    document = make_document(patient.person, patient)
    client.force_login(stranger)

    response = getattr(client, method)(f"{LIST}{document.pk}/{suffix}", EDIT)

    assert response.status_code == 404
    document.refresh_from_db()
    assert (document.name, document.hidden_from_professionals) == ("Ordonnance du Dr Martin", False)
    assert actions(patient.person) == ["create"]


def test_a_stranger_never_sees_someone_else_in_the_list(client, patient, stranger):
    make_document(patient.person, patient, name="Secret de patient")
    client.force_login(stranger)

    assert "Secret de patient" not in html(client.get(LIST))
    assert "Secret de patient" not in html(client.get(f"{LIST}?q=Secret"))


@pytest.mark.parametrize("suffix", ["", "apercu/", "telecharger/"])
def test_a_random_or_malformed_id_is_404(client, patient, suffix):
    client.force_login(patient)

    assert client.get(f"{LIST}00000000-0000-0000-0000-000000000000/{suffix}").status_code == 404
    assert client.get(f"{LIST}123/{suffix}").status_code == 404


# --- parents and children ---


def open_profile(client, person) -> None:
    client.post("/espace/profils/ouvrir/", {"profile": person.pk})


def test_a_parent_adds_and_reads_a_document_on_the_child_profile(client, parent, child):
    client.force_login(parent)
    open_profile(client, child)

    client.post(ADD, upload_data(name="Carnet de vaccination"))

    document = Document.objects.get()
    assert document.person == child
    assert "Carnet de vaccination" in html(client.get(LIST))
    entry = AccessLogEntry.objects.get(person=child, action="create")
    assert entry.actor == parent


def test_a_child_document_is_not_reachable_from_the_parent_profile(client, parent, child):
    document = make_document(child, parent, name="Document de Jules")
    client.force_login(parent)

    assert "Document de Jules" not in html(client.get(LIST))
    assert client.get(f"{LIST}{document.pk}/").status_code == 404
    open_profile(client, child)
    assert client.get(f"{LIST}{document.pk}/").status_code == 200


def test_a_parent_document_is_not_reachable_from_the_child_profile(client, parent, child):
    document = make_document(parent.person, parent, name="Document de Bruno")
    client.force_login(parent)
    open_profile(client, child)

    assert "Document de Bruno" not in html(client.get(LIST))
    assert client.get(f"{LIST}{document.pk}/telecharger/").status_code == 404


def test_a_stranger_cannot_reach_the_documents_of_someone_elses_child(client, parent, stranger):
    document = make_document(parent.child, parent)
    client.force_login(stranger)
    open_profile(client, parent.child)  # refused: the stranger's own profile stays open

    assert client.get(f"{LIST}{document.pk}/").status_code == 404


# --- the home cards ---


def test_the_home_cards_show_the_latest_prescriptions_vaccinations_and_documents(client, patient):
    from django.utils import timezone

    from ens.medical_profile.models import MedicalProfile

    MedicalProfile.objects.create(person=patient.person, first_visit_done_at=timezone.now())
    make_document(patient.person, patient, name="Ordonnance kiné")
    make_document(patient.person, patient, name="Vaccin DTP", category=Category.VACCINATION)
    make_document(patient.person, patient, name="Radio", category=Category.IMAGING)
    client.force_login(patient)

    response = client.get("/espace/")

    context = response.context
    assert [row.name for row in context["prescriptions"]] == ["Ordonnance kiné"]
    assert [row.name for row in context["vaccinations"]] == ["Vaccin DTP"]
    assert {row.name for row in context["documents"]} == {"Ordonnance kiné", "Vaccin DTP", "Radio"}
    assert "Ordonnances" in html(response)


def test_the_home_cards_record_their_read_as_the_person_herself(client, patient):
    make_document(patient.person)
    MedicalProfile.objects.create(person=patient.person, first_visit_done_at=timezone.now())
    client.force_login(patient)

    assert client.get("/espace/").status_code == 200

    entry = AccessLogEntry.objects.filter(person=patient.person, action="read").latest("seq")
    assert entry.actor_id == patient.pk
    assert entry.actor_label == "Moi"
