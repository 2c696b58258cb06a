"""Which format an uploaded file is: its extension and its first bytes must agree.

No Django here: `identify(name, data)` returns the format from data/documents.yaml or
raises FileFormatError naming the file and what was expected.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

from joinedup.errors import FileFormatError
from joinedup.web.documents.services.rules import FileFormat, rules

__all__ = ["identify"]

_HEADER_LINE = re.compile(rb"^[!-9;-~]+:[ \t]?")  # RFC 5322 §2.2: field name, then a colon


def identify(name: str, data: bytes) -> FileFormat:
    """The format of `data`, uploaded as `name`."""
    accepted = rules()
    if not data:
        raise FileFormatError(name, "the file is empty")
    if len(data) > accepted.max_upload_bytes:
        limit = accepted.max_upload_bytes // (1024 * 1024)
        raise FileFormatError(name, f"the file is larger than {limit} MB")
    extension = PurePath(name).suffix.lower()
    found = accepted.format_for_extension(extension)
    if found is None:
        expected = ", ".join(accepted.extensions)
        raise FileFormatError(
            name, f"files ending {extension or '(no extension)'} are not accepted: use {expected}"
        )
    if not _content_agrees(found, data):
        raise FileFormatError(
            name, f"the file ends {extension}, but its contents are not that format ({found.label})"
        )
    return found


def _content_agrees(found: FileFormat, data: bytes) -> bool:
    if found.magic and not any(
        magic in data[: found.magic_within + len(magic)] for magic in found.magic
    ):
        return False
    if found.name == "docx":
        return _is_word_package(data)
    if found.name == "eml":
        return _looks_like_email(data)
    if found.name == "text":
        return _looks_like_text(data)
    return True


def _is_word_package(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return "word/document.xml" in package.namelist()
    except zipfile.BadZipFile:
        return False


def _looks_like_email(data: bytes) -> bool:
    first = data.lstrip(b"\r\n").split(b"\n", 1)[0]
    return b"\x00" not in data[:4096] and bool(_HEADER_LINE.match(first))


def _looks_like_text(data: bytes) -> bool:
    known = (b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
    return b"\x00" not in data and not data.startswith(known)
