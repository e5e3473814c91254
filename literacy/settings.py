"""One settings module for every deployment; the environment decides.

Values are parsed strictly: a value that cannot mean anything sensible raises
ImproperlyConfigured at start-up rather than silently falling back.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0/true/false/yes/no/on/off, not {raw!r}")


def env_int(name: str, default: int, *, minimum: int = 0, maximum: int = 2**31) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if not minimum <= value <= maximum:
        raise ImproperlyConfigured(f"{name} must be between {minimum} and {maximum}, not {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(f"{name} is a comma-separated list without empty items")
    return items


def env_url(name: str, schemes: set[str]) -> str | None:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    parts = urlsplit(raw)
    if parts.scheme not in schemes:
        allowed = ", ".join(sorted(schemes))
        raise ImproperlyConfigured(f"{name} must be a URL with scheme {allowed}")
    return raw


def env_email(name: str, default: str) -> str:
    value = os.environ.get(name, default).strip()
    if "@" not in value.rsplit("<", 1)[-1]:
        raise ImproperlyConfigured(f"{name} must be an e-mail address, not {value!r}")
    return value


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"  # noqa: S105 - DEBUG only  # nosec B105
elif len(SECRET_KEY) < 50 and not DEBUG:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters in production")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])

SITE_NAME = os.environ.get("SITE_NAME", "明白借贷 Credit Clear").strip() or "Credit Clear"
ORGANISATION_NAME = os.environ.get("ORGANISATION_NAME", "Credit Clear (demo)").strip()
ORGANISATION_EMAIL = env_email("ORGANISATION_EMAIL", "help@example.org")


def env_site_url(name: str) -> str:
    """The public origin every e-mailed link starts with (never the request's Host)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        if not DEBUG:
            raise ImproperlyConfigured(f"{name} is required when DEBUG is off")
        return "http://127.0.0.1:8000"
    parts = urlsplit(raw)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ImproperlyConfigured(f"{name} must be an http(s) origin such as https://example.org")
    if parts.path not in {"", "/"} or parts.query or parts.fragment or parts.username:
        raise ImproperlyConfigured(f"{name} is an origin only: no path, query or credentials")
    if not DEBUG and parts.scheme != "https":
        raise ImproperlyConfigured(f"{name} must use https when DEBUG is off")
    return f"{parts.scheme}://{parts.netloc}"


SITE_URL = env_site_url("SITE_URL")

INSTALLED_APPS = [
    "literacy.accounts",
    "literacy.home",
    "literacy.catalogues",
    "literacy.learning",
    "literacy.calculators",
    "literacy.negotiation",
    "literacy.accounts.apps.LimitedAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "literacy.mail",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "literacy.home.middleware.private_by_default",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "literacy.urls"
WSGI_APPLICATION = "literacy.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "literacy.home.context_processors.site",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_url("DATABASE_URL", {"sqlite", "postgres", "postgresql"})
        or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60, maximum=3600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let several gunicorn workers share one SQLite file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    DATABASES["default"]["OPTIONS"] = {"connect_timeout": 5}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Three caches, so that traffic can only fill what it is allowed to:
# - "default": the site's own bounded-key caches (lesson pages, stamps, insights);
# - "limits": rate-limit and log-in failure counters and sessions, in their own
#   Redis database (or server: REDIS_LIMITS_URL) where no visitor-chosen key is stored,
#   so no flood of distinct URLs can evict a lock-out or fill the memory sessions need;
# - "responses": answers keyed by visitor-chosen URLs (the calculator API), per process
#   with a fixed number of entries, never in Redis.
REDIS_URL = env_url("REDIS_URL", {"redis", "rediss", "unix"})
REDIS_LIMITS_URL = env_url("REDIS_LIMITS_URL", {"redis", "rediss", "unix"})
RESPONSE_CACHE_ENTRIES = env_int("RESPONSE_CACHE_ENTRIES", 2000, minimum=0, maximum=100_000)
_RESPONSES = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "responses",
    "OPTIONS": {"MAX_ENTRIES": RESPONSE_CACHE_ENTRIES, "CULL_FREQUENCY": 4},
}
if REDIS_URL:
    if not REDIS_LIMITS_URL:
        _redis = urlsplit(REDIS_URL)
        _db = _redis.path.strip("/") or "0"
        if _redis.scheme == "unix" or not _db.isdigit():
            raise ImproperlyConfigured("Set REDIS_LIMITS_URL (a Redis database of its own)")
        REDIS_LIMITS_URL = _redis._replace(path=f"/{int(_db) + 1}").geturl()
    if REDIS_LIMITS_URL == REDIS_URL:
        raise ImproperlyConfigured("REDIS_LIMITS_URL must name another Redis database")

    def _redis_cache(location: str) -> dict:
        # Django's RedisCache, degrading to a per-process cache while Redis fails.
        return {
            "BACKEND": "literacy.caching.redis_fallback.ResilientRedisCache",
            "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }

    CACHES = {
        "default": _redis_cache(REDIS_URL),
        "limits": _redis_cache(REDIS_LIMITS_URL),
        "responses": _RESPONSES,
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "limits": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "limits",
        },
        "responses": _RESPONSES,
    }
SESSION_CACHE_ALIAS = "limits"
RATELIMIT_USE_CACHE = "limits"

# django-ratelimit only knows third-party cache classes. Django's own RedisCache
# increments atomically (W001 is a false alarm); LocMemCache is per-process,
# which is what the embedded single-process setup is (E003 accepted there).
# models.W040: SQLite ignores INCLUDE columns of the review queue's covering
# index; the index still works there, and PostgreSQL uses it in full.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003", "models.W040"]
RATELIMIT_VIEW = "literacy.home.views.rate_limited"
# Off only for load tests that send every simulated learner from one loopback address.
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
# Behind a proxy every request comes from the proxy's address: name the header
# the proxy sets to the client's address (e.g. HTTP_X_REAL_IP), so per-address
# limits count people, not the proxy.
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY", "REMOTE_ADDR").strip()
if not re.fullmatch(r"REMOTE_ADDR|HTTP_[A-Z0-9_]+", RATELIMIT_IP_META_KEY):
    raise ImproperlyConfigured(
        "RATELIMIT_IP_META_KEY must be REMOTE_ADDR or a request header such as HTTP_X_REAL_IP"
    )

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True
# English dates as "2 December 2026" (literacy/formats/en/formats.py), not 12/02/2026
FORMAT_MODULE_PATH = "literacy.formats"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Every message is stored and delivered by a task worker (literacy/mail, README
# "E-mail"); EMAIL_DELIVERY_BACKEND is what the worker hands it to.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "literacy.mail.backends.QueuedEmailBackend")
EMAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_DELIVERY_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "").strip()
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1, maximum=300)
DEFAULT_FROM_EMAIL = env_email("DEFAULT_FROM_EMAIL", ORGANISATION_EMAIL)
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 8, minimum=1, maximum=50)
MAIL_RETRY_BASE_SECONDS = env_int("MAIL_RETRY_BASE_SECONDS", 60, minimum=1, maximum=3600)
# Longer than any live SMTP conversation (several EMAIL_TIMEOUTs): only a dead
# worker leaves a message "sending" this long.
MAIL_STALLED_SECONDS = env_int("MAIL_STALLED_SECONDS", 300, minimum=2, maximum=86400)
if MAIL_STALLED_SECONDS <= 2 * EMAIL_TIMEOUT and not DEBUG:
    raise ImproperlyConfigured("MAIL_STALLED_SECONDS must exceed twice EMAIL_TIMEOUT")

_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_task_backend = os.environ.get("TASKS_BACKEND", "database").strip()
if _task_backend not in _TASK_BACKENDS:
    raise ImproperlyConfigured("TASKS_BACKEND must be database or immediate")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_task_backend]}}
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Tracking links and reset links are secrets: every record through the handler
    # has them replaced (Django logs the path of each 4xx answer).
    "filters": {"redact_secrets": {"()": "literacy.home.log_redaction.RedactSecrets"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Request bodies and query strings can carry personal data: Django's request
    # logger only records the path and status, which is all we allow.
    "loggers": {"django.security.DisallowedHost": {"handlers": [], "propagate": False}},
}

# Review clocks (literacy/negotiation/clocks.py): a reviewer answers a learner within
# this many working days; urgent cases (threats, health, loss of income, court) sooner.
REVIEW_SERVICE_DAYS = env_int("REVIEW_SERVICE_DAYS", 2, minimum=1, maximum=30)
REVIEW_URGENT_SERVICE_DAYS = env_int("REVIEW_URGENT_SERVICE_DAYS", 1, minimum=0, maximum=30)
REVIEW_WORKING_CALENDAR = BASE_DIR / "literacy" / "negotiation" / "data" / "china_working_days.json"
