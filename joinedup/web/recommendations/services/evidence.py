"""Evidence for an action: a description with a link, a file, or both.

Files are kept content-addressed under the data folder
(`<JOINEDUP_DATA_DIR>/recommendations/evidence/ab/abcdef…`, named by their SHA-256,
which is recorded), so the same file twice is stored once and a changed file no longer
matches its record. Only text, PDF, Word (DOCX) and images (PNG, JPEG) up to the size in
data/tracker.yaml are taken; the extension and the first bytes must agree.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.accounts.models import User
from joinedup.web.recommendations.models import Action, Evidence
from joinedup.web.recommendations.services.progress import NOT_YOURS
from joinedup.web.recommendations.services.steps import Step, take_step
from joinedup.web.recommendations.services.tracker import may_update
from joinedup.web.recommendations.services.vocabulary import (
    EvidenceKind,
    evidence_kinds,
    evidence_max_bytes,
)

__all__ = ["accepted_extensions", "add_evidence", "evidence_path", "kind_of_file"]


def evidence_path(sha256: str) -> Path:
    return Path(settings.DATA_DIR) / "recommendations" / "evidence" / sha256[:2] / sha256


def accepted_extensions() -> list[str]:
    return [ext for kind in evidence_kinds() for ext in kind.extensions]


def _is_text(data: bytes) -> bool:
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in data


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


SNIFFERS: dict[str, Callable[[bytes], bool]] = {
    "text": _is_text,
    "pdf": lambda data: data.startswith(b"%PDF-"),
    "docx": _is_docx,
    "png": lambda data: data.startswith(b"\x89PNG\r\n\x1a\n"),
    "jpeg": lambda data: data.startswith(b"\xff\xd8\xff"),
}


def kind_of_file(name: str, data: bytes) -> EvidenceKind:
    """The kind the file is, from its extension, checked against its content."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = ", ".join(accepted_extensions())
    for kind in evidence_kinds():
        if extension in kind.extensions:
            if not SNIFFERS[kind.name](data):
                raise InputError(f"The file {name!r} is not a valid .{extension} file")
            return kind
    raise InputError(f"The file must be one of these types: {allowed}")


def _read(upload: UploadedFile[bytes]) -> bytes:
    limit = evidence_max_bytes()
    if (upload.size or 0) > limit:
        raise InputError(f"The file must be smaller than {limit // (1024 * 1024)} MB")
    data = b"".join(upload.chunks())
    if not data:
        raise InputError("The file is empty")
    if len(data) > limit:
        raise InputError(f"The file must be smaller than {limit // (1024 * 1024)} MB")
    return data


def _store(data: bytes) -> str:
    """Write the bytes under their hash (once) and return the hash."""
    digest = hashlib.sha256(data).hexdigest()
    path = evidence_path(digest)
    if path.exists():
        return digest
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)
    return digest


def add_evidence(
    user: User,
    action: Action,
    description: str,
    link: str = "",
    upload: UploadedFile[bytes] | None = None,
    version: int | None = None,
    request: HttpRequest | None = None,
) -> Evidence:
    """Keep the evidence and add a step to the action's history."""
    if not may_update(user, action):
        raise PermissionDenied(NOT_YOURS)
    if action.status == "signed_off":
        raise InputError("This action is signed off: no more evidence can be added")
    if not link and upload is None:
        raise InputError("Give a link to the evidence or choose a file")
    evidence = Evidence(
        action=action,
        description=description.strip(),
        link=link,
        added_by=user,
        added_at=timezone.now(),
    )
    if upload is not None:
        _attach(evidence, upload)
    with transaction.atomic():
        step = Step(
            "evidence",
            action.status,
            evidence.description,
            "recommendations.evidence_added",
            detail={"link": link, "file": evidence.file_name, "sha256": evidence.sha256},
        )
        take_step(user, action, step, version, request)
        evidence.save()
    return evidence


def _attach(evidence: Evidence, upload: UploadedFile[bytes]) -> None:
    name = os.path.basename(upload.name or "evidence")[:200]
    data = _read(upload)
    kind = kind_of_file(name, data)
    evidence.file_name, evidence.size, evidence.content_type = name, len(data), kind.content_type
    evidence.sha256 = _store(data)
