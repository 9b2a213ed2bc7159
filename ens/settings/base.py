"""Settings shared by every environment; every value can come from the environment.

The embedded default needs no variable at all: SQLite, files on local disk, eager tasks and
the database outbox for e-mail and SMS. Production (`ens.settings.production`) refuses to
start without its secrets.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from ens.lib.crypto import demo_master_keys, parse_master_keys
from ens.lib.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(envstr("ENS_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = envstr("SECRET_KEY")
DEBUG = envbool("DEBUG", False)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # dsfr before django.forms: its error list and radio templates override Django's own.
    "dsfr",
    "django.forms",
    "widget_tweaks",
    "ens.core",
    "ens.registry",
    "ens.notifications",
    "ens.professionals",
    "ens.accounts",
    "ens.activation",
    "ens.messaging",
    "ens.operator",
    "ens.medical_profile",
    "ens.space",
    "ens.login",
    "ens.access",
    "ens.documents",
    "ens.measures",
]
AUTH_USER_MODEL = "accounts.User"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Ends sessions idle or too old, tracks open sessions (ens.login, design §4).
    "ens.login.middleware.SessionActivityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "ens.urls"
WSGI_APPLICATION = "ens.wsgi.application"
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ens" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dsfr.context_processors.site_config",
                "ens.core.context_processors.service",
            ],
        },
    },
]

# --- Database: SQLite by default, PostgreSQL in production (DATABASE_URL) ---
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{VAR_DIR / 'ens.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo server read while a command writes (an import, a notification wave).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and Redis ---
REDIS_URL = envstr("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery: Redis broker in production, eager tasks in the embedded default ---
CELERY_BROKER_URL = envstr("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = envbool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Europe/Paris"
# Spaces whose automatic creation date passed become auto-created (ens.activation.tasks).
CELERY_BEAT_SCHEDULE = {
    "run-transitions": {
        "task": "ens.activation.tasks.run_transitions",
        "schedule": envint("RUN_TRANSITIONS_EVERY_SECONDS", 3600),
    },
}

# --- One-time codes (ens.lib.codes): hashed with this key, never stored in clear ---
CODE_HASH_KEY = envstr("CODE_HASH_KEY") or f"code-hash:{SECRET_KEY}"
PROVISIONAL_CODE_TTL_MINUTES = envint("PROVISIONAL_CODE_TTL_MINUTES", 15)
# Without opposition, a space is created automatically this long after the notification.
AUTO_CREATION_DELAY_DAYS = envint("AUTO_CREATION_DELAY_DAYS", 42)
# Public address of the service, for links in e-mails and letters sent outside a request.
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")

# --- Access log (ens.access): entries are chained with an HMAC under this key, so that someone
# able to write the table cannot recompute the chain. Keep old keys as long as the log is kept.
ACCESS_LOG_KEY = envstr("ACCESS_LOG_KEY") or f"access-log:{SECRET_KEY}"

# --- Passwords: Argon2id first (design §6) ---
# Argon2id with parameters from the environment (ens.login.hashers, ASVS 5.0 V11.4.2). The
# defaults (t=3, 64 MiB, 1 lane) are RFC 9106's second recommended option with one lane, so
# that a hash keeps to one core of a busy server; all above OWASP's floor (t=2, 19 MiB, p=1).
# `manage.py bench login` prints the hashes/s they give and the logins/s they allow.
ARGON2_TIME_COST = envint("ARGON2_TIME_COST", 3)
ARGON2_MEMORY_COST_KIB = envint("ARGON2_MEMORY_COST_KIB", 65536)
ARGON2_PARALLELISM = envint("ARGON2_PARALLELISM", 1)
PASSWORD_HASHERS = [
    "ens.login.hashers.ConfiguredArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Design §3 and NIST SP 800-63B (ens.accounts.passwords); reused by every flow that sets one.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "ens.accounts.passwords.PasswordCompositionValidator"},
    {"NAME": "ens.accounts.passwords.NotCommonPasswordValidator"},
    {"NAME": "ens.accounts.passwords.PersonalInformationValidator"},
]
# The activation steps after identification must be done within this many minutes.
ACTIVATION_STEPS_MAX_AGE_MINUTES = envint("ACTIVATION_STEPS_MAX_AGE_MINUTES", 30)

# --- Login and sessions (ens.login, design §4) ---
LOGIN_URL = "/connexion/"
LOGIN_CODE_TTL_MINUTES = envint("LOGIN_CODE_TTL_MINUTES", 15)
LOGIN_CODE_MAX_TRIES = envint("LOGIN_CODE_MAX_TRIES", 5)
LOGIN_CODE_MAX_SENDS = envint("LOGIN_CODE_MAX_SENDS", 3)  # per attempt, first one included
# Failed passwords and codes, counted per identifier typed and per client address.
LOGIN_FAILURES_PER_ACCOUNT = envint("LOGIN_FAILURES_PER_ACCOUNT", 5)
LOGIN_FAILURES_PER_ADDRESS = envint("LOGIN_FAILURES_PER_ADDRESS", 30)
LOGIN_FAILURES_WINDOW_SECONDS = envint("LOGIN_FAILURES_WINDOW_SECONDS", 900)
SESSION_IDLE_TIMEOUT_MINUTES = envint("SESSION_IDLE_TIMEOUT_MINUTES", 30)
SESSION_ABSOLUTE_TIMEOUT_HOURS = envint("SESSION_ABSOLUTE_TIMEOUT_HOURS", 12)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT_HOURS * 3600
# Load balancers whose X-Forwarded-For is believed (ens.lib.ratelimit.client_address).
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", [])

# --- Internationalisation: French first, English second ---
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "ens" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static and media files ---
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DSFR_USE_INTEGRITY_CHECKSUMS = True
# The DSFR marks optional fields, not required ones (ens.lib.forms.BaseForm).
DSFR_MARK_OPTIONAL_FIELDS = True

# --- Health documents (ens.documents, design §5 and §6) ---
# Files go through the storage alias "documents": local disk by default, S3-compatible
# object storage with DOCUMENTS_STORAGE=s3. They are always encrypted before they get there.
DOCUMENTS_STORAGE = envstr("DOCUMENTS_STORAGE", "filesystem")
if DOCUMENTS_STORAGE == "s3":
    STORAGES["documents"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": envstr("DOCUMENTS_S3_BUCKET"),
            "endpoint_url": envstr("DOCUMENTS_S3_ENDPOINT_URL") or None,
            "region_name": envstr("DOCUMENTS_S3_REGION") or None,
            "access_key": envstr("DOCUMENTS_S3_ACCESS_KEY_ID") or None,
            "secret_key": envstr("DOCUMENTS_S3_SECRET_ACCESS_KEY") or None,
            "location": envstr("DOCUMENTS_S3_PREFIX", "documents"),
            "default_acl": None,
            "file_overwrite": False,
        },
    }
elif DOCUMENTS_STORAGE == "filesystem":
    STORAGES["documents"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": envstr("DOCUMENTS_ROOT", str(VAR_DIR / "documents"))},
    }
else:
    raise ImproperlyConfigured("DOCUMENTS_STORAGE is 'filesystem' or 's3'")
# Master keys wrapping the per-document keys: "id:base64,id:base64", newest (encrypting)
# first, all decrypting (`manage.py rotate_document_keys` re-wraps with the newest). Without
# it, the embedded default derives a DEMO key (ens.lib.crypto.demo_master_keys), unfit for
# real data: production refuses to start without DOCUMENTS_MASTER_KEYS.
DOCUMENTS_MASTER_KEYS = (
    parse_master_keys(envstr("DOCUMENTS_MASTER_KEYS"))
    if envstr("DOCUMENTS_MASTER_KEYS")
    else demo_master_keys(SECRET_KEY)
)
DOCUMENTS_MAX_UPLOAD_MB = envint("DOCUMENTS_MAX_UPLOAD_MB", 20)
# Images larger than this are refused before being decoded (decompression bombs).
DOCUMENTS_MAX_IMAGE_PIXELS = envint("DOCUMENTS_MAX_IMAGE_PIXELS", 50_000_000)
# Uploads above 5 MB stream to a temporary file instead of memory; form fields (not files)
# stay under Django's 2.5 MB default.
FILE_UPLOAD_MAX_MEMORY_SIZE = envint("FILE_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)

# --- Notifications (ens.notifications) ---
# "outbox" keeps every message in the database (readable at /demo/boite/ and with
# `manage.py outbox`); "smtp" sends e-mail through Django's SMTP backend; "http" posts SMS
# to an HTTP gateway.
NOTIFICATIONS_EMAIL_BACKEND = envstr("NOTIFICATIONS_EMAIL_BACKEND", "outbox")
NOTIFICATIONS_SMS_BACKEND = envstr("NOTIFICATIONS_SMS_BACKEND", "outbox")
DEFAULT_FROM_EMAIL = envstr(
    "DEFAULT_FROM_EMAIL", "Mon espace santé <ne-pas-repondre@monespacesante.example>"
)
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = envstr("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
SMS_GATEWAY_URL = envstr("SMS_GATEWAY_URL")
SMS_GATEWAY_TOKEN = envstr("SMS_GATEWAY_TOKEN")
SMS_GATEWAY_TIMEOUT = envint("SMS_GATEWAY_TIMEOUT", 10)
SMS_SENDER = envstr("SMS_SENDER", "MonEspSante")
# The demo outbox page exists only while the outbox backend is on.
DEMO_OUTBOX_ENABLED = "outbox" in (NOTIFICATIONS_EMAIL_BACKEND, NOTIFICATIONS_SMS_BACKEND)

# --- Security headers (CSP with nonces for the DSFR's scripts) ---
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
}
