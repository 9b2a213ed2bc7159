"""Personas shared by every test (filled by the registry/demo work)."""
