"""Every setting joinedup reads, declared once: name, default and what it is for.

Settings come from the environment. `docs/configuration.md` documents each one and
a test fails when a setting is missing from it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SETTINGS", "Setting", "data_dir", "get"]


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "JOINEDUP_DATA_DIR",
        "data",
        "Folder for the SQLite database, generated secrets and demo boroughs.",
    ),
    Setting(
        "DATABASE_URL",
        "",
        "PostgreSQL URL (postgres://user@host:port/db); empty means SQLite in the data folder.",
    ),
    Setting(
        "JOINEDUP_SECRET_KEY",
        "",
        "Django secret key; empty means one is generated at first run into the data folder.",
    ),
    Setting("JOINEDUP_DEBUG", "0", "1 turns on Django debug pages (never in production)."),
    Setting(
        "JOINEDUP_ENV",
        "development",
        "development or production; production turns on HTTPS-only cookies, HSTS and redirects.",
    ),
    Setting(
        "JOINEDUP_TRUSTED_PROXY",
        "",
        "Address of the proxy that terminates TLS; its X-Forwarded-Proto header is trusted.",
    ),
    Setting(
        "JOINEDUP_CONTACT_EMAIL",
        "",
        "Where users report accessibility problems; shown on the accessibility statement.",
    ),
    Setting(
        "JOINEDUP_HSTS_SECONDS",
        "31536000",
        "Strict-Transport-Security max-age in production (start lower while trialling).",
    ),
    Setting(
        "JOINEDUP_ALLOWED_HOSTS",
        "127.0.0.1,localhost",
        "Comma-separated host names the web server answers to.",
    ),
    Setting(
        "JOINEDUP_DEMO_CHILDREN",
        "3000",
        "How many children `joinedup demo` puts in its synthetic borough.",
    ),
    Setting("JOINEDUP_USER", "", "Name recorded as who ran a command; defaults to the login name."),
    Setting(
        "JOINEDUP_FIELD_KEYS",
        "",
        "Field-encryption keys (Fernet, comma-separated, newest first); empty means the key file.",
    ),
    Setting(
        "JOINEDUP_FIELD_KEY_FILE",
        "",
        "Where the field-encryption key file is; empty means field_keys in the data folder.",
    ),
    Setting(
        "JOINEDUP_AUDIT_ANCHOR_FILE",
        "",
        "Append-only file of audit chain anchors; empty means audit-anchors.jsonl in data.",
    ),
    Setting(
        "JOINEDUP_SESSION_IDLE_MINUTES",
        "15",
        "Minutes without activity after which a signed-in user is signed out.",
    ),
    Setting(
        "JOINEDUP_SESSION_WARNING_MINUTES",
        "2",
        "How long before the idle sign-out the page warns and offers to stay signed in.",
    ),
    Setting(
        "JOINEDUP_SESSION_MAX_HOURS",
        "12",
        "Hours after signing in when the user must sign in again, however active.",
    ),
    Setting(
        "JOINEDUP_LOCKOUT_FAILURES",
        "5",
        "Failed passwords or codes for one username before it is locked.",
    ),
    Setting("JOINEDUP_LOCKOUT_MINUTES", "30", "How long a locked username stays locked."),
    Setting(
        "JOINEDUP_BREAK_GLASS_HOURS",
        "8",
        "How long break-glass access to one child lasts.",
    ),
    Setting(
        "JOINEDUP_EMAIL_BACKEND",
        "django.core.mail.backends.console.EmailBackend",
        "Django e-mail backend for alerts; the default prints them to the server's console.",
    ),
    Setting("JOINEDUP_EMAIL_HOST", "localhost", "SMTP host when the SMTP backend is chosen."),
    Setting("JOINEDUP_EMAIL_PORT", "25", "SMTP port when the SMTP backend is chosen."),
    Setting("JOINEDUP_EMAIL_FROM", "joinedup@localhost", "The From address of alert e-mails."),
    Setting(
        "JOINEDUP_RETENTION_SCHEDULE",
        "",
        "A retention schedule file to use instead of the shipped one (docs/retention.md).",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    """The value of a declared setting from the environment, or its default."""
    setting = _BY_NAME[name]
    return os.environ.get(name, setting.default)


def data_dir() -> Path:
    path = Path(get("JOINEDUP_DATA_DIR")).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def current_user() -> str:
    import getpass

    return get("JOINEDUP_USER") or getpass.getuser()
