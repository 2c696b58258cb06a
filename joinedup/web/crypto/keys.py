"""The field-encryption keys: where they live, and the Fernet that uses them.

Keys are Fernet keys (32 random bytes, URL-safe base64), newest first. They come
from `JOINEDUP_FIELD_KEYS` (comma-separated) when set, otherwise from the key file
(`JOINEDUP_FIELD_KEY_FILE`, by default `field_keys` in the data folder), which is
generated with one key at first use and kept at mode 0600. The newest key
encrypts; every key decrypts, so values written under an older key stay readable
until `joinedup keys rotate` has re-encrypted them.

They are deliberately not derived from Django's SECRET_KEY, so changing that
(sessions, CSRF) never makes a narrative unreadable.
"""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from cryptography.fernet import Fernet, MultiFernet

from joinedup import config
from joinedup.errors import ConfigurationError

__all__ = [
    "KeyUnavailable",
    "configured_keys",
    "fingerprint",
    "key_file",
    "keys_from_environment",
    "multi_fernet",
    "reload_keys",
    "write_key_file",
]


class KeyUnavailable(ConfigurationError):
    """An encrypted value cannot be decrypted with any configured key."""


def key_file() -> Path:
    configured = config.get("JOINEDUP_FIELD_KEY_FILE")
    return Path(configured) if configured else config.data_dir() / "field_keys"


def keys_from_environment() -> bool:
    return bool(config.get("JOINEDUP_FIELD_KEYS").strip())


def fingerprint(key: str) -> str:
    """A short name for a key that reveals nothing about it."""
    return hashlib.sha256(key.encode("ascii")).hexdigest()[:12]


@cache
def configured_keys() -> tuple[str, ...]:
    """The keys, newest first (the key file is created on first use)."""
    if keys_from_environment():
        keys = [k.strip() for k in config.get("JOINEDUP_FIELD_KEYS").split(",") if k.strip()]
        return _checked(keys, "JOINEDUP_FIELD_KEYS")
    path = key_file()
    if not path.exists():
        write_key_file(path, [Fernet.generate_key().decode("ascii")])
    lines = path.read_text("ascii").splitlines()
    return _checked(
        [line.strip() for line in lines if line.strip() and not line.startswith("#")], str(path)
    )


@cache
def multi_fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in configured_keys()])


def reload_keys() -> None:
    """Forget the cached keys (after the key file or environment changed)."""
    configured_keys.cache_clear()
    multi_fernet.cache_clear()


def write_key_file(path: Path, keys: list[str]) -> None:
    """Replace the key file atomically, readable only by its owner."""
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    text = (
        "# joinedup field-encryption keys, newest first: the first encrypts, all decrypt.\n"
        f"# Written {stamp}. Back this file up apart from the database (docs/encryption.md).\n"
        + "".join(f"{key}\n" for key in keys)
    )
    temporary = path.with_name(path.name + ".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)
    path.chmod(0o600)


def _checked(keys: list[str], source: str) -> tuple[str, ...]:
    if not keys:
        raise ConfigurationError(f"{source}: no field-encryption key found")
    for number, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            raise ConfigurationError(
                f"{source}: key {number} is not a Fernet key "
                "(32 bytes, URL-safe base64; make one with `joinedup keys generate`)"
            ) from None
    return tuple(keys)
