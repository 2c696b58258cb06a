"""Immutable, content-addressed, encrypted files.

A file is stored once under `<data dir>/inquiry/files/<first two hex digits>/<sha256>`,
where the SHA-256 is of its plaintext bytes. On disk it is a Fernet token made with the
field-encryption keys (joinedup/web/crypto/keys.py): the same keys that encrypt text
fields, used here for bytes. Reading decrypts, then checks the SHA-256 again, so a
file changed on disk is refused rather than served.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from joinedup.errors import JoinedUpError
from joinedup.web.crypto.keys import KeyUnavailable, multi_fernet, reload_keys
from joinedup.web.documents.models import StoredFile

__all__ = [
    "StoredFileDamaged",
    "file_path",
    "read_file",
    "reencrypt_stored_files",
    "sha256_of",
    "store_file",
]


class StoredFileDamaged(JoinedUpError):
    """A stored file is missing, or its bytes no longer have the hash it is named by."""


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def files_folder() -> Path:
    return Path(settings.DATA_DIR) / "inquiry" / "files"


def file_path(sha256: str) -> Path:
    return files_folder() / sha256[:2] / sha256


def store_file(data: bytes, *, original_name: str, media_type: str) -> tuple[StoredFile, bool]:
    """The stored file holding these bytes, and whether it was new (same bytes: stored once)."""
    digest = sha256_of(data)
    found = StoredFile.objects.filter(sha256=digest).first()
    if found is not None:
        return found, False
    path = file_path(digest)
    if not _holds(path, digest):
        _write_once(path, multi_fernet().encrypt(data))
    try:
        with transaction.atomic():
            made = StoredFile.objects.create(
                sha256=digest,
                size=len(data),
                media_type=media_type,
                original_name=original_name[:255],
                stored_at=timezone.now(),
            )
    except IntegrityError:  # the same bytes uploaded at the same moment by someone else
        return StoredFile.objects.get(sha256=digest), False
    return made, True


def read_file(stored_file: StoredFile) -> bytes:
    """The file's plaintext bytes."""
    path = file_path(stored_file.sha256)
    try:
        token = path.read_bytes()
    except FileNotFoundError:
        raise StoredFileDamaged(f"stored file {stored_file.sha256} is missing") from None
    data = _decrypt(token, stored_file.sha256)
    if sha256_of(data) != stored_file.sha256:
        raise StoredFileDamaged(f"stored file {stored_file.sha256} does not match its hash")
    return data


def reencrypt_stored_files() -> int:
    """Re-encrypt every stored file under the newest key (after `joinedup keys rotate`
    added one); returns how many were rewritten. Each is checked against its hash first."""
    count = 0
    for stored in StoredFile.objects.order_by("pk").iterator():
        path = file_path(stored.sha256)
        data = read_file(stored)
        fresh = multi_fernet().encrypt(data)
        path.chmod(0o600)
        _write_once(path, fresh)
        count += 1
    return count


def _holds(path: Path, digest: str) -> bool:
    """Whether a file with no database row (left by a rolled-back upload) can be kept:
    only if today's keys read it back as these bytes. One written under a key that is
    no longer configured, or damaged, is written again: no record points to it."""
    try:
        return sha256_of(multi_fernet().decrypt(path.read_bytes())) == digest
    except (FileNotFoundError, InvalidToken):
        return False


def _decrypt(token: bytes, digest: str) -> bytes:
    try:
        return multi_fernet().decrypt(token)
    except InvalidToken:
        reload_keys()  # `joinedup keys rotate` may have added a key since this process read them
    try:
        return multi_fernet().decrypt(token)
    except InvalidToken:
        raise KeyUnavailable(
            f"stored file {digest} cannot be decrypted with any configured field key: "
            "restore the key that encrypted it (docs/encryption.md)"
        ) from None


def _write_once(path: Path, token: bytes) -> None:
    """Write atomically, read-only for the owner's group and no one else."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(token)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)
    path.chmod(0o440)
