from __future__ import annotations

import pytest

from joinedup.errors import FileFormatError
from joinedup.web.documents.services import extract, ocr
from tests.web.documents import samples


def test_pdf_pages_are_read_and_kept_apart() -> None:
    found = extract.extract_text(
        "pdf", samples.pdf_with_text("The first page of the invented report.",
                                     "The second page of the invented report."), "r.pdf"
    )  # fmt: skip
    assert found.text_from == "pdf"
    assert found.page_count == 2
    first, second = found.text.split(extract.PAGE_BREAK)
    assert "first page" in first and "second page" in second


def test_word_paragraphs_and_tables_are_read() -> None:
    data = samples.docx_with(
        ["Strategy meeting notes"], [["Date", "Decision"], ["4 June", "Refer"]]
    )
    found = extract.extract_text("docx", data, "notes.docx")
    assert found.text_from == "docx"
    assert "Strategy meeting notes" in found.text
    assert "4 June\tRefer" in found.text


def test_an_email_gives_headers_body_and_attachments() -> None:
    data = samples.eml_with("Please see the minutes attached.", attachment="minutes.pdf")
    found = extract.extract_text("eml", data, "mail.eml")
    assert found.text_from == "eml"
    assert "From: Duty Team <duty@example.org>" in found.text
    assert "Subject: Referral follow-up" in found.text
    assert "Please see the minutes attached." in found.text
    assert "- minutes.pdf (application/pdf)" in found.text


def test_an_outlook_message_gives_headers_and_body() -> None:
    data = samples.msg_with("Strategy meeting follow-up", "Seen at the takeaway.", "Duty Team")
    found = extract.extract_text("msg", data, "mail.msg")
    assert found.text_from == "msg"
    assert "From: Duty Team" in found.text
    assert "Subject: Strategy meeting follow-up" in found.text
    assert "Seen at the takeaway." in found.text


def test_an_html_only_email_is_read_without_its_tags() -> None:
    found = extract.extract_text("eml", samples.eml_with("Seen &amp; safe", html=True), "m.eml")
    assert "Seen & safe" in found.text
    assert "<p>" not in found.text


def test_plain_text_is_utf8_else_windows_1252_and_says_which() -> None:
    utf8 = extract.extract_text("text", "\ufeffCafé — notes\r\n".encode(), "n.txt")
    assert (utf8.text, utf8.text_from) == ("Café — notes\n", "utf-8")
    legacy = extract.extract_text("text", "Café — notes".encode("cp1252"), "n.txt")
    assert (legacy.text, legacy.text_from) == ("Café — notes", "cp1252")
    assert "Windows-1252" in legacy.note


def test_control_characters_are_removed() -> None:
    found = extract.extract_text("text", b"one\x00two\x02three\tfour", "n.txt")
    assert found.text == "onetwothree\tfour"


def test_a_scanned_pdf_without_ocr_says_its_text_needs_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "ocr_available", lambda: False)
    found = extract.extract_text("pdf", samples.scanned_pdf("Invented scan"), "scan.pdf")
    assert found.text_from == "needs_ocr"
    assert found.note == "Scanned: text needs OCR (no text layer on page 1)"
    assert found.text.strip() == ""


@pytest.mark.skipif(
    not ocr.ocr_available(), reason="Tesseract is not installed here (scripts/ensure-ocr)"
)
def test_a_scanned_pdf_is_read_by_ocr() -> None:
    data = samples.scanned_pdf("Strategy meeting minutes", "The referral was received")
    found = extract.extract_text("pdf", data, "scan.pdf")
    assert found.text_from == "ocr"
    assert "Strategy meeting minutes" in found.text
    assert "referral was received" in found.text
    assert found.note.startswith("Page 1 read by OCR (tesseract")


def test_a_broken_pdf_is_refused_naming_the_file() -> None:
    with pytest.raises(FileFormatError, match=r"^broken\.pdf: the file cannot be read"):
        extract.extract_text("pdf", b"%PDF-1.4\nthis is not a PDF body", "broken.pdf")


def test_page_numbers_are_written_as_runs() -> None:
    assert extract.page_numbers([9, 1, 3, 4, 5]) == "1, 3–5, 9"
