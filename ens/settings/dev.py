"""The embedded default used by `make run`: a demo on 127.0.0.1, nothing but Python."""

import os
import secrets
from pathlib import Path

# A demo-only key, written once into var/ so it never sits in the repository. It is put in
# the environment BEFORE the base settings are read, so that every key derived from it there
# (one-time codes, access log, documents) is derived from a real secret.
if not os.environ.get("SECRET_KEY") and not os.environ.get("SECRET_KEY_FILE"):
    _var = Path(os.environ.get("ENS_VAR_DIR", Path(__file__).resolve().parents[2] / "var"))
    _var.mkdir(parents=True, exist_ok=True)
    _key_file = _var / "secret_key"
    if not _key_file.exists():
        _key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    os.environ["SECRET_KEY_FILE"] = str(_key_file)

from ens.lib.env import envbool  # noqa: E402

from .base import *  # noqa: E402, F403

DEBUG = envbool("DEBUG", True)
