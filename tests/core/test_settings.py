"""Settings come from the environment; production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from ens.lib.env import envbool, envint, envlist, envstr

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "ens.settings.production",
    "SECRET_KEY": "tests-only-9f8e7d6c5b4a39281706f5e4d3c2b1a0zyxwvutsrqponmlkjihg",
    "DATABASE_URL": "postgres://ens@db.example/ens",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "www.monespacesante.example",
    "DOCUMENTS_MASTER_KEYS": "k2026:dHR0dHR0dHR0dHR0dHR0dHR0dHR0dHR0dHR0dHR0dHQ=",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    base.pop("DATABASE_URL", None)
    base.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the test settings for Playwright
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checklist():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DOCUMENTS_MASTER_KEYS"]
)
def test_production_refuses_to_start_without_a_secret(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}

    result = _manage("check", env=env)

    assert result.returncode != 0
    assert f"{missing} must be set in production" in result.stderr


def test_production_refuses_sqlite():
    result = _manage("check", env={**PRODUCTION_ENV, "DATABASE_URL": "sqlite:///x.db"})

    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_envbool_reads_the_usual_spellings(monkeypatch):
    monkeypatch.setenv("ENS_FLAG", "yes")
    assert envbool("ENS_FLAG") is True
    monkeypatch.setenv("ENS_FLAG", "off")
    assert envbool("ENS_FLAG", True) is False


def test_envbool_fails_loudly_on_a_typo(monkeypatch):
    monkeypatch.setenv("ENS_FLAG", "ture")
    with pytest.raises(ImproperlyConfigured, match="ENS_FLAG"):
        envbool("ENS_FLAG")


def test_envint_fails_loudly_on_a_non_number(monkeypatch):
    monkeypatch.setenv("ENS_NUMBER", "12a")
    with pytest.raises(ImproperlyConfigured, match="ENS_NUMBER"):
        envint("ENS_NUMBER", 3)


def test_envlist_splits_on_commas(monkeypatch):
    monkeypatch.setenv("ENS_HOSTS", "a.example, b.example,")
    assert envlist("ENS_HOSTS") == ["a.example", "b.example"]


def test_a_secret_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("ENS_SECRET_FILE", str(secret))
    assert envstr("ENS_SECRET") == "from-a-file"
