"""notification_send and notification_send_bulk with the outbox backend (the embedded default)."""

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.template import TemplateDoesNotExist

from ens.notifications.models import Notification, Status
from ens.notifications.selectors import latest_outbox_message, outbox_messages
from ens.notifications.services import notification_send, notification_send_bulk, retry_countdown

pytestmark = pytest.mark.django_db

LOGIN = {"code": "034567", "valid_minutes": 15}


def test_an_email_lands_in_the_outbox_with_its_subject_and_bodies():
    notification_send(
        channel="email", to="christian@example.fr", template="login_code", context=LOGIN
    )

    message = latest_outbox_message("christian@example.fr")
    assert message.status == Status.SENT
    assert message.subject == "Votre code d'accès à Mon espace santé"
    assert "034567" in message.body_text
    assert "034567" in message.body_html


def test_an_sms_lands_in_the_outbox_under_its_e164_number():
    notification_send(channel="sms", to="+33 7 12 34 56 78", template="login_code", context=LOGIN)

    message = latest_outbox_message("+33712345678")
    assert message.to == "+33712345678"
    assert message.subject == ""
    assert message.body_text.startswith("Mon espace santé : votre code d'accès est 034567.")


def test_the_outbox_finds_a_number_however_it_is_typed():
    notification_send(channel="sms", to="+33712345678", template="login_code", context=LOGIN)

    assert latest_outbox_message("+33 7 12 34 56 78") is not None


def test_the_latest_outbox_message_is_the_newest_for_that_address():
    for code in ("111111", "222222"):
        notification_send(
            channel="email",
            to="camille@example.fr",
            template="login_code",
            context={"code": code, "valid_minutes": 15},
        )
    notification_send(channel="email", to="other@example.fr", template="login_code", context=LOGIN)

    assert "222222" in latest_outbox_message("camille@example.fr").body_text


def test_outbox_messages_are_newest_first_and_can_be_limited():
    for code in ("111111", "222222", "333333"):
        notification_send(
            channel="email",
            to="camille@example.fr",
            template="login_code",
            context={"code": code, "valid_minutes": 15},
        )

    bodies = [m.body_text for m in outbox_messages(last=2)]

    assert len(bodies) == 2
    assert "333333" in bodies[0]
    assert "222222" in bodies[1]


def test_a_rolled_back_transaction_leaves_no_message():
    with pytest.raises(RuntimeError), transaction.atomic():
        notification_send(
            channel="email", to="christian@example.fr", template="login_code", context=LOGIN
        )
        raise RuntimeError("the caller fails after sending")

    assert latest_outbox_message("christian@example.fr") is None


@pytest.mark.parametrize("address", ["christian.example.fr", "christian@", "", "a b@example.fr"])
def test_an_email_address_without_a_valid_form_is_refused_before_anything_is_stored(address):
    with pytest.raises(ValidationError, match="adresse e-mail valide"):
        notification_send(channel="email", to=address, template="login_code", context=LOGIN)

    assert not Notification.objects.exists()


@pytest.mark.parametrize("number", ["0712345678", "+33 7 12", "+0712345678", "sept", ""])
def test_a_mobile_number_not_in_e164_is_refused_before_anything_is_stored(number):
    with pytest.raises(ValidationError, match="format international"):
        notification_send(channel="sms", to=number, template="login_code", context=LOGIN)

    assert not Notification.objects.exists()


def test_an_unknown_channel_is_a_value_error():
    with pytest.raises(ValueError, match="unknown notification channel"):
        notification_send(channel="fax", to="+33712345678", template="login_code", context=LOGIN)


def test_a_missing_template_says_which_file_is_missing():
    with pytest.raises(
        TemplateDoesNotExist, match="templates/notifications/email/no_such_message.txt is missing"
    ):
        notification_send(
            channel="email", to="christian@example.fr", template="no_such_message", context={}
        )

    assert not Notification.objects.exists()


def test_an_email_only_template_cannot_go_by_sms():
    with pytest.raises(TemplateDoesNotExist, match="has no sms version"):
        notification_send(
            channel="sms",
            to="+33712345678",
            template="welcome",
            context={"first_name": "Christian", "login_url": "https://ens.example/"},
        )


def test_an_unknown_backend_setting_fails_loudly(settings):
    settings.NOTIFICATIONS_EMAIL_BACKEND = "pigeon"

    with pytest.raises(ImproperlyConfigured, match="NOTIFICATIONS_EMAIL_BACKEND"):
        notification_send(
            channel="email", to="christian@example.fr", template="login_code", context=LOGIN
        )


def test_bulk_sending_stores_every_recipient_in_batches():
    recipients = (
        (f"person{i}@example.fr", {"code": f"{i:06d}", "valid_minutes": 15}) for i in range(250)
    )

    count = notification_send_bulk(
        channel="email", template="login_code", recipients=recipients, batch_size=100
    )

    assert count == 250
    assert Notification.objects.filter(status=Status.SENT).count() == 250
    assert "000249" in latest_outbox_message("person249@example.fr").body_text


def test_bulk_sending_makes_a_few_queries_per_batch_not_one_per_person(
    django_assert_max_num_queries,
):
    recipients = [(f"p{i}@example.fr", {"code": "123456", "valid_minutes": 15}) for i in range(500)]

    # SQLite caps the parameters of one INSERT, so a batch may take a handful of them.
    with django_assert_max_num_queries(30):
        notification_send_bulk(
            channel="email", template="login_code", recipients=recipients, batch_size=250
        )

    assert Notification.objects.count() == 500


def test_bulk_sending_skips_an_invalid_address_and_sends_to_the_others():
    recipients = [
        ("+33712345678", LOGIN),
        ("07 12 34 56 78", LOGIN),
        ("+33698765432", LOGIN),
    ]

    count = notification_send_bulk(channel="sms", template="login_code", recipients=recipients)

    assert count == 2
    assert sorted(Notification.objects.values_list("to", flat=True)) == [
        "+33698765432",
        "+33712345678",
    ]


def test_bulk_sending_takes_addresses_said_normalized_as_they_are():
    recipients = [("christian@example.fr", LOGIN), ("alice@example.fr", LOGIN)]

    count = notification_send_bulk(
        channel="email", template="login_code", recipients=recipients, addresses_normalized=True
    )

    assert count == 2
    assert sorted(Notification.objects.values_list("to", flat=True)) == [
        "alice@example.fr",
        "christian@example.fr",
    ]


def test_bulk_sending_with_a_missing_template_fails_before_storing_anything():
    with pytest.raises(TemplateDoesNotExist):
        notification_send_bulk(channel="sms", template="welcome", recipients=[("+33712345678", {})])

    assert not Notification.objects.exists()


def test_retries_back_off_exponentially_up_to_an_hour():
    assert [retry_countdown(n) for n in range(6)] == [30, 120, 480, 1920, 3600, 3600]
