"""Fixtures shared by the whole suite. Personas and factories live in tests/factories.py."""

pytest_plugins = ["tests.personas"]
