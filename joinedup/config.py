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
