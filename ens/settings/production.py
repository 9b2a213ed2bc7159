"""Production: PostgreSQL, Redis, Celery workers, SMTP, an SMS gateway, behind TLS.

Refuses to start without its secrets (SECRET_KEY, DATABASE_URL, REDIS_URL, ALLOWED_HOSTS,
DOCUMENTS_MASTER_KEYS).
"""

from django.core.exceptions import ImproperlyConfigured

from ens.lib.env import envbool, envint, envstr

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DATABASES, REDIS_URL, SECRET_KEY
from .base import STORAGES as BASE_STORAGES

for _name, _value in [
    ("SECRET_KEY", SECRET_KEY),
    ("REDIS_URL", REDIS_URL),
    ("DATABASE_URL", envstr("DATABASE_URL")),
    # Never the demo key derived in base: real documents need real master keys.
    ("DOCUMENTS_MASTER_KEYS", envstr("DOCUMENTS_MASTER_KEYS")),
]:
    if not _value:
        raise ImproperlyConfigured(f"{_name} must be set in production")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("production runs on PostgreSQL (DATABASE_URL=postgres://...)")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the public host names")

DEBUG = False
CELERY_TASK_ALWAYS_EAGER = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "documents": BASE_STORAGES["documents"],
}
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Static files served by the app servers themselves, compressed and cached forever.
MIDDLEWARE = [  # noqa: F405
    MIDDLEWARE[0],  # noqa: F405
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],  # noqa: F405
]
