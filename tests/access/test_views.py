"""/espace/historique/ through the test client: what it shows, its filters and downloads, who
sees which history."""

import csv
import io
from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from ens.access.models import AccessLogEntry
from ens.access.services import access_record

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
URL = "/espace/historique/"


def html(response) -> str:
    return response.content.decode()


def record_on(when: datetime, *, person, actor, resource="Profil médical", **kwargs):
    """An entry written at `when` (the service's clock set back, the chain stays valid)."""
    fields = {"action": "read"} | kwargs
    with mock.patch("ens.access.services.timezone.now", return_value=when):
        return access_record(person=person, actor=actor, resource=resource, **fields)


def day(d: int, month: int = 3, hour: int = 10) -> datetime:
    return datetime(2025, month, d, hour, 0, tzinfo=PARIS)


def open_profile(client, person) -> None:
    client.post("/espace/profils/ouvrir/", {"profile": person.pk})


def csv_rows(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:]), delimiter=";"))


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


# --- who reaches it ---


def test_an_anonymous_visitor_goes_to_the_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")


def test_it_is_in_the_navigation_of_the_space(client, patient):
    client.force_login(patient)

    assert f'href="{URL}"' in html(client.get("/espace/profils/"))


# --- what it shows ---


def test_it_shows_who_did_what_and_when(client, patient, professional):
    record_on(
        day(12, hour=14), person=patient.person, actor=professional, resource="Document « Bilan »"
    )
    client.force_login(patient)

    page = html(client.get(URL))

    assert "Dr Hélène Leroy, médecin généraliste" in page
    assert "Document « Bilan »" in page
    assert "12/03/2025 à 14:00" in page
    assert "Consultation" in page


def test_it_shows_the_newest_access_first(client, patient):
    record_on(day(1), person=patient.person, actor=patient, resource="Ancien accès")
    record_on(day(20), person=patient.person, actor=patient, resource="Accès récent")
    client.force_login(patient)

    page = html(client.get(URL))

    assert page.index("Accès récent") < page.index("Ancien accès")


def test_it_flags_an_emergency_access_with_its_reason(client, patient, professional):
    record_on(
        day(5),
        person=patient.person,
        actor=professional,
        mode="emergency",
        detail="Patient inconscient aux urgences",
    )
    client.force_login(patient)

    page = html(client.get(URL))

    assert "Accès en urgence" in page
    assert "Motif déclaré : Patient inconscient aux urgences" in page


def test_a_normal_access_is_not_flagged(client, patient):
    record_on(day(5), person=patient.person, actor=patient)
    client.force_login(patient)

    assert "Accès en urgence" not in html(client.get(URL))


def test_it_says_when_nothing_was_accessed_yet(client, patient):
    client.force_login(patient)

    assert "Aucun accès aux données de santé de ce profil" in html(client.get(URL))


def test_viewing_the_history_is_not_itself_recorded(client, patient):
    record_on(day(5), person=patient.person, actor=patient)
    client.force_login(patient)

    client.get(URL)
    client.get(URL + "telecharger/csv/")

    assert AccessLogEntry.objects.filter(person=patient.person).count() == 1


def test_it_pages_a_long_history_by_twenty(client, patient):
    for number in range(25):
        record_on(
            day(1 + number), person=patient.person, actor=patient, resource=f"Doc-{number:02d}"
        )
    client.force_login(patient)

    first, second = html(client.get(URL)), html(client.get(URL + "?page=2"))

    assert "Doc-24" in first and "Doc-05" in first and "Doc-04" not in first
    assert "Doc-04" in second and "Doc-00" in second and "Doc-05" not in second
    assert 'class="fr-pagination"' in first


def test_pagination_keeps_the_filters(client, patient):
    for number in range(25):
        record_on(day(1 + number), person=patient.person, actor=patient)
    client.force_login(patient)

    page = html(client.get(URL + "?du=01%2F03%2F2025&au=&qui=patient"))

    assert "?du=01%2F03%2F2025&amp;au=&amp;qui=patient&amp;page=2" in page


# --- filters ---


def test_it_filters_by_period_days_included(client, patient):
    record_on(day(9, hour=23), person=patient.person, actor=patient, resource="Avant")
    record_on(day(10, hour=0), person=patient.person, actor=patient, resource="Premier jour")
    record_on(day(12, hour=23), person=patient.person, actor=patient, resource="Dernier jour")
    record_on(day(13, hour=0), person=patient.person, actor=patient, resource="Après")
    client.force_login(patient)

    page = html(client.get(URL, {"du": "10/03/2025", "au": "12/03/2025"}))

    assert "Premier jour" in page and "Dernier jour" in page
    assert "Avant" not in page and "Après" not in page


def test_it_filters_by_kind_of_actor(client, patient, professional):
    record_on(day(3), person=patient.person, actor=patient, resource="Par moi")
    record_on(day(4), person=patient.person, actor=professional, resource="Par le médecin")
    client.force_login(patient)

    page = html(client.get(URL, {"qui": "professional"}))

    assert "Par le médecin" in page
    assert "Par moi" not in page


