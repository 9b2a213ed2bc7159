"""The demo outbox: the /demo/boite/ page and `manage.py outbox`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ens.notifications.services import notification_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_messages():
    notification_send(
        channel="email",
        to="christian@example.fr",
        template="provisional_code",
        context={"code": "rbYygUY9fYHs", "first_name": "Christian", "valid_minutes": 15},
    )
    notification_send(
        channel="sms",
        to="+33 6 98 76 54 32",
        template="login_code",
        context={"code": "034567", "valid_minutes": 15},
    )


def test_the_page_shows_each_message_newest_first(client, two_messages):
    response = client.get("/demo/boite/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "n'existe pas en production" in html
    assert html.index("034567") < html.index("rbYygUY9fYHs")
    assert "Votre code provisoire Mon espace santé" in html
    assert "+33698765432" in html
    assert "christian@example.fr" in html


def test_the_page_filters_by_recipient(client, two_messages):
    response = client.get("/demo/boite/", {"to": "+33 6 98 76 54 32"})

    html = response.content.decode()
    assert "034567" in html
    assert "rbYygUY9fYHs" not in html
    assert 'value="+33 6 98 76 54 32"' in html


def test_the_page_shows_html_bodies_only_as_escaped_text(client, two_messages):
    html = client.get("/demo/boite/").content.decode()

    assert "&lt;!DOCTYPE html&gt;" in html
    assert html.count("<html") == 1


def test_the_page_is_a_404_when_the_demo_outbox_is_off(client, settings, two_messages):
    settings.DEMO_OUTBOX_ENABLED = False

    assert client.get("/demo/boite/").status_code == 404


def test_the_page_says_when_there_is_no_message(client):
    response = client.get("/demo/boite/")

    assert "Aucun message." in response.content.decode()


def _outbox(*args: str) -> str:
    out = StringIO()
    call_command("outbox", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_date_channel_recipient_subject_and_body(two_messages):
    output = _outbox()

    assert "Canal        : E-mail" in output
    assert "Destinataire : christian@example.fr" in output
    assert "Sujet        : Votre code provisoire Mon espace santé" in output
    assert "rbYygUY9fYHs" in output
    assert "Mon espace santé : votre code d'accès est 034567." in output
    assert output.rstrip().endswith("2 message(s) dans la boîte de démonstration.")


def test_the_command_filters_by_recipient(two_messages):
    output = _outbox("--to", "christian@example.fr")

    assert "rbYygUY9fYHs" in output
    assert "034567" not in output


def test_the_command_prints_only_the_last_n_messages(two_messages):
    output = _outbox("--last", "1")

    assert "034567" in output
    assert "rbYygUY9fYHs" not in output


def test_the_command_refuses_a_count_below_one():
    with pytest.raises(CommandError, match="--last"):
        _outbox("--last", "0")
