"""Celery application: notifications and scheduled transitions run here in production.

In the embedded default (no REDIS_URL) tasks run eagerly, in the calling process, so that
nothing but Python is needed to try the service.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ens.settings.dev")

app = Celery("ens")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
