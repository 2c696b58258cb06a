"""References and passphrases: random, so none can be guessed from another.

A reference is a letter prefix and eight characters from an alphabet without look-alikes
(0/O, 1/I/L): 31**8, about 8.5e11 possibilities. A passphrase is 16 such characters in
four groups (about 79 bits); only its Argon2 hash is kept (Django's password hashers).
"""

from __future__ import annotations

import re
import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.db.models import Model

__all__ = [
    "ACCOUNT_PREFIX",
    "ANONYMISED_PREFIX",
    "hash_passphrase",
    "new_passphrase",
    "new_reference",
    "normalise",
    "passphrase_matches",
]

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
ACCOUNT_PREFIX, ANONYMISED_PREFIX = "S", "AN"
_GROUP, _GROUPS = 4, 4


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_reference(model: type[Model], prefix: str) -> str:
    """`S-7KQM3RWP`: random, and not yet used by `model`."""
    while True:
        reference = f"{prefix}-{_random(8)}"
        if not model._default_manager.filter(reference=reference).exists():
            return reference


def new_passphrase() -> str:
    """`7KQM-RW3P-XH9T-2FCA`."""
    return "-".join(_random(_GROUP) for _ in range(_GROUPS))


def normalise(typed: str) -> str:
    """What someone typed, in capitals, with spaces and hyphens taken out (so a
    passphrase or reference typed in lower case or without hyphens still matches)."""
    return re.sub(r"[\s\-]", "", typed).upper()


def hash_passphrase(passphrase: str) -> str:
    return make_password(normalise(passphrase))


def passphrase_matches(typed: str, stored_hash: str) -> bool:
    return bool(stored_hash) and check_password(normalise(typed), stored_hash)
