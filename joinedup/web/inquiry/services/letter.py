"""The request letter: the matters numbered, the deadline and, for a section 21 notice,
the reminder that not complying is an offence. One template serves the printable page
and the PDF (weasyprint, as the meeting papers are made)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.template.loader import render_to_string

from joinedup.web.inquiry.models import EvidenceRequest
from joinedup.web.inquiry.services import vocabulary as vocab
from joinedup.web.inquiry.services.requests import matters_list

__all__ = ["Letter", "letter_for", "letter_pdf"]

_CSS = Path(__file__).resolve().parents[1] / "templates" / "inquiry" / "letter" / "letter.css"


@dataclass(frozen=True)
class Letter:
    request: EvidenceRequest
    kind_label: str
    basis: str
    matters: list[str]
    recipient: str
    dated: date | None  # None: a draft, not yet issued
    offence_reminder: str  # for a section 21 notice only

    @property
    def filename(self) -> str:
        return f"{self.request.reference}.pdf"


def letter_for(found: EvidenceRequest) -> Letter:
    agency = found.recipient_agency
    names = [found.recipient_name.strip(), agency.name if agency else ""]
    reminder = vocab.offence_reminder() if found.kind == EvidenceRequest.SECTION_21 else ""
    return Letter(
        request=found,
        kind_label=vocab.kind_label(found.kind),
        basis=vocab.kind_basis(found.kind),
        matters=matters_list(found.matters),
        recipient=", ".join(n for n in names if n),
        dated=found.issued_on,
        offence_reminder=reminder,
    )


def letter_pdf(letter: Letter) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string("inquiry/letter/document.html", {"letter": letter})
    written: bytes = HTML(string=html).write_pdf(stylesheets=[CSS(string=_CSS.read_text("utf-8"))])
    return written
