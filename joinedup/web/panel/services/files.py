"""A draft's file: PDF or plain text, kept under its SHA-256 in the data folder.

As the recommendations tracker keeps evidence: `<JOINEDUP_DATA_DIR>/panel/drafts/ab/abcdef…`,
written once (the same file twice is stored once), the extension and the first bytes
must agree, and the size is limited (data/panel.yaml).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from joinedup.errors import InputError
from joinedup.web.panel.services.vocabulary import FileKind, draft_file_kinds, draft_file_max_bytes

__all__ = ["StoredFile", "accepted_extensions", "draft_file_path", "store_upload"]


@dataclass(frozen=True, slots=True)
class StoredFile:
    name: str
    sha256: str
    size: int
    content_type: str


def draft_file_path(sha256: str) -> Path:
    return Path(settings.DATA_DIR) / "panel" / "drafts" / sha256[:2] / sha256


def accepted_extensions() -> list[str]:
    return [ext for kind in draft_file_kinds() for ext in kind.extensions]


def _is_text(data: bytes) -> bool:
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in data


def _kind_of(name: str, data: bytes) -> FileKind:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    for kind in draft_file_kinds():
        if extension in kind.extensions:
            valid = data.startswith(b"%PDF-") if kind.name == "pdf" else _is_text(data)
            if not valid:
                raise InputError(f"The file {name!r} is not a valid .{extension} file")
            return kind
    allowed = ", ".join(f".{e}" for e in accepted_extensions())
    raise InputError(f"The file must be a PDF or a text file ({allowed})")


def _read(upload: UploadedFile[bytes]) -> bytes:
    limit = draft_file_max_bytes()
    too_big = f"The file must be smaller than {limit // (1024 * 1024)} MB"
    if (upload.size or 0) > limit:
        raise InputError(too_big)
    data = b"".join(upload.chunks())
    if not data:
        raise InputError("The file is empty")
    if len(data) > limit:
        raise InputError(too_big)
    return data


def store_upload(upload: UploadedFile[bytes]) -> StoredFile:
    """Check the file and keep it under its hash (once)."""
    name = os.path.basename(upload.name or "draft")[:200]
    data = _read(upload)
    kind = _kind_of(name, data)
    digest = hashlib.sha256(data).hexdigest()
    path = draft_file_path(digest)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    return StoredFile(name, digest, len(data), kind.content_type)
