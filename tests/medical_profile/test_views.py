"""The medical profile page: the first-visit answers of the open profile, and only them."""

from decimal import Decimal

import pytest

from ens.medical_profile.services import medical_profile_answer

pytestmark = pytest.mark.django_db


def test_it_sends_an_anonymous_visitor_to_the_login(client):
    response = client.get("/espace/profil/")

    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/?next=/espace/profil/")


def test_it_shows_the_answers_the_french_way_with_the_bmi(client, camille):
    medical_profile_answer(person=camille.person, field="height_m", value=Decimal("1.75"))
    medical_profile_answer(person=camille.person, field="weight_kg", value=Decimal("70.5"))
    medical_profile_answer(person=camille.person, field="has_allergies", value=False)
    client.force_login(camille)

    response = client.get("/espace/profil/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "1,75 m" in html
    assert "70,5 kg" in html
    assert "23,0" in html  # 70.5 / 1.75²
    assert "Non renseigné" in html  # diseases, treatments


def test_it_says_nothing_is_known_before_any_answer(client, christian):
    client.force_login(christian)

    response = client.get("/espace/profil/")

    assert response.content.decode().count("Non renseigné") == 5


def test_a_childs_answers_are_not_shown_under_the_parents_profile(client, christian, lea):
    medical_profile_answer(person=lea, field="height_m", value=Decimal("1.32"))
    client.force_login(christian)

    assert "1,32 m" not in client.get("/espace/profil/").content.decode()
    client.post("/espace/profils/ouvrir/", {"profile": lea.pk})
    assert "1,32 m" in client.get("/espace/profil/").content.decode()


def test_a_parents_answers_are_not_shown_under_the_childs_profile(client, christian, lea):
    medical_profile_answer(person=christian.person, field="height_m", value=Decimal("1.82"))
    client.force_login(christian)
    client.post("/espace/profils/ouvrir/", {"profile": lea.pk})

    assert "1,82 m" not in client.get("/espace/profil/").content.decode()
