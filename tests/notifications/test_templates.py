"""Every notification template renders, in French, with the context its callers pass."""

import datetime

import pytest

from ens.notifications.rendering import MessageTemplates

CODE = "rbYygUY9fYHs"
CONTEXTS = {
    "provisional_code": {"code": CODE, "first_name": "Christian", "valid_minutes": 15},
    "contact_change_code": {"code": CODE, "valid_minutes": 15},
    "wave_notification": {
        "code": CODE,
        "first_name": "Christian",
        "auto_creation_date": datetime.date(2026, 6, 25),
        "activation_url": "https://ens.example/activation/",
    },
    "welcome": {"first_name": "Christian", "login_url": "https://ens.example/connexion/"},
    "login_code": {"code": "034567", "valid_minutes": 15},
    "message_waiting": {
        "first_name": "Camille",
        "sender_label": "Dr Claire Martin",
        "url": "https://ens.example/espace/messagerie/",
    },
}
TEMPLATES = [
    *[("email", name) for name in CONTEXTS],
    ("sms", "provisional_code"),
    ("sms", "contact_change_code"),
    ("sms", "login_code"),
]


@pytest.mark.parametrize(("channel", "name"), TEMPLATES)
def test_each_template_renders_with_its_documented_context(channel, name):
    message = MessageTemplates(channel, name).render(CONTEXTS[name])

    rendered = message.subject + message.text + message.html
    assert "INVALID_TEMPLATE_VARIABLE" not in rendered
    assert message.text
    if "code" in CONTEXTS[name]:
        assert CONTEXTS[name]["code"] in message.text


@pytest.mark.parametrize("name", list(CONTEXTS))
def test_each_email_has_a_subject_an_accessible_html_part_and_the_data_protection_notice(name):
    message = MessageTemplates("email", name).render(CONTEXTS[name])

    assert message.subject
    assert "\n" not in message.subject
    assert '<html lang="fr">' in message.html
    assert f"<title>{message.subject}</title>" in message.html
    assert "Règlement Général sur la Protection des Données" in message.text


def test_the_provisional_code_email_has_the_wording_of_the_real_service():
    text = MessageTemplates("email", "provisional_code").render(CONTEXTS["provisional_code"]).text

    assert text.startswith("Bonjour,\n\nPour poursuivre votre identification, veuillez saisir")
    assert f"\n\n{CODE}\n\nCe code est valable 15 minutes." in text


def test_the_wave_email_names_the_person_and_the_automatic_creation_date():
    message = MessageTemplates("email", "wave_notification").render(CONTEXTS["wave_notification"])

    assert message.subject == "Avec Mon espace santé, vous avez la main sur votre santé"
    assert "créé automatiquement pour CHRISTIAN le 25 juin 2026" in message.text
    assert "https://ens.example/activation/" in message.text
    assert 'href="https://ens.example/activation/"' in message.html


def test_the_message_waiting_email_never_carries_the_message_itself():
    message = MessageTemplates("email", "message_waiting").render(CONTEXTS["message_waiting"])

    assert "Dr Claire Martin" in message.text
    assert set(CONTEXTS["message_waiting"]) == {"first_name", "sender_label", "url"}


def test_plain_text_keeps_apostrophes_while_html_escapes_them():
    context = {**CONTEXTS["welcome"], "first_name": "Zoé d'Arc <b>"}

    message = MessageTemplates("email", "welcome").render(context)

    assert "Bonjour Zoé d'Arc <b>," in message.text
    assert "Bonjour Zoé d&#x27;Arc &lt;b&gt;," in message.html


@pytest.mark.parametrize("name", ["provisional_code", "contact_change_code", "login_code"])
def test_each_sms_fits_in_one_message(name):
    text = MessageTemplates("sms", name).render(CONTEXTS[name]).text

    assert len(text) <= 160
    assert "\n" not in text
