"""The production path: a task queued on the real Redis broker, run by a real Celery worker,
which delivers through the real SMTP server on loopback.

Celery's embedded test worker changes process-wide state (current app, task registry), so
this module runs in a pytest process of its own, started by test_celery_redis.py.
"""

import time

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.core.cache.backends.redis import RedisCache

from ens.celery import app
from ens.notifications.services import notification_send

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_broker(settings):
    """Celery on the machine's Redis server, as in production; eager mode off."""
    client = redis.Redis.from_url(REDIS_URL)
    client.ping()  # Redis is part of the production path: fail, never skip, when it is down
    client.flushdb()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(broker_url=REDIS_URL, task_always_eager=False, result_backend=None)
    yield client
    app.conf.update(broker_url="memory://", task_always_eager=True)
    client.flushdb()


@pytest.mark.django_db(transaction=True)
def test_a_worker_on_redis_delivers_an_email_through_smtp(redis_broker, smtp_server):
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        notification = notification_send(
            channel="email",
            to="christian@example.fr",
            template="login_code",
            context={"code": "034567", "valid_minutes": 15},
        )
        for _ in range(300):
            notification.refresh_from_db()
            if notification.status not in ("queued", "sending"):
                break
            time.sleep(0.1)

    assert notification.status == "sent"
    assert [m["To"] for m in smtp_server.messages] == ["christian@example.fr"]
    assert "034567" in smtp_server.messages[0].get_body(("plain",)).get_content()


def test_the_cache_works_on_redis():
    cache = RedisCache(REDIS_URL, {})
    cache.set("ens-test-key", {"tries": 3}, timeout=5)
    assert cache.get("ens-test-key") == {"tries": 3}
    cache.delete("ens-test-key")
