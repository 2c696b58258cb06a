from __future__ import annotations

import dataclasses

import pytest

from joinedup.errors import FileFormatError
from joinedup.web.documents.services import formats
from joinedup.web.documents.services.rules import rules
from tests.web.documents import samples


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("report.pdf", samples.pdf_with_text("Invented report"), "pdf"),
        ("Letter.DOCX", samples.docx_with(["Dear inquiry"]), "docx"),
        ("mail.eml", samples.eml_with("Invented body"), "eml"),
        ("mail.msg", samples.msg_with("Subject", "Body", "Sender"), "msg"),
        ("notes.txt", "Café notes\n".encode(), "text"),
    ],
)
def test_each_accepted_format_is_recognised(name: str, data: bytes, expected: str) -> None:
    assert formats.identify(name, data).name == expected


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("report.pdf", b"Just some text", "but its contents are not that format (PDF)"),
        ("notes.txt", samples.pdf_with_text("Invented"), "not that format (Plain text)"),
        ("letter.docx", b"PK\x03\x04 not really a zip", "(Word document (DOCX))"),
        ("mail.eml", b"\x89PNG\r\n\x1a\n", "(E-mail (EML))"),
        ("mail.msg", b"From: someone\n", "(Outlook e-mail (MSG))"),
        ("photo.png", b"\x89PNG\r\n\x1a\n", "files ending .png are not accepted"),
        ("README", b"text", "(no extension)"),
        ("empty.txt", b"", "the file is empty"),
    ],
)
def test_extension_and_contents_must_agree(name: str, data: bytes, problem: str) -> None:
    with pytest.raises(FileFormatError) as raised:
        formats.identify(name, data)
    assert problem in str(raised.value)
    assert str(raised.value).startswith(name)


def test_a_file_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    small = dataclasses.replace(rules(), max_upload_bytes=10)
    monkeypatch.setattr(formats, "rules", lambda: small)
    with pytest.raises(FileFormatError, match="larger than"):
        formats.identify("notes.txt", b"more than ten bytes")