def test_it_says_when_no_access_matches_the_filters(client, patient):
    record_on(day(3), person=patient.person, actor=patient)
    client.force_login(patient)

    page = html(client.get(URL, {"qui": "operator"}))

    assert "Aucun accès ne correspond à ces filtres." in page


def test_a_badly_typed_date_gets_a_french_error_and_is_kept(client, patient):
    record_on(day(3), person=patient.person, actor=patient, resource="Un accès")
    client.force_login(patient)

    page = html(client.get(URL, {"du": "2025-03-01"}))

    assert "au format JJ/MM/AAAA" in page
    assert 'value="2025-03-01"' in page
    assert "Un accès" not in page


def test_an_end_before_the_start_is_refused(client, patient):
    client.force_login(patient)

    page = html(client.get(URL, {"du": "10/03/2025", "au": "01/03/2025"}))

    assert "La date de fin doit être le même jour que la date de début ou après." in page


# --- downloads ---


def test_the_csv_has_a_header_and_one_row_per_access(client, patient, professional):
    record_on(
        day(12, hour=14),
        person=patient.person,
        actor=professional,
        resource="Document « Bilan »",
        mode="emergency",
        detail="Malaise",
    )
    client.force_login(patient)

    response = client.get(URL + "telecharger/csv/")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    header, row = csv_rows(response)
    assert header[:3] == ["Date", "Heure", "Qui"]
    assert row == [
        "12/03/2025",
        "14:00:00",
        "Dr Hélène Leroy, médecin généraliste",
        "Professionnel de santé",
        "Consultation",
        "Document « Bilan »",
        "Accès en urgence",
        "Malaise",
    ]


def test_the_csv_follows_the_filters(client, patient, professional):
    record_on(day(3), person=patient.person, actor=patient, resource="Par moi")
    record_on(day(4), person=patient.person, actor=professional, resource="Par le médecin")
    client.force_login(patient)

    rows = csv_rows(client.get(URL + "telecharger/csv/", {"qui": "patient"}))

    assert [row[5] for row in rows[1:]] == ["Par moi"]


def test_a_download_with_wrong_filters_goes_back_to_the_page(client, patient):
    client.force_login(patient)

    response = client.get(URL + "telecharger/pdf/", {"du": "hier"})

    assert response.status_code == 302
    assert response["Location"] == URL + "?du=hier"


def test_the_pdf_lists_the_accesses(client, patient, professional):
    record_on(day(12), person=patient.person, actor=professional, resource="Document « Bilan »")
    record_on(day(13), person=patient.person, actor=patient, resource="Profil médical — poids")
    client.force_login(patient)

    response = client.get(URL + "telecharger/pdf/", {"du": "01/03/2025"})

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    assert "Historique des accès : Alice Bernard" in text
    assert "Période : du 01/03/2025" not in text  # only a start date was given
    assert "Période : depuis le 01/03/2025." in text
    assert "Dr Hélène Leroy, médecin généraliste" in text
    assert "Profil médical - poids" in text  # the core fonts have no em dash
    assert "2 accès" in text


# --- who sees which history ---


def test_a_stranger_never_sees_someone_elses_history(client, patient, stranger):
    record_on(day(3), person=patient.person, actor=patient, resource="Secret d'Alice")
    client.force_login(stranger)

    assert "Secret d'Alice" not in html(client.get(URL))
    assert (
        "Secret d'Alice"
        not in b"".join(client.get(URL + "telecharger/csv/").streaming_content).decode()
    )


def test_a_stranger_cannot_open_someone_elses_profile_to_see_its_history(client, patient, stranger):
    record_on(day(3), person=patient.person, actor=patient, resource="Secret d'Alice")
    client.force_login(stranger)

    response = client.post("/espace/profils/ouvrir/", {"profile": patient.person.pk})

    assert response.status_code == 404
    assert "Secret d'Alice" not in html(client.get(URL))


def test_a_parent_sees_the_childs_history_when_the_childs_profile_is_open(client, parent, child):
    record_on(day(3), person=child, actor=parent, resource="Carnet de vaccination de Jules")
    client.force_login(parent)
    open_profile(client, child)

    page = html(client.get(URL))

    assert "Carnet de vaccination de Jules" in page
    assert "Bruno Petit (parent)" in page


def test_the_childs_history_is_not_shown_under_the_parents_profile(client, parent, child):
    record_on(day(3), person=child, actor=parent, resource="Carnet de vaccination de Jules")
    record_on(day(4), person=parent.person, actor=parent, resource="Profil de Bruno")
    client.force_login(parent)

    page = html(client.get(URL))

    assert "Profil de Bruno" in page
    assert "Carnet de vaccination de Jules" not in page


def test_a_stranger_cannot_open_a_childs_profile_to_see_its_history(client, child, stranger):
    record_on(day(3), person=child, actor=None, resource="Carnet de vaccination de Jules")
    client.force_login(stranger)

    assert client.post("/espace/profils/ouvrir/", {"profile": child.pk}).status_code == 404
    assert "Carnet de vaccination" not in html(client.get(URL))
