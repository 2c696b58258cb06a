"""Files made for the documents tests: PDFs with and without a text layer, a Word
document, e-mails and plain text. Everything is invented."""

from __future__ import annotations

import io
from email.message import EmailMessage

LONG_NOTE = " ".join(
    f"On visit {n} the social worker saw the child at home and recorded that the "
    f"school reported {n} absences and a worry about older men at the takeaway."
    for n in range(1, 40)
)


def pdf_with_text(*pages: str) -> bytes:
    from fpdf import FPDF

    document = FPDF()
    document.set_font("helvetica", size=11)
    for text in pages:
        document.add_page()
        document.multi_cell(0, 6, text)
    return bytes(document.output())


def scanned_pdf(*lines: str) -> bytes:
    """A one-page PDF that is only a picture of the lines (no text layer)."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("DejaVuSans.ttf", 40) if _has_dejavu() else None
    for number, line in enumerate(lines):
        draw.text((100, 200 + 80 * number), line, font=font or ImageFont.load_default(40), fill=0)
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=150)
    return out.getvalue()


def _has_dejavu() -> bool:
    from PIL import ImageFont

    try:
        ImageFont.truetype("DejaVuSans.ttf", 10)
    except OSError:
        return False
    return True


def docx_with(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def eml_with(body: str, *, html: bool = False, attachment: str | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = "Duty Team <duty@example.org>"
    message["To"] = "Inquiry <inquiry@example.org>"
    message["Date"] = "Tue, 04 Jun 2019 10:15:00 +0100"
    message["Subject"] = "Referral follow-up"
    if html:
        message.set_content(f"<html><body><p>{body}</p></body></html>", subtype="html")
    else:
        message.set_content(body)
    if attachment:
        message.add_attachment(b"%PDF-1.4 invented", maintype="application", subtype="pdf",
                               filename=attachment)  # fmt: skip
    return message.as_bytes()


def msg_with(subject: str, body: str, sender: str) -> bytes:
    """A minimal Outlook .msg (a Compound File with the MAPI string properties)."""
    import struct

    from extract_msg.ole_writer import OleWriter

    writer = OleWriter()
    header = b"\x00" * 8 + struct.pack("<IIII", 0, 0, 0, 0) + b"\x00" * 8
    writer.addEntry("__properties_version1.0", header)
    for tag, value in (("001A", "IPM.Note"), ("0037", subject), ("1000", body), ("0C1A", sender)):
        writer.addEntry(f"__substg1.0_{tag}001F", value.encode("utf-16-le"))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
