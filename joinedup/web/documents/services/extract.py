"""The text of an uploaded file, and where it came from. No Django here.

PDF    pypdf reads each page's text layer; pages without one go to OCR (ocr.py)
       when Tesseract is installed, else the version says "scanned: text needs OCR".
       Pages are separated by a form feed (\\f), so the document page can show them.
DOCX   python-docx: paragraphs, then table cells row by row
EML    the standard library's email package: headers, plain body, attachments listed
MSG    extract-msg: the same for Outlook's format
text   UTF-8 (a byte-order mark is dropped), else Windows-1252
"""

from __future__ import annotations

import email
import email.policy
import html
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from joinedup.errors import FileFormatError
from joinedup.web.documents.services import ocr
from joinedup.web.documents.services.rules import rules

__all__ = ["Extracted", "extract_text", "page_numbers"]

PAGE_BREAK = "\f"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Extracted:
    text: str
    text_from: str  # one of models.TEXT_SOURCES
    note: str = ""
    page_count: int | None = None


def extract_text(format_name: str, data: bytes, name: str) -> Extracted:
    reader = _READERS[format_name]
    try:
        found = reader(data, name)
    except FileFormatError:
        raise
    except Exception as error:  # each library raises its own errors for a broken file
        raise FileFormatError(name, f"the file cannot be read ({type(error).__name__})") from None
    return Extracted(clean(found.text), found.text_from, found.note, found.page_count)


def clean(text: str) -> str:
    """Line ends as \\n, and no control characters but tab, line end and page break."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def page_numbers(numbers: Iterable[int]) -> str:
    """ "1, 3–5, 9" for pages 1, 3, 4, 5 and 9."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


# --- PDF ---------------------------------------------------------------------------


def _pdf(data: bytes, name: str) -> Extracted:
    pages = _pdf_pages(data, name)
    least = rules().ocr.min_text_characters
    scanned = [n for n, text in enumerate(pages, start=1) if len(text.strip()) < least]
    if not scanned:
        return Extracted(PAGE_BREAK.join(pages), "pdf", page_count=len(pages))
    if not ocr.ocr_available():
        note = f"Scanned: text needs OCR (no text layer on page {page_numbers(scanned)})"
        return Extracted(PAGE_BREAK.join(pages), "needs_ocr", note, len(pages))
    settings = rules().ocr
    try:
        read = ocr.ocr_pdf(
            data, language=settings.language, timeout_seconds=settings.timeout_seconds
        )
    except ocr.OcrFailed as failed:
        note = f"Scanned: text needs OCR ({failed})"
        return Extracted(PAGE_BREAK.join(pages), "needs_ocr", note, len(pages))
    after = _pdf_pages(read, name)
    merged = [after[n - 1] if n in scanned else text for n, text in enumerate(pages, start=1)]
    source = "ocr" if len(scanned) == len(pages) else "pdf_ocr"
    note = f"Page {page_numbers(scanned)} read by OCR ({ocr.tesseract_version()})"
    return Extracted(PAGE_BREAK.join(merged), source, note, len(pages))


def _pdf_pages(data: bytes, name: str) -> list[str]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise FileFormatError(name, "the PDF is password-protected: ask for an unprotected copy")
    return [(page.extract_text() or "").replace(PAGE_BREAK, "\n") for page in reader.pages]


# --- Word ---------------------------------------------------------------------------


def _docx(data: bytes, name: str) -> Extracted:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return Extracted("\n".join(parts).strip() + "\n", "docx")


# --- E-mail -------------------------------------------------------------------------


def _eml(data: bytes, name: str) -> Extracted:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    headers = [(h, str(message.get(h, ""))) for h in ("From", "To", "Cc", "Date", "Subject")]
    body_part = message.get_body(preferencelist=("plain", "html"))
    body = ""
    if isinstance(body_part, EmailMessage):
        body = str(body_part.get_content())
        if body_part.get_content_subtype() == "html":
            body = html.unescape(_TAG.sub(" ", body))
    attachments = [
        f"{part.get_filename() or 'unnamed'} ({part.get_content_type()})"
        for part in message.iter_attachments()
    ]
    return Extracted(_email_text(headers, body, attachments), "eml")


def _msg(data: bytes, name: str) -> Extracted:
    import extract_msg

    message: Any = extract_msg.openMsg(data)  # a Message for e-mail; typed as its base
    try:
        headers = [
            ("From", message.sender or ""),
            ("To", message.to or ""),
            ("Cc", message.cc or ""),
            ("Date", str(message.date or "")),
            ("Subject", message.subject or ""),
        ]
        attachments = [
            str(getattr(a, "longFilename", None) or getattr(a, "name", None) or "unnamed")
            for a in message.attachments
        ]
        return Extracted(_email_text(headers, message.body or "", attachments), "msg")
    finally:
        message.close()


def _email_text(headers: list[tuple[str, str]], body: str, attachments: list[str]) -> str:
    lines = [f"{label}: {value}" for label, value in headers if value]
    lines += ["", body.strip(), ""]
    if attachments:
        lines += ["Attachments:", *(f"- {a}" for a in attachments), ""]
    return "\n".join(lines)


# --- Plain text ---------------------------------------------------------------------


def _text(data: bytes, name: str) -> Extracted:
    try:
        return Extracted(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        note = "Not valid UTF-8: read as Windows-1252"
        return Extracted(data.decode("cp1252", errors="replace"), "cp1252", note)


_READERS: dict[str, Callable[[bytes, str], Extracted]] = {
    "pdf": _pdf,
    "docx": _docx,
    "eml": _eml,
    "msg": _msg,
    "text": _text,
}
