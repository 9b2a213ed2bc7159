# ENS — Mon espace santé. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
SHELL := /bin/bash
POSTGRES_TEST_URL ?= postgres://postgres@127.0.0.1:5432/ens
# Any database of the same server, to check it answers (pytest-django creates test_ens).
POSTGRES_SERVER_URL ?= postgres://postgres@127.0.0.1:5432/postgres

.PHONY: install install-test run test test-sqlite test-postgres lint format bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo_population --size 200 --if-empty
	$(PY) manage.py runserver 127.0.0.1:8000

# Browser tests need Debian's Chromium (never a downloaded browser) and axe-core from npm.
/usr/bin/chromium:
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

install-test: $(VENV)/.installed-test /usr/bin/chromium node_modules/axe-core/axe.min.js

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DATABASE_URL=sqlite://:memory: DJANGO_SETTINGS_MODULE=ens.settings.test $(PY) manage.py makemigrations --check --dry-run

test-sqlite: install-test
	env -u DATABASE_URL $(VENV)/bin/pytest

# Under CI the suite runs again on PostgreSQL; an unreachable server fails the run.
test-postgres: install-test
	@$(PY) -c "import psycopg; psycopg.connect('$(POSTGRES_SERVER_URL)', connect_timeout=5).close()" \
	  || { echo "PostgreSQL is unreachable at $(POSTGRES_SERVER_URL)"; exit 1; }
	DATABASE_URL=$(POSTGRES_TEST_URL) $(VENV)/bin/pytest

test: lint test-sqlite
	@if [ "$${CI:-}" = "true" ]; then $(MAKE) --no-print-directory test-postgres; fi

format: install-test
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install-test
	$(PY) manage.py bench import

clean:
	rm -rf $(VENV) node_modules var test-artifacts
