"""Encrypting and decrypting one text value with the configured keys (no Django).

A value that is not a Fernet token is plaintext written before encryption was
turned on: it reads back as it is, and the next save or rotation encrypts it. A
token that no configured key opens raises KeyUnavailable, never garbage.
"""

from __future__ import annotations

import base64
import binascii
import re

from cryptography.fernet import InvalidToken

from joinedup.web.crypto.keys import (
    KeyUnavailable,
    configured_keys,
    fingerprint,
    multi_fernet,
    reload_keys,
)

__all__ = ["decrypt_text", "encrypt_text", "looks_encrypted", "reencrypt_text"]

_TOKEN = re.compile(r"gAAAAA[A-Za-z0-9_-]{92,}={0,2}")  # 73 bytes: 98 characters and "=="
_FERNET_VERSION = 0x80


def looks_encrypted(value: str) -> bool:
    """Whether the value is shaped like a Fernet token (version byte, IV, blocks, HMAC)."""
    if not _TOKEN.fullmatch(value):
        return False
    try:
        raw = base64.urlsafe_b64decode(value)
    except (binascii.Error, ValueError):
        return False
    return raw[0] == _FERNET_VERSION and len(raw) >= 73 and (len(raw) - 57) % 16 == 0


def encrypt_text(value: str) -> str:
    return multi_fernet().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt_text(value: str) -> str:
    if not looks_encrypted(value):
        return value
    token = value.encode("ascii")
    try:
        return multi_fernet().decrypt(token).decode("utf-8")
    except InvalidToken:
        pass
    reload_keys()  # `joinedup keys rotate` may have added a key since this process read them
    try:
        return multi_fernet().decrypt(token).decode("utf-8")
    except InvalidToken:
        raise _unavailable() from None


def reencrypt_text(value: str) -> str:
    """The value under the newest key (plaintext is encrypted; tokens are rotated)."""
    if not looks_encrypted(value):
        return encrypt_text(value)
    try:
        return multi_fernet().rotate(value.encode("ascii")).decode("ascii")
    except InvalidToken:
        raise _unavailable() from None


def _unavailable() -> KeyUnavailable:
    known = ", ".join(fingerprint(k) for k in configured_keys())
    return KeyUnavailable(
        "an encrypted value cannot be decrypted with any configured field key "
        f"(keys configured: {known}). The key that encrypted it is missing: restore it to "
        "JOINEDUP_FIELD_KEYS or the key file (docs/encryption.md)."
    )
