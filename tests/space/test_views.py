"""The pages of the space through the test client: who reaches them and what they show."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from ens.accounts.models import User
from ens.medical_profile.models import MedicalProfile
from ens.messaging.models import Message

from .people import child_of, patient

pytestmark = pytest.mark.django_db

SPACE_PAGES = [
    "/espace/",
    "/espace/bienvenue/",
    "/espace/bienvenue/question/1/",
    "/espace/bienvenue/merci/",
    "/espace/profils/",
    "/espace/bientot/agenda/",
]


def html(response) -> str:
    return response.content.decode()


def open_profile(client, person) -> None:
    client.post("/espace/profils/ouvrir/", {"profile": person.pk})


# --- who reaches the space ---


@pytest.mark.parametrize("url", SPACE_PAGES)
def test_an_anonymous_visitor_is_sent_to_the_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/connexion/?next={url}"


@pytest.mark.parametrize("url", ["/espace/bienvenue/passer/", "/espace/profils/ouvrir/"])
def test_an_anonymous_post_changes_nothing_and_goes_to_the_login(client, url):
    response = client.post(url, {"profile": "1"})

    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")


# --- the home ---


def test_the_home_greets_the_person_by_first_name(client, camille):
    client.force_login(camille)

    response = client.get("/espace/")

    assert response.status_code == 200
    assert "Bonjour Camille" in html(response)


@pytest.mark.parametrize(
    "text",
    [
        "Compléter mon profil médical",
        "Ajouter un document de santé",
        "Informations",
        "Mes ordonnances",
        "Mes vaccinations",
        "Mes documents de santé",
        "Vos données sont sécurisées",
        "Hébergement",
        "Sécurité",
        "Protection",
    ],
)
def test_the_home_shows_the_parts_of_seed_003(client, camille, text):
    client.force_login(camille)

    assert text in html(client.get("/espace/"))


def test_the_home_shows_an_empty_state_while_there_is_no_document(client, camille):
    client.force_login(camille)

    assert "Aucun document pour le moment" in html(client.get("/espace/"))


def test_the_home_links_to_the_data_protection_page(client, camille):
    client.force_login(camille)

    assert 'href="/donnees-personnelles/"' in html(client.get("/espace/"))


def test_the_menu_offers_the_logout_as_a_post_form(client, camille):
    client.force_login(camille)

    page = html(client.get("/espace/"))

    assert '<form method="post" action="/deconnexion/">' in page
    assert "Se déconnecter" in page


def test_the_built_sections_are_linked_directly(client, camille):
    client.force_login(camille)
    home = html(client.get("/espace/"))

    for path in ("/espace/profil/", "/espace/documents/", "/espace/messagerie/"):
        assert f'href="{path}"' in home
    assert "/espace/bientot/" not in home


def test_a_section_not_built_yet_has_a_coming_soon_page(client, camille):
    client.force_login(camille)

    response = client.get("/espace/bientot/agenda/")

    assert response.status_code == 200
    assert "Bientôt disponible" in html(response)


def test_an_unknown_section_is_not_found(client, camille):
    client.force_login(camille)

    assert client.get("/espace/bientot/nimporte-quoi/").status_code == 404


def test_the_menu_shows_the_number_of_unread_messages(client, camille):
    for subject in ("Bienvenue", "Résultats"):
        Message.objects.create(
            recipient=camille.person, sender_label="X", subject=subject, body="."
        )
    Message.objects.create(
        recipient=camille.person, sender_label="X", subject="Lu", body=".", read_at=timezone.now()
    )
    client.force_login(camille)

    assert '2<span class="fr-sr-only">&nbsp;messages non lus</span>' in html(client.get("/espace/"))


# --- the first visit ---


def test_the_home_opens_on_the_welcome_before_the_first_visit(client):
    newcomer = patient("Nina", "Petit", first_visit_done=False)
    client.force_login(newcomer)

    response = client.get("/espace/")

    assert response.status_code == 302
    assert response["Location"] == "/espace/bienvenue/"


def test_the_welcome_invites_to_start(client, camille):
    client.force_login(camille)

    page = html(client.get("/espace/bienvenue/"))

    assert "Bienvenue" in page
    assert "commencez dès maintenant à compléter votre profil médical" in page
    assert 'href="/espace/bienvenue/question/1/"' in page


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_each_question_says_its_rank_out_of_five(client, camille, number):
    client.force_login(camille)

    assert f"Question {number} sur 5" in html(client.get(f"/espace/bienvenue/question/{number}/"))


@pytest.mark.parametrize("number", [0, 6])
def test_there_is_no_question_beyond_the_five(client, camille, number):
    client.force_login(camille)

    assert client.get(f"/espace/bienvenue/question/{number}/").status_code == 404


def test_a_height_typed_with_a_comma_is_stored_and_leads_to_the_next_question(client, camille):
    client.force_login(camille)

    response = client.post("/espace/bienvenue/question/1/", {"answer": "1,68"})

    assert response["Location"] == "/espace/bienvenue/question/2/"
    assert MedicalProfile.objects.get(person=camille.person).height_m == Decimal("1.68")


def test_continuing_with_nothing_says_the_field_is_required(client, camille):
    client.force_login(camille)

    response = client.post("/espace/bienvenue/question/2/", {"answer": ""})

    assert response.status_code == 200
    assert "Le champ est obligatoire." in html(response)


def test_a_yes_no_question_left_empty_says_the_field_is_required(client, camille):
    client.force_login(camille)

    response = client.post("/espace/bienvenue/question/3/", {})

    assert "Le champ est obligatoire." in html(response)


def test_a_weight_out_of_range_is_refused_and_kept_as_typed(client, camille):
    client.force_login(camille)

    response = client.post("/espace/bienvenue/question/2/", {"answer": "420,5"})

    page = html(response)
    assert "La valeur doit être comprise entre 1 kg et 350 kg." in page
    assert 'value="420,5"' in page
    assert MedicalProfile.objects.get(person=camille.person).weight_kg is None


def test_a_stored_answer_is_shown_again_the_french_way(client, camille):
    MedicalProfile.objects.filter(person=camille.person).update(weight_kg=Decimal("64.5"))
    client.force_login(camille)

    assert 'value="64,5"' in html(client.get("/espace/bienvenue/question/2/"))


def test_the_last_answer_ends_the_first_visit_with_thanks(client):
    newcomer = patient("Nina", "Petit", first_visit_done=False)
    client.force_login(newcomer)

    response = client.post("/espace/bienvenue/question/5/", {"answer": "non"})

    assert response["Location"] == "/espace/bienvenue/merci/"
    profile = MedicalProfile.objects.get(person=newcomer.person)
    assert profile.has_allergies is False
    assert profile.first_visit_done_at is not None
    assert "Merci d'avoir complété ces informations." in html(
        client.get("/espace/bienvenue/merci/")
    )


def test_skipping_goes_home_and_keeps_what_was_answered(client):
    newcomer = patient("Nina", "Petit", first_visit_done=False)
    client.force_login(newcomer)
    client.post("/espace/bienvenue/question/1/", {"answer": "1,60"})

    response = client.post("/espace/bienvenue/passer/")

    assert response["Location"] == "/espace/"
    assert client.get("/espace/").status_code == 200
    assert MedicalProfile.objects.get(person=newcomer.person).height_m == Decimal("1.60")


def test_skipping_is_refused_by_get(client, camille):
    client.force_login(camille)

    assert client.get("/espace/bienvenue/passer/").status_code == 405


# --- profiles of children ---


def test_a_parent_is_offered_the_profiles_of_their_minor_children(client, christian, lea):
    client.force_login(christian)

    page = html(client.get("/espace/profils/"))

    assert "Mon profil (Christian Dupont)" in page
    assert "Profil de Léa Dupont" in page


def test_a_child_who_came_of_age_is_no_longer_offered(client, christian):
    adult = child_of(christian, "Théo", birth_date=date(2000, 1, 1))
    client.force_login(christian)

    assert "Théo" not in html(client.get("/espace/profils/"))
    open_profile(client, adult)
    assert "Bonjour Christian" in html(client.get("/espace/"))


def test_a_parent_switches_to_the_childs_profile_and_back(client, christian, lea):
    client.force_login(christian)

    open_profile(client, lea)
    page = html(client.get("/espace/"))
    assert "Profil de Léa" in page
    assert "Profil affiché : <strong>Léa Dupont</strong> (profil rattaché)" in page

    open_profile(client, christian.person)
    assert "Bonjour Christian" in html(client.get("/espace/"))


def test_answers_given_under_the_childs_profile_go_to_the_child(client, christian, lea):
    client.force_login(christian)
    open_profile(client, lea)

    client.post("/espace/bienvenue/question/1/", {"answer": "1,32"})

    assert MedicalProfile.objects.get(person=lea).height_m == Decimal("1.32")
    assert MedicalProfile.objects.get(person=christian.person).height_m is None


def test_the_childs_unread_messages_are_not_counted_under_the_parents_profile(
    client, christian, lea
):
    Message.objects.create(recipient=lea, sender_label="X", subject="Vaccin", body=".")
    client.force_login(christian)

    assert "non lu" not in html(client.get("/espace/"))
    open_profile(client, lea)
    assert "1 message non lu" in html(client.get("/espace/")).replace(
        '<span class="fr-sr-only">&nbsp;', " "
    )


def test_opening_a_strangers_child_is_not_found(client, christian, strangers_child):
    client.force_login(christian)

    response = client.post("/espace/profils/ouvrir/", {"profile": strangers_child.pk})

    assert response.status_code == 404
    assert "Bonjour Christian" in html(client.get("/espace/"))


def test_opening_a_stranger_is_not_found(client, christian, stranger):
    client.force_login(christian)

    response = client.post("/espace/profils/ouvrir/", {"profile": stranger.person_id})

    assert response.status_code == 404


def test_a_stranger_never_sees_a_profile_opened_in_another_session(
    client, christian, lea, stranger
):
    client.force_login(christian)
    open_profile(client, lea)
    client.logout()

    client.force_login(stranger)
    session = client.session
    session["space_profile_id"] = lea.pk  # as if the id leaked into their session
    session.save()
    page = html(client.get("/espace/"))

    assert "Bonjour Bruno" in page
    assert "Léa" not in page


def test_a_user_who_is_not_an_insured_person_does_not_reach_the_space(client):
    operator = User.objects.create_user(username="operateur.test")
    client.force_login(operator)

    assert client.get("/espace/").status_code in (302, 403)
