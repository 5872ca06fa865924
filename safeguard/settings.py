"""Safeguard settings, read from the environment.

Two modes: the demo and development default (SQLite, no secrets needed) and production
(`SAFEGUARD_ENV=production`), which refuses to start without a SECRET_KEY and a
DATABASE_URL and turns on every transport and browser protection.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
FRONTEND_MODULES = BASE_DIR / "frontend" / "node_modules"


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None or value == "":
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from exc


SAFEGUARD_ENV = os.environ.get("SAFEGUARD_ENV", "development")
PRODUCTION = SAFEGUARD_ENV == "production"

if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY")
    env_str("DATABASE_URL")
    DEBUG = False
else:
    SECRET_KEY = os.environ.get("SECRET_KEY") or "insecure-demo-key-never-used-in-production"
    DEBUG = env_bool("DEBUG", False)

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

# The name of the authority this instance serves, shown in the header.
AUTHORITY_NAME = os.environ.get("SAFEGUARD_AUTHORITY_NAME", "Northbrook Borough Council")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "crispy_forms",
    "crispy_forms_gds",
    "safeguard.accounts",
    "safeguard.access",
    "safeguard.audit",
    "safeguard.people",
    "safeguard.frontdoor",
    "safeguard.early_help",
    "safeguard.casework",
    "safeguard.api",
    "safeguard.care",
    "safeguard.adoption",
    "safeguard.leaving_care",
    "safeguard.indicators",
    "safeguard.quality",
    "safeguard.missing",
    "safeguard.exploitation",
    "safeguard.returns",
    "safeguard.inspection",
    "safeguard.partnership",
    "safeguard.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "safeguard.audit.middleware.RequestIdMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "safeguard.accounts.middleware.SignInRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "safeguard.urls"
WSGI_APPLICATION = "safeguard.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "safeguard" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "safeguard.accounts.context_processors.shell",
            ],
        },
    }
]

# An empty DATABASE_URL (as `make run` exports, to force the demo onto SQLite) means unset.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters travel separately from the SQL: long IN lists are not spliced into the
    # query text on every request.
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo's readers and its single writer work at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"

# Lockout: five failures lock the account (whatever the address) until an administrator
# unlocks it or 30 minutes pass.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "safeguard.accounts.views.locked_out"
AXES_VERBOSE = False
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# Idle timeout: the session lasts 30 minutes from the last request.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Two-factor authentication is required in production and optional in the demo.
SAFEGUARD_REQUIRE_2FA = env_bool("SAFEGUARD_REQUIRE_2FA", PRODUCTION)
OTP_TOTP_ISSUER = "Safeguard"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "safeguard" / "static",
    ("govuk-frontend", FRONTEND_MODULES / "govuk-frontend"),
    ("moj-frontend", FRONTEND_MODULES / "@ministryofjustice" / "frontend"),
    ("chart.js", FRONTEND_MODULES / "chart.js"),
    ("cytoscape", FRONTEND_MODULES / "cytoscape" / "dist"),
]
# GOV.UK Frontend's stylesheet asks for its fonts and images at /assets/.
WHITENOISE_ROOT = FRONTEND_MODULES / "govuk-frontend" / "dist" / "govuk"
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# No inline script or style anywhere: every script is a file from this site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Break-glass access lasts this long.
BREAK_GLASS_HOURS = 24

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# axes.W006 asks for the client address among the lockout parameters. Safeguard locks the
# *account* that is being guessed, whatever address the guesses come from; adding the
# address would let one mistyping colleague behind a council's shared proxy lock out
# everyone else.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# MASH RAG ratings: how soon information must be gathered (local practice; Oxfordshire's
# published pattern by default). ("hours", n) or ("working_days", n); None for no target.
MASH_RAG_DEADLINES: dict[str, tuple[str, int] | None] = {
    "red": ("hours", env_int("MASH_RED_HOURS", 4)),
    "amber": ("working_days", env_int("MASH_AMBER_WORKING_DAYS", 1)),
    "green": ("working_days", env_int("MASH_GREEN_WORKING_DAYS", 3)),
    "blue": None,
}
# A partner's answer to a MASH information request is due this many working hours after
# the request unless the worker sets another deadline.
MASH_REQUEST_DEFAULT_HOURS = env_int("MASH_REQUEST_DEFAULT_HOURS", 4)

# Local casework frequencies (shared/domain.md §1.7); statutory timescales are not settings.
CORE_GROUP_INTERVAL_WEEKS = env_int("CORE_GROUP_INTERVAL_WEEKS", 6)
CP_VISIT_WORKING_DAYS = env_int("CP_VISIT_WORKING_DAYS", 10)
CIN_REVIEW_INTERVAL_WEEKS = env_int("CIN_REVIEW_INTERVAL_WEEKS", 12)
