"""/espace/profil/mesures/ through the test client: what each page shows, what it accepts and
refuses, and who sees what."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from ens.access.models import AccessLogEntry
from ens.measures.kinds import Kind
from ens.measures.models import Measurement
from ens.measures.services import measurement_create
from ens.medical_profile.models import MedicalProfile
from ens.registry.models import ParentLink
from tests.factories import InsuredPersonFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
URL = "/espace/profil/mesures/"
WEIGHT_URL = URL + "poids/"


def recently():  # a child's birth date is random: measure it after
    return timezone.now() - timedelta(hours=1)


def html(response) -> str:
    return response.content.decode()


def add(user, kind=Kind.WEIGHT, value="72.5", person=None, **kwargs):
    return measurement_create(
        person=person or user.person,
        actor=user,
        kind=kind,
        value=Decimal(value),
        measured_at=kwargs.pop("when", datetime(2025, 3, 1, 9, 30, tzinfo=PARIS)),
        **kwargs,
    )


def form(value="72,5", **extra) -> dict:
    return {"value": value, "measured_on": "2025-03-01", "measured_time": "09:30"} | extra


@pytest.fixture
def logged_in(client, patient):
    client.force_login(patient)
    return client


def open_profile(client, person) -> None:
    client.post("/espace/profils/ouvrir/", {"profile": person.pk})


# --- who reaches it ---


def test_an_anonymous_visitor_goes_to_the_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")


def test_a_professional_cannot_open_the_pages(client, professional):
    client.force_login(professional)

    assert client.get(URL).status_code in (403, 302)


# --- the list ---


def test_the_list_shows_the_latest_value_of_each_kind(logged_in, patient):
    add(patient, value="80")
    add(patient, value="78.5", when=datetime(2025, 3, 10, 8, tzinfo=PARIS))

    page = html(logged_in.get(URL))

    assert "78,5\u00a0kg" in page
    assert "10/03/2025 08:00" in page
    assert "80,0\u00a0kg" not in page


def test_the_list_shows_the_bmi_with_its_category(logged_in, patient):
    add(patient, value="72.5")
    add(patient, kind=Kind.HEIGHT, value="1.75")

    page = html(logged_in.get(URL))

    assert "23,7" in page
    assert "Corpulence normale" in page


def test_the_list_does_not_offer_head_circumference_to_an_adult(logged_in):
    assert "Périmètre crânien" not in html(logged_in.get(URL))


def test_the_list_reading_is_recorded(logged_in, patient):
    logged_in.get(URL)

    assert AccessLogEntry.objects.filter(person=patient.person, action="read").count() == 1


# --- one kind: chart, table, add form ---


def test_a_kind_page_shows_the_chart_and_the_table(logged_in, patient):
    add(patient, value="72.5")

    page = html(logged_in.get(WEIGHT_URL))

    assert 'role="img"' in page
    assert '<title id="chart-poids-title">Évolution : poids</title>' in page
    assert "<caption>Historique : Poids, de la plus récente à la plus ancienne</caption>" in page
    assert "<td>72,5</td>" in page


def test_an_unknown_kind_is_a_404(logged_in):
    assert logged_in.get(URL + "cholesterol/").status_code == 404


def test_a_value_with_a_french_comma_is_added(logged_in, patient):
    response = logged_in.post(WEIGHT_URL, form("72,5"))

    assert response.status_code == 302
    assert Measurement.objects.get(person=patient.person).value == Decimal("72.5")


def test_the_form_defaults_to_now(logged_in):
    today = timezone.localdate().isoformat()

    assert f'value="{today}"' in html(logged_in.get(WEIGHT_URL))


def test_a_value_out_of_range_is_refused_next_to_its_field_keeping_what_was_typed(logged_in):
    response = logged_in.post(WEIGHT_URL, form("420"))

    page = html(response)
    assert response.status_code == 200
    assert "La valeur doit être comprise entre 1 kg et 350 kg." in page
    assert 'value="420"' in page
    assert not Measurement.objects.exists()


def test_a_text_that_is_no_number_is_refused(logged_in):
    page = html(logged_in.post(WEIGHT_URL, form("beaucoup")))

    assert "Saisissez un nombre, par exemple 72,5." in page


def test_a_date_in_the_future_is_refused_next_to_the_date(logged_in):
    tomorrow = timezone.localdate() + timedelta(days=1)

    page = html(logged_in.post(WEIGHT_URL, form(measured_on=tomorrow.isoformat())))

    assert "ne peuvent pas être dans le futur" in page
    assert not Measurement.objects.exists()


def test_a_blood_pressure_is_added_with_both_values(logged_in, patient):
    logged_in.post(URL + "tension-arterielle/", form("125", diastolic="80"))

    measurement = Measurement.objects.get(person=patient.person)
    assert (measurement.value, measurement.diastolic) == (Decimal(125), Decimal(80))


def test_a_blood_pressure_with_the_values_swapped_is_refused(logged_in):
    page = html(logged_in.post(URL + "tension-arterielle/", form("80", diastolic="125")))

    assert "La pression diastolique doit être inférieure à la pression systolique." in page


def test_a_glycemie_without_its_moment_is_refused(logged_in):
    page = html(logged_in.post(URL + "glycemie/", form("0,95")))

    assert "Indiquez si la mesure a été prise à jeun ou après un repas." in page


def test_the_first_visit_answer_is_the_first_point(logged_in, patient):
    MedicalProfile.objects.create(
        person=patient.person,
        weight_kg=Decimal("65.0"),
        answered_at=datetime(2025, 1, 5, 10, tzinfo=PARIS),
    )

    page = html(logged_in.get(WEIGHT_URL))

    assert "<td>65,0</td>" in page
    assert "Réponse au questionnaire de première visite" in page


# --- edit and delete ---


def test_an_edit_page_shows_the_value_the_french_way(logged_in, patient):
    measurement = add(patient, value="72.5")

    page = html(logged_in.get(f"{WEIGHT_URL}{measurement.pk}/modifier/"))

    assert 'value="72,5"' in page
    assert 'value="2025-03-01"' in page


def test_an_edit_saves_the_new_value(logged_in, patient):
    measurement = add(patient)

    response = logged_in.post(f"{WEIGHT_URL}{measurement.pk}/modifier/", form("71,2"))

    assert response.status_code == 302
    measurement.refresh_from_db()
    assert measurement.value == Decimal("71.2")


def test_a_delete_asks_for_confirmation_first(logged_in, patient):
    measurement = add(patient)

    page = html(logged_in.get(f"{WEIGHT_URL}{measurement.pk}/supprimer/"))

    assert (
        "Voulez-vous vraiment supprimer la mesure de 72,5\u00a0kg du 01/03/2025 à 09:30 ?" in page
    )
    assert Measurement.objects.filter(pk=measurement.pk).exists()


def test_a_confirmed_delete_removes_the_measurement(logged_in, patient):
    measurement = add(patient)

    response = logged_in.post(f"{WEIGHT_URL}{measurement.pk}/supprimer/")

    assert response.status_code == 302
    assert not Measurement.objects.filter(pk=measurement.pk).exists()


def test_a_measurement_under_another_kind_is_a_404(logged_in, patient):
    measurement = add(patient)

    assert logged_in.get(f"{URL}taille/{measurement.pk}/modifier/").status_code == 404


# --- strangers ---


@pytest.mark.parametrize("action", ["modifier", "supprimer"])
def test_a_stranger_guessing_an_id_gets_a_404(client, patient, stranger, action):
    theirs = add(patient)
    client.force_login(stranger)

    response = client.get(f"{WEIGHT_URL}{theirs.pk}/{action}/")

    assert response.status_code == 404
    assert "72,5" not in html(response)


def test_a_stranger_cannot_change_a_measurement_by_posting(client, patient, stranger):
    theirs = add(patient)
    client.force_login(stranger)

    response = client.post(f"{WEIGHT_URL}{theirs.pk}/modifier/", form("99"))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.value == Decimal("72.5")


def test_a_stranger_cannot_delete_a_measurement(client, patient, stranger):
    theirs = add(patient)
    client.force_login(stranger)

    assert client.post(f"{WEIGHT_URL}{theirs.pk}/supprimer/").status_code == 404
    assert Measurement.objects.filter(pk=theirs.pk).exists()


def test_a_stranger_sees_none_of_another_persons_values(client, patient, stranger):
    add(patient, value="73.4")
    client.force_login(stranger)

    assert "73,4" not in html(client.get(WEIGHT_URL))


# --- parent and child ---


def test_a_parent_sees_the_childs_measurements_once_the_childs_profile_is_open(client, parent):
    add(parent, person=parent.child, value="20.5", when=recently())
    add(parent, value="81")
    client.force_login(parent)
    open_profile(client, parent.child)

    page = html(client.get(WEIGHT_URL))

    assert "<td>20,5</td>" in page
    assert "<td>81,0</td>" not in page


def test_a_childs_measurement_is_a_404_while_the_parents_own_profile_is_open(client, parent):
    childs = add(parent, person=parent.child, value="20.5", when=recently())
    client.force_login(parent)

    assert client.get(f"{WEIGHT_URL}{childs.pk}/modifier/").status_code == 404


def test_a_measurement_added_on_the_childs_profile_is_the_childs(client, parent):
    client.force_login(parent)
    open_profile(client, parent.child)

    now = timezone.localtime()
    client.post(WEIGHT_URL, form("20,5", measured_on=now.date().isoformat(), measured_time="00:00"))

    assert Measurement.objects.get().person == parent.child


def test_a_parent_of_a_baby_is_offered_head_circumference(client, parent):
    baby = InsuredPersonFactory(child=True, birth_date=timezone.localdate() - timedelta(days=400))
    ParentLink.objects.create(child=baby, parent=parent.person)
    client.force_login(parent)
    open_profile(client, baby)

    assert "Périmètre crânien" in html(client.get(URL))
    assert client.get(URL + "perimetre-cranien/").status_code == 200


def test_head_circumference_is_a_404_for_an_adult(logged_in):
    assert logged_in.get(URL + "perimetre-cranien/").status_code == 404
