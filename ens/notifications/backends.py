"""Delivery backends: the demo outbox, SMTP for e-mail, an HTTP gateway for SMS.

The backend of each channel comes from the settings NOTIFICATIONS_EMAIL_BACKEND ("outbox" or
"smtp") and NOTIFICATIONS_SMS_BACKEND ("outbox" or "http"). A failed delivery raises, or
reports, a DeliveryError that says whether trying again later may succeed.
"""

import json
import smtplib
import urllib.error
import urllib.request
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives, get_connection

from .models import Backend, Channel, Notification

# Django's real SMTP backend, named here rather than read from EMAIL_BACKEND: the test
# runner swaps EMAIL_BACKEND for an in-memory one, and "smtp" must mean SMTP.
SMTP_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
ALLOWED = {
    Channel.EMAIL: {Backend.OUTBOX, Backend.SMTP},
    Channel.SMS: {Backend.OUTBOX, Backend.HTTP},
}


class DeliveryError(Exception):
    """A message that could not be delivered; `transient` when a later try may succeed."""

    def __init__(self, message: str, *, transient: bool):
        super().__init__(message)
        self.transient = transient


def backend_for(channel: str) -> str:
    """The configured backend of `channel`; fails loudly on a value it does not know."""
    setting = (
        "NOTIFICATIONS_EMAIL_BACKEND" if channel == Channel.EMAIL else "NOTIFICATIONS_SMS_BACKEND"
    )
    name = getattr(settings, setting)
    if name not in ALLOWED[channel]:
        allowed = ", ".join(sorted(ALLOWED[channel]))
        raise ImproperlyConfigured(f"{setting}={name!r}: expected one of {allowed}")
    if name == Backend.HTTP and not settings.SMS_GATEWAY_URL.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            "NOTIFICATIONS_SMS_BACKEND=http needs an http(s) SMS_GATEWAY_URL"
        )
    return name


def deliver(notifications: Sequence[Notification]) -> dict[int, DeliveryError | None]:
    """Send messages of one backend; returns, for each id, None (sent) or its DeliveryError."""
    if not notifications:
        return {}
    backend = notifications[0].backend
    if backend == Backend.OUTBOX:
        # Keeping the rendered row is the whole delivery.
        return {n.pk: None for n in notifications}
    if backend == Backend.SMTP:
        return _smtp_deliver(notifications)
    if backend == Backend.HTTP:
        results: dict[int, DeliveryError | None] = {}
        for n in notifications:
            try:
                _http_sms_send(n)
                results[n.pk] = None
            except DeliveryError as exc:
                results[n.pk] = exc
        return results
    raise ImproperlyConfigured(f"unknown notification backend {backend!r}")


def _smtp_error(exc: Exception) -> DeliveryError:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        return DeliveryError(f"SMTP: destinataire refusé {codes}", transient=min(codes) < 500)
    if isinstance(exc, smtplib.SMTPResponseException):
        return DeliveryError(f"SMTP: {exc.smtp_code}", transient=exc.smtp_code < 500)
    return DeliveryError(f"SMTP: {type(exc).__name__}: {exc}", transient=True)


def _smtp_deliver(notifications: Sequence[Notification]) -> dict[int, DeliveryError | None]:
    """One SMTP connection for the whole batch; each message succeeds or fails on its own."""
    connection = get_connection(SMTP_EMAIL_BACKEND, fail_silently=False)
    try:
        connection.open()
    except (OSError, smtplib.SMTPException) as exc:
        error = _smtp_error(exc)
        return {n.pk: error for n in notifications}
    results: dict[int, DeliveryError | None] = {}
    try:
        for n in notifications:
            message = EmailMultiAlternatives(
                subject=n.subject,
                body=n.body_text,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[n.to],
                connection=connection,
                headers={"Auto-Submitted": "auto-generated"},
            )
            if n.body_html:
                message.attach_alternative(n.body_html, "text/html")
            try:
                message.send()
                results[n.pk] = None
            except (OSError, smtplib.SMTPException) as exc:
                results[n.pk] = _smtp_error(exc)
    finally:
        connection.close()
    return results


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A gateway that redirects is misconfigured: urllib would turn the POST into a GET."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _http_sms_send(notification: Notification) -> None:
    """POST {to, text, sender} as JSON with a bearer token; any answer but 2xx is a failure."""
    payload = {"to": notification.to, "text": notification.body_text, "sender": settings.SMS_SENDER}
    request = urllib.request.Request(  # noqa: S310 (backend_for() allows only http/https)
        settings.SMS_GATEWAY_URL,
        data=json.dumps(payload).encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Authorization": f"Bearer {settings.SMS_GATEWAY_TOKEN}",
        },
    )
    try:
        with _opener.open(request, timeout=settings.SMS_GATEWAY_TIMEOUT) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        exc.close()
        # Overload and server errors pass; a 4xx says the request itself is wrong.
        transient = exc.code >= 500 or exc.code in (408, 429)
        raise DeliveryError(f"passerelle SMS : HTTP {exc.code}", transient=transient) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DeliveryError(f"passerelle SMS injoignable : {reason}", transient=True) from None
    if not 200 <= status < 300:
        raise DeliveryError(f"passerelle SMS : HTTP {status}", transient=False)
