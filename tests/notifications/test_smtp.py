"""E-mail through a real SMTP server on loopback (NOTIFICATIONS_EMAIL_BACKEND=smtp)."""

import pytest
from celery.signals import task_prerun
from django.db import transaction

from ens.notifications.models import Notification, Status
from ens.notifications.selectors import latest_outbox_message
from ens.notifications.services import notification_send, notification_send_bulk

pytestmark = pytest.mark.django_db

CODE = "rbYygUY9fYHs"
CONTEXT = {"code": CODE, "first_name": "Christian", "valid_minutes": 15}


def _send(to="christian@example.fr"):
    return notification_send(channel="email", to=to, template="provisional_code", context=CONTEXT)


def test_the_email_reaches_the_smtp_server_with_its_headers_and_both_parts(
    smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _send()

    [message] = smtp_server.messages
    assert message["To"] == "christian@example.fr"
    assert message["From"] == "Mon espace santé <ne-pas-repondre@monespacesante.example>"
    assert message["Subject"] == "Votre code provisoire Mon espace santé"
    assert message["Auto-Submitted"] == "auto-generated"
    assert CODE in message.get_body(("plain",)).get_content()
    assert CODE in message.get_body(("html",)).get_content()
    assert smtp_server.envelopes == [
        ("ne-pas-repondre@monespacesante.example", ["christian@example.fr"])
    ]


def test_a_sent_email_is_recorded_without_its_text(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = _send()

    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert notification.attempts == 1
    assert notification.sent_at is not None
    assert (notification.subject, notification.body_text, notification.body_html) == ("", "", "")
    assert not Notification.objects.filter(body_text__contains=CODE).exists()
    assert not Notification.objects.filter(body_html__contains=CODE).exists()


def test_an_email_sent_by_smtp_is_not_in_the_demo_outbox(
    smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _send()

    assert latest_outbox_message("christian@example.fr") is None


def test_nothing_is_sent_before_the_transaction_commits(
    smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _send()

    assert smtp_server.messages == []
    assert len(callbacks) == 1


def test_a_rolled_back_transaction_sends_nothing(smtp_server, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _send()
        raise RuntimeError("the caller fails after sending")

    assert callbacks == []
    assert smtp_server.messages == []


def test_an_unreachable_smtp_server_is_retried_then_recorded_as_failed(
    smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_PORT = 9  # nothing listens on the discard port of loopback

    with django_capture_on_commit_callbacks(execute=True):
        notification = _send()

    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert notification.attempts == 5
    assert notification.error.startswith("SMTP: ConnectionRefusedError")
    assert notification.body_text == ""


def test_a_wave_is_delivered_by_one_task_per_batch_over_smtp(
    smtp_server, django_capture_on_commit_callbacks
):
    tasks = []

    def record(sender, **kwargs):
        tasks.append(sender.name)

    task_prerun.connect(record)
    recipients = [(f"person{i}@example.fr", {**CONTEXT, "code": f"code{i:08d}"}) for i in range(25)]
    try:
        with django_capture_on_commit_callbacks(execute=True):
            count = notification_send_bulk(
                channel="email", template="provisional_code", recipients=recipients, batch_size=10
            )
    finally:
        task_prerun.disconnect(record)

    assert count == 25
    assert tasks == ["ens.notifications.tasks.deliver_notifications"] * 3
    assert len(smtp_server.messages) == 25
    assert {m["To"] for m in smtp_server.messages} == {to for to, _ in recipients}
    assert Notification.objects.filter(status=Status.SENT, body_text="").count() == 25
