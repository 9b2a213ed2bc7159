"""The registry in the Django admin: operators look people up, the import writes."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(staff=True, is_superuser=True, username="admin.registre"))
    return client


def test_an_operator_finds_a_person_by_nir(admin_client, christian):
    response = admin_client.get("/admin/registry/insuredperson/", {"q": christian.nir})

    assert response.status_code == 200
    assert "1 84 12 76 451 089 46" in response.content.decode()


def test_a_person_page_shows_the_card_and_the_parents(admin_client, lea):
    response = admin_client.get(f"/admin/registry/insuredperson/{lea.pk}/change/")

    assert response.status_code == 200
    assert "Christian" in response.content.decode()


def test_nobody_adds_a_person_by_hand(admin_client):
    assert admin_client.get("/admin/registry/insuredperson/add/").status_code == 403


def test_a_stranger_is_sent_to_the_admin_login(client, stranger):
    client.force_login(stranger)

    response = client.get("/admin/registry/insuredperson/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
