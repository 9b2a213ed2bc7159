"""Benchmarks, run with `manage.py bench <name>`; each module exposes `run(command, options)`."""
