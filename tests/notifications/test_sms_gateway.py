"""SMS through a real HTTP gateway on loopback (NOTIFICATIONS_SMS_BACKEND=http)."""

import pytest

from ens.notifications.models import Notification, Status
from ens.notifications.services import notification_send
from ens.notifications.tasks import _deliver

pytestmark = pytest.mark.django_db

CONTEXT = {"code": "034567", "valid_minutes": 15}


def _send(django_capture_on_commit_callbacks) -> Notification:
    with django_capture_on_commit_callbacks(execute=True):
        notification = notification_send(
            channel="sms", to="+33 7 12 34 56 78", template="login_code", context=CONTEXT
        )
    notification.refresh_from_db()
    return notification


def test_the_sms_is_posted_as_json_with_the_bearer_token(
    sms_gateway, django_capture_on_commit_callbacks
):
    _send(django_capture_on_commit_callbacks)

    [request] = sms_gateway.requests
    assert request["path"] == "/v1/sms"
    assert request["authorization"] == "Bearer gateway-test-token"
    assert request["content_type"] == "application/json"
    assert request["json"] == {
        "to": "+33712345678",
        "text": "Mon espace santé : votre code d'accès est 034567. Il est valable 15 minutes. "
        "Ne le communiquez à personne.",
        "sender": "MonEspSante",
    }


def test_a_sent_sms_is_recorded_without_its_text(sms_gateway, django_capture_on_commit_callbacks):
    notification = _send(django_capture_on_commit_callbacks)

    assert notification.status == Status.SENT
    assert notification.attempts == 1
    assert notification.body_text == ""
    assert not Notification.objects.filter(body_text__contains="034567").exists()


def test_a_server_error_is_retried_until_the_gateway_accepts(
    sms_gateway, django_capture_on_commit_callbacks
):
    sms_gateway.statuses = [500, 503]

    notification = _send(django_capture_on_commit_callbacks)

    assert len(sms_gateway.requests) == 3
    assert notification.status == Status.SENT
    assert notification.attempts == 3


def test_a_gateway_that_keeps_failing_is_recorded_as_failed_after_five_attempts(
    sms_gateway, django_capture_on_commit_callbacks
):
    sms_gateway.statuses = [500] * 10

    notification = _send(django_capture_on_commit_callbacks)

    assert len(sms_gateway.requests) == 5
    assert notification.status == Status.FAILED
    assert notification.attempts == 5
    assert notification.error == "passerelle SMS : HTTP 500"
    assert notification.body_text == ""


def test_a_refused_request_is_not_retried(sms_gateway, django_capture_on_commit_callbacks):
    sms_gateway.statuses = [400]

    notification = _send(django_capture_on_commit_callbacks)

    assert len(sms_gateway.requests) == 1
    assert notification.status == Status.FAILED
    assert notification.error == "passerelle SMS : HTTP 400"


def test_an_unreachable_gateway_is_recorded_as_failed(
    sms_gateway, settings, django_capture_on_commit_callbacks
):
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/v1/sms"

    notification = _send(django_capture_on_commit_callbacks)

    assert notification.status == Status.FAILED
    assert notification.attempts == 5
    assert notification.error.startswith("passerelle SMS injoignable")


class _WorkerTask:
    """Celery's view of a task run by a worker: not eager, `retries` tries so far."""

    class Retry(Exception):
        pass

    def __init__(self, retries: int):
        self.request = type("Request", (), {"is_eager": False, "retries": retries})()
        self.retried_with: dict | None = None

    def retry(self, **kwargs):
        self.retried_with = kwargs
        return self.Retry()


def _queued(django_capture_on_commit_callbacks) -> Notification:
    with django_capture_on_commit_callbacks(execute=False):
        return notification_send(
            channel="sms", to="+33712345678", template="login_code", context=CONTEXT
        )


def test_a_worker_retries_a_failed_sms_later_with_backoff(
    sms_gateway, django_capture_on_commit_callbacks
):
    sms_gateway.statuses = [503]
    notification = _queued(django_capture_on_commit_callbacks)
    task = _WorkerTask(retries=1)

    with pytest.raises(_WorkerTask.Retry):
        _deliver(task, [notification.pk], batch=False)

    assert task.retried_with == {"args": [notification.pk], "countdown": 120}
    notification.refresh_from_db()
    assert notification.status == Status.QUEUED
    assert notification.error == "passerelle SMS : HTTP 503"
    assert notification.body_text != ""  # kept for the next try


def test_a_worker_gives_up_after_the_fifth_attempt(sms_gateway, django_capture_on_commit_callbacks):
    sms_gateway.statuses = [503]
    notification = _queued(django_capture_on_commit_callbacks)
    task = _WorkerTask(retries=4)

    _deliver(task, [notification.pk], batch=False)

    assert task.retried_with is None
    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert notification.body_text == ""
