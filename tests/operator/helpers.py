"""Shared steps of the operator tests."""

from django.test import TestCase
from django.urls import reverse

from ens.operator.models import NotificationWave


def launch(client, **data) -> NotificationWave:
    """Prepare a wave, then confirm it; the task runs once the request's work is committed."""
    response = client.post("/operateur/vagues/nouvelle/", data)
    assert response.status_code == 302, response.content.decode()
    wave = NotificationWave.objects.latest("pk")
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("operator:wave_launch", args=[wave.pk]))
    wave.refresh_from_db()
    return wave
