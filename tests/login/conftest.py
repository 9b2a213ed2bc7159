import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def distinct_codes(monkeypatch):
    """Codes drawn in turn from 100001, 100002...: never 000000, never twice the same, so a
    test about a wrong or an older code cannot be fooled by chance."""
    counter = iter(range(100001, 999999))
    monkeypatch.setattr("ens.login.services.new_otp", lambda: str(next(counter)))
