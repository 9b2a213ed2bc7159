"""The sections of the profile through the test client: add, change, delete with confirmation,
the rules of the services, the access log, and nobody else's entries."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from ens.access.models import AccessLogEntry
from ens.medical_profile.models import (
    AdvanceDirective,
    Allergy,
    Condition,
    Contact,
    TreatingDoctor,
    Treatment,
    Vaccination,
)
from tests.factories import ProfessionalFactory

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    return response.content.decode()


def _log(person) -> list[tuple[str, str]]:
    return list(
        AccessLogEntry.objects.filter(person=person)
        .order_by("seq")
        .values_list("action", "resource")
    )


def test_an_anonymous_visitor_is_sent_to_the_login(client):
    response = client.get("/espace/profil/traitements/")

    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")


def test_an_unknown_section_is_a_404(client, camille):
    client.force_login(camille)

    assert client.get("/espace/profil/inconnue/").status_code == 404


def test_a_treatment_is_added_and_listed(client, camille):
    client.force_login(camille)

    response = client.post(
        "/espace/profil/traitements/ajouter/",
        {
            "name": "Levothyrox",
            "kind": "medication",
            "dose": "75 µg le matin",
            "start_date": "2024-01-15",
            "end_date": "",
            "notes": "",
        },
    )

    assert response.status_code == 302
    treatment = Treatment.objects.get(person=camille.person)
    assert treatment.created_by == camille
    html = _html(client.get("/espace/profil/traitements/"))
    assert "Levothyrox" in html
    assert "75 µg le matin" in html
    assert "15/01/2024" in html


def test_an_invalid_entry_is_refused_in_french_next_to_its_field_keeping_what_was_typed(
    client, camille
):
    client.force_login(camille)

    response = client.post(
        "/espace/profil/traitements/ajouter/",
        {
            "name": "Amoxicilline",
            "kind": "medication",
            "start_date": "2024-03-10",
            "end_date": "2024-03-01",
        },
    )

    html = _html(response)
    assert response.status_code == 200
    assert "La date de fin doit être postérieure à la date de début." in html
    assert 'value="Amoxicilline"' in html
    assert "Erreur : Ajouter un traitement" in html
    assert not Treatment.objects.exists()


def test_a_missing_name_says_the_field_is_required(client, camille):
    client.force_login(camille)

    response = client.post("/espace/profil/allergies/ajouter/", {"kind": "food"})

    assert "Le champ est obligatoire." in _html(response)


def test_a_vaccination_in_the_future_is_refused(client, camille):
    client.force_login(camille)
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = client.post(
        "/espace/profil/vaccinations/ajouter/",
        {"target": "grippe", "given_on": tomorrow.isoformat()},
    )

    assert "La date ne peut pas être dans le futur." in _html(response)
    assert not Vaccination.objects.exists()


def test_a_date_before_birth_is_refused(client, camille):
    client.force_login(camille)

    response = client.post(
        "/espace/profil/maladies/ajouter/",
        {"name": "Asthme", "status": "current", "start_date": "1980-01-01"},
    )

    assert "La date ne peut pas être antérieure à la date de naissance (21/03/1991)." in _html(
        response
    )


def test_an_entry_is_changed(client, camille):
    allergy = Allergy.objects.create(person=camille.person, substance="Arachide", kind="food")
    client.force_login(camille)

    response = client.post(
        f"/espace/profil/allergies/{allergy.pk}/modifier/",
        {
            "substance": "Arachide",
            "kind": "food",
            "reaction": "Œdème des lèvres",
            "severity": "severe",
        },
    )

    assert response.status_code == 302
    allergy.refresh_from_db()
    assert allergy.severity == "severe"
    assert allergy.reaction == "Œdème des lèvres"


def test_delete_asks_for_confirmation_first(client, camille):
    condition = Condition.objects.create(person=camille.person, name="Migraine")
    client.force_login(camille)

    response = client.get(f"/espace/profil/maladies/{condition.pk}/supprimer/")

    assert "Voulez-vous vraiment supprimer « Migraine »" in _html(response)
    assert Condition.objects.filter(pk=condition.pk).exists()


def test_an_entry_is_deleted_once_confirmed(client, camille):
    condition = Condition.objects.create(person=camille.person, name="Migraine")
    client.force_login(camille)

    response = client.post(f"/espace/profil/maladies/{condition.pk}/supprimer/")

    assert response.status_code == 302
    assert not Condition.objects.filter(pk=condition.pk).exists()


def test_every_read_and_write_is_in_the_access_log(client, camille):
    client.force_login(camille)
    client.post("/espace/profil/maladies/ajouter/", {"name": "Asthme", "status": "current"})
    condition = Condition.objects.get()
    client.get("/espace/profil/maladies/")
    client.post(
        f"/espace/profil/maladies/{condition.pk}/modifier/",
        {"name": "Asthme allergique", "status": "current"},
    )
    client.post(f"/espace/profil/maladies/{condition.pk}/supprimer/")
    client.get("/espace/profil/")

    assert _log(camille.person) == [
        ("create", "Profil médical — maladie ou sujet de santé « Asthme »"),
        ("read", "Profil médical — maladie ou sujet de santé"),
        ("read", "Profil médical — maladie ou sujet de santé « Asthme »"),
        ("update", "Profil médical — maladie ou sujet de santé « Asthme allergique »"),
        ("delete", "Profil médical — maladie ou sujet de santé « Asthme allergique »"),
        ("read", "Profil médical"),
    ]


def test_only_one_trusted_person_can_be_named(client, camille):
    Contact.objects.create(person=camille.person, role="trusted", name="Paul Durand", phone="0611")
    client.force_login(camille)

    response = client.post(
        "/espace/profil/contacts/ajouter/",
        {"role": "trusted", "name": "Anne Durand", "relation": "Sœur", "phone": "06 12 34 56 78"},
    )

    assert "Vous avez déjà désigné une personne de confiance" in _html(response)
    assert 'value="Anne Durand"' in _html(response)


def test_an_emergency_contact_needs_a_valid_phone_number(client, camille):
    client.force_login(camille)

    response = client.post(
        "/espace/profil/contacts/ajouter/",
        {"role": "emergency", "name": "Anne Durand", "phone": "12"},
    )

    assert "Saisissez un numéro de téléphone valide" in _html(response)


def test_advance_directives_can_say_i_have_none(client, camille):
    client.force_login(camille)

    client.post(
        "/espace/profil/directives-anticipees/ajouter/",
        {"status": "none", "text": "oublié", "written_on": "2020-01-01"},
    )

    directive = AdvanceDirective.objects.get(person=camille.person)
    assert (directive.status, directive.text, directive.written_on) == ("none", "", None)
    assert "Je n&#x27;en ai pas" in _html(client.get("/espace/profil/directives-anticipees/"))


def test_a_single_entry_section_refuses_a_second_entry(client, camille):
    AdvanceDirective.objects.create(person=camille.person, status="none")
    client.force_login(camille)

    response = client.post("/espace/profil/directives-anticipees/ajouter/", {"status": "none"})

    assert "Cette rubrique est déjà renseignée" in _html(response)
    assert AdvanceDirective.objects.count() == 1


def test_the_condition_search_works_without_javascript(client, camille):
    client.force_login(camille)

    html = _html(client.get("/espace/profil/maladies/ajouter/", {"q": "diabete"}))

    assert 'href="?name=Diab%C3%A8te+de+type+2"' in html
    assert '<datalist id="name-suggestions">' in html


def test_a_search_result_fills_in_the_form(client, camille):
    client.force_login(camille)

    html = _html(client.get("/espace/profil/maladies/ajouter/", {"name": "Diabète de type 2"}))

    assert 'value="Diabète de type 2"' in html


def test_the_treating_doctor_is_found_in_the_directory_by_rpps_and_chosen(client, camille):
    doctor = ProfessionalFactory(first_name="Claire", last_name="Martin", rpps="10101010101")
    client.force_login(camille)

    found = _html(client.get("/espace/profil/medecin-traitant/ajouter/", {"q": "10101010101"}))
    chosen = _html(
        client.get("/espace/profil/medecin-traitant/ajouter/", {"professional": doctor.pk})
    )
    client.post("/espace/profil/medecin-traitant/ajouter/", {"professional": doctor.pk})

    assert f'href="?professional={doctor.pk}"' in found
    assert "Choisi dans l’annuaire" in chosen and "Dr Claire Martin" in chosen
    assert TreatingDoctor.objects.get(person=camille.person).professional == doctor
    assert "Dr Claire Martin, médecin généraliste" in _html(
        client.get("/espace/profil/medecin-traitant/")
    )


def test_the_treating_doctor_can_be_typed_freely(client, camille):
    client.force_login(camille)

    client.post(
        "/espace/profil/medecin-traitant/ajouter/",
        {"name": "Dr Jean Valjean", "phone": "01 23 45 67 89"},
    )

    assert TreatingDoctor.objects.get(person=camille.person).name == "Dr Jean Valjean"


def test_a_treating_doctor_needs_a_choice_or_a_name(client, camille):
    client.force_login(camille)

    response = client.post("/espace/profil/medecin-traitant/ajouter/", {"name": ""})

    assert "Choisissez un médecin dans l’annuaire ou saisissez son nom." in _html(
        response
    ) or "Choisissez un médecin dans l&#x27;annuaire ou saisissez son nom." in _html(response)


def test_the_vaccination_page_shows_what_the_calendar_recommends(client, camille):
    Vaccination.objects.create(person=camille.person, target="dtp", given_on=date(2016, 4, 1))
    client.force_login(camille)

    html = _html(client.get("/espace/profil/vaccinations/"))

    assert "Rappels du calendrier des vaccinations" in html
    assert "Rougeole, oreillons, rubéole (ROR) : dose 1" in html
    assert "Diphtérie, tétanos, poliomyélite (et coqueluche) : rappel" not in html


def test_the_profile_page_lists_every_section(client, camille):
    Treatment.objects.create(person=camille.person, name="Ventoline")
    client.force_login(camille)

    html = _html(client.get("/espace/profil/"))

    for title in (
        "Maladies et sujets de santé",
        "Traitements",
        "Allergies et intolérances",
        "Vaccinations",
        "Antécédents familiaux",
        "Directives anticipées",
        "Médecin traitant",
    ):
        assert title in html
    assert "Ventoline" in html


# Nobody else's entries: a stranger guessing ids, a parent and a child.


def test_a_stranger_guessing_an_entry_id_gets_a_404_and_changes_nothing(client, camille, stranger):
    treatment = Treatment.objects.create(person=camille.person, name="Ventoline")
    client.force_login(stranger)

    assert client.get(f"/espace/profil/traitements/{treatment.pk}/modifier/").status_code == 404
    assert client.get(f"/espace/profil/traitements/{treatment.pk}/supprimer/").status_code == 404
    edit = client.post(
        f"/espace/profil/traitements/{treatment.pk}/modifier/",
        {"name": "Piraté", "kind": "medication"},
    )
    delete = client.post(f"/espace/profil/traitements/{treatment.pk}/supprimer/")

    assert (edit.status_code, delete.status_code) == (404, 404)
    treatment.refresh_from_db()
    assert treatment.name == "Ventoline"
    assert "Ventoline" not in _html(client.get("/espace/profil/traitements/"))
    assert _log(camille.person) == []


def test_an_entry_id_of_another_section_is_a_404(client, camille):
    treatment = Treatment.objects.create(person=camille.person, name="Ventoline")
    client.force_login(camille)

    assert client.get(f"/espace/profil/allergies/{treatment.pk}/modifier/").status_code == 404


def test_a_childs_entries_are_apart_from_the_parents(client, christian, lea):
    Allergy.objects.create(person=lea, substance="Lait de vache", kind="food")
    Allergy.objects.create(person=christian.person, substance="Pollen", kind="environment")
    client.force_login(christian)

    own = _html(client.get("/espace/profil/allergies/"))
    client.post("/espace/profils/ouvrir/", {"profile": lea.pk})
    childs = _html(client.get("/espace/profil/allergies/"))

    assert "Pollen" in own and "Lait de vache" not in own
    assert "Lait de vache" in childs and "Pollen" not in childs


def test_what_a_parent_adds_in_the_childs_profile_belongs_to_the_child(client, christian, lea):
    client.force_login(christian)
    client.post("/espace/profils/ouvrir/", {"profile": lea.pk})

    client.post("/espace/profil/vaccinations/ajouter/", {"target": "ror", "given_on": "2016-05-03"})

    vaccination = Vaccination.objects.get()
    assert vaccination.person == lea
    assert vaccination.created_by == christian
    assert AccessLogEntry.objects.get(person=lea).actor_kind == "parent"


def test_the_parent_cannot_reach_the_childs_entry_from_their_own_profile(client, christian, lea):
    allergy = Allergy.objects.create(person=lea, substance="Lait de vache", kind="food")
    client.force_login(christian)

    assert client.get(f"/espace/profil/allergies/{allergy.pk}/modifier/").status_code == 404


def test_the_child_entries_of_a_stranger_stay_out_of_reach(client, christian, strangers_child):
    allergy = Allergy.objects.create(person=strangers_child, substance="Gluten", kind="food")
    client.force_login(christian)

    response = client.post("/espace/profils/ouvrir/", {"profile": strangers_child.pk})

    assert response.status_code == 404
    assert client.get(f"/espace/profil/allergies/{allergy.pk}/supprimer/").status_code == 404


def test_an_empty_search_asks_for_a_word(client, camille):
    client.force_login(camille)

    html = _html(client.get("/espace/profil/maladies/ajouter/", {"q": " "}))

    assert "Saisissez au moins un mot à rechercher." in html
    assert "Aucun résultat" not in html
