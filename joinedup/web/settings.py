"""Django settings for the joinedup system of record and web application.

Values come from joinedup.config (the environment). SQLite in the data folder by
default; PostgreSQL when DATABASE_URL is set.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from joinedup import config

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = config.data_dir()


def _secret_key() -> str:
    """The configured key, or one generated once and kept in the data folder."""
    configured = config.get("JOINEDUP_SECRET_KEY")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = config.get("JOINEDUP_DEBUG") == "1"
ALLOWED_HOSTS = [h.strip() for h in config.get("JOINEDUP_ALLOWED_HOSTS").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "joinedup.web.records",
    "joinedup.web.people",
    "joinedup.web.analysis",
    "joinedup.web.accounts",
    "joinedup.web.access",
    "joinedup.web.audit",
    "joinedup.web.home",
    "joinedup.web.children",
    "joinedup.web.reviews",
    "joinedup.web.frontdoor",
    "joinedup.web.cases",
    "joinedup.web.meetings",
    "joinedup.web.intelligence",
    "joinedup.web.sharing",
    "joinedup.web.recommendations",
    "joinedup.web.retention",
    # The independent inquiry (issue 7) and the public site (issue 8)
    "joinedup.web.inquiry",
    "joinedup.web.documents",
    "joinedup.web.redaction",
    "joinedup.web.survivors",
    "joinedup.web.themes",
    "joinedup.web.panel",
    "joinedup.web.transparency",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "joinedup.web.urls"
WSGI_APPLICATION = "joinedup.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database() -> dict[str, object]:
    url = config.get("DATABASE_URL")
    if url:
        return dict(dj_database_url.parse(url, conn_max_age=60))
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "joinedup.sqlite3",
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"},
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# GOV.UK Frontend comes from the npm registry (`make install` runs npm ci and builds
# static/joinedup/joinedup.css); its dist folder is served as /static/govuk/.
_REPO_ROOT = BASE_DIR.parent.parent
_GOVUK_DIST = _REPO_ROOT / "node_modules" / "govuk-frontend" / "dist"
STATICFILES_DIRS: list[Path | tuple[str, Path]] = [
    BASE_DIR / "static",
    *([_GOVUK_DIST] if _GOVUK_DIST.exists() else []),
]
# htmx, also from npm, is served as /static/htmx/htmx.min.js.
_HTMX_DIST = _REPO_ROOT / "node_modules" / "htmx.org" / "dist"
if _HTMX_DIST.exists():
    STATICFILES_DIRS.append(("htmx", _HTMX_DIST))
# Cytoscape.js (npm, pinned) draws the child's network: /static/cytoscape/cytoscape.min.js.
_CYTOSCAPE_DIST = _REPO_ROOT / "node_modules" / "cytoscape" / "dist"
if _CYTOSCAPE_DIST.exists():
    STATICFILES_DIRS.append(("cytoscape", _CYTOSCAPE_DIST))
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
WHITENOISE_USE_FINDERS = True

# Security headers, htmx and the production settings (docs/deployment.md).
PRODUCTION = config.get("JOINEDUP_ENV") == "production"
INSTALLED_APPS += ["csp", "django_htmx"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "joinedup.web.security.SecurityHeadersMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("joinedup.web.security.SecurityHeadersMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
MIDDLEWARE.append("django_htmx.middleware.HtmxMiddleware")
TEMPLATES[0]["OPTIONS"]["context_processors"].append(  # type: ignore[index]
    "joinedup.web.home.context_processors.layout"
)
# No inline script or style anywhere: every script and stylesheet is a file under /static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
        **({"upgrade-insecure-requests": True} if PRODUCTION else {}),
    },
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if config.get("JOINEDUP_TRUSTED_PROXY"):
    # `joinedup serve` keeps this header only from that proxy (waitress drops it otherwise).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("JOINEDUP_DEBUG=1 is refused when JOINEDUP_ENV=production")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(config.get("JOINEDUP_HSTS_SECONDS"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix makes browsers refuse the cookie unless it is Secure, host-only, path /.
    SESSION_COOKIE_NAME = "__Host-joinedup-session"
    CSRF_COOKIE_NAME = "__Host-joinedup-csrf"

# Accounts: two-factor sign-in, lockout, idle sessions, roles (docs/security.md).
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign-in"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "joinedup.web.accounts.middleware.SignInRequiredMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("joinedup.web.accounts.middleware.SignInRequiredMiddleware") + 1,
    "joinedup.web.access.areas.AreasMiddleware",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
SESSION_IDLE_TIMEOUT = timedelta(minutes=int(config.get("JOINEDUP_SESSION_IDLE_MINUTES")))
SESSION_IDLE_WARNING = timedelta(minutes=int(config.get("JOINEDUP_SESSION_WARNING_MINUTES")))
SESSION_MAX_SIGNED_IN = timedelta(hours=int(config.get("JOINEDUP_SESSION_MAX_HOURS")))
SESSION_COOKIE_AGE = int(SESSION_MAX_SIGNED_IN.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
AXES_FAILURE_LIMIT = int(config.get("JOINEDUP_LOCKOUT_FAILURES"))
AXES_COOLOFF_TIME = timedelta(minutes=int(config.get("JOINEDUP_LOCKOUT_MINUTES")))
# Counted per username, not per address: partners sign in from shared office networks,
# where a per-address lock would shut out a whole office (docs/security.md).
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "joinedup.web.accounts.lockout.lockout_response"
AXES_SENSITIVE_PARAMETERS = ["password", "code"]
AXES_VERBOSE = False
OTP_TOTP_ISSUER = "joinedup"
# Wrong codes count towards the django-axes lockout like wrong passwords, so one rule
# (and one message, one unlock command) covers both factors.
OTP_TOTP_THROTTLE_FACTOR = 0
BREAK_GLASS_DURATION = timedelta(hours=int(config.get("JOINEDUP_BREAK_GLASS_HOURS")))
EMAIL_BACKEND = config.get("JOINEDUP_EMAIL_BACKEND")
EMAIL_HOST = config.get("JOINEDUP_EMAIL_HOST")
EMAIL_PORT = int(config.get("JOINEDUP_EMAIL_PORT"))
DEFAULT_FROM_EMAIL = config.get("JOINEDUP_EMAIL_FROM")

# The REST API under /api/v1/ (docs/api.md). "ninja" is listed so its docs page uses the
# Swagger UI files shipped in its package (served from /static/ninja/), not a CDN.
INSTALLED_APPS += ["ninja", "joinedup.web.api"]
