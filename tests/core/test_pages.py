import pytest

pytestmark = pytest.mark.django_db


def test_the_landing_page_names_the_service_and_its_two_entry_points(client):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Mon espace santé" in html
    assert 'href="/activation/"' in html
    assert 'href="/connexion/"' in html


def test_every_page_carries_strict_security_headers(client):
    response = client.get("/")

    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    ["/accessibilite/", "/mentions-legales/", "/donnees-personnelles/", "/aide/", "/a-propos/"],
)
def test_each_footer_page_exists(client, path):
    assert client.get(path).status_code == 200


def test_the_site_is_french_by_default(client):
    response = client.get("/")

    assert response.headers["Content-Language"] == "fr"
    assert '<html lang="fr"' in response.content.decode()


def test_english_is_available(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.headers["Content-Language"] == "en"
    assert "Log in" in response.content.decode()


def test_the_language_switch_turns_the_site_to_english_and_back(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert "Log in" in response.content.decode()
    assert 'lang="fr">Français</button>' in response.content.decode()

    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"}, follow=True)
    assert "Se connecter" in response.content.decode()
