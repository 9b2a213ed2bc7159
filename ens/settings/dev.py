"""The embedded default used by `make run`: a demo on 127.0.0.1, nothing but Python."""

from ens.lib.env import envbool, envstr

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = envbool("DEBUG", True)
# A demo-only key, written once into var/ so it never sits in the repository.
_key_file = VAR_DIR / "secret_key"
if not envstr("SECRET_KEY"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    if not _key_file.exists():
        import secrets

        _key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    SECRET_KEY = _key_file.read_text(encoding="utf-8").strip()
    CODE_HASH_KEY = envstr("CODE_HASH_KEY") or f"code-hash:{SECRET_KEY}"
