"""Producing a redacted copy: the text with the redacted spans REMOVED, and a PDF made
from that text — never a PDF with boxes drawn over text that is still there
("the only proper way to secure the text behind a redaction is to produce the
document", ANCHORS.md §3).

A name redacted under a ground that protects the person becomes their cipher ("C-12");
every other redaction becomes "[ground label]". A copy for a stage applies the
redactions for every copy plus, for the public, those for the public copy only.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from joinedup.disclosure.redaction import Span, apply_redactions
from joinedup.errors import InputError
from joinedup.web.audit.services import record_event
from joinedup.web.documents.models import DocumentVersion
from joinedup.web.redaction.models import Production, Redaction
from joinedup.web.redaction.services.protocol import grounds, stage, stages
from joinedup.web.redaction.services.sets import fingerprint, progress_of, unchecked_reason

__all__ = ["produce", "produced_text", "redactions_for_stage"]

STYLESHEET = """
@page {
  size: A4; margin: 2cm;
  @bottom-right { content: "Page " counter(page) " of " counter(pages); }
}
body { font-family: sans-serif; font-size: 11pt; line-height: 1.4; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
p.meta { font-size: 9pt; color: #333; margin: 0 0 12pt; }
div.text { white-space: pre-wrap; overflow-wrap: anywhere; }
"""


def redactions_for_stage(version: DocumentVersion, stage_key: str) -> list[Redaction]:
    applies = [Redaction.ALL_STAGES]
    if stage_key == "public":
        applies.append(Redaction.PUBLIC_ONLY)
    found = Redaction.objects.filter(
        document_version=version, status=Redaction.ACCEPTED, applies_to__in=applies
    ).select_related("cipher")
    return list(found.order_by("start", "end"))


def produced_text(version: DocumentVersion, redactions: list[Redaction]) -> str:
    by_span = {(r.start, r.end): r for r in redactions}

    def replacement(span: Span) -> str:
        redaction = by_span[(span.start, span.end)]
        if redaction.cipher is not None:
            return redaction.cipher.cipher
        found = grounds().get(redaction.ground)
        return f"[{found.label if found else 'Redacted'}]"

    spans = [
        Span(r.start, r.end, r.category, version.text[r.start : r.end], r.source)
        for r in redactions
    ]
    return apply_redactions(version.text, spans, replacement)


def produce(
    user: Any, version: DocumentVersion, stage_key: str, request: HttpRequest | None = None
) -> Production:
    """A copy of the version for a stage; refused unless the redaction set is checked."""
    if stage_key not in stages():
        raise InputError("Choose the stage the copy is for")
    reason = unchecked_reason(progress_of(version))
    if reason:
        raise InputError(f"The redactions are not all checked: {reason}")
    redactions = redactions_for_stage(version, stage_key)
    text = produced_text(version, redactions)
    pdf = _pdf(version, stage_key, text)
    with transaction.atomic():
        production = Production.objects.create(
            document_version=version, stage=stage_key, text=text, pdf=pdf,
            pdf_sha256=hashlib.sha256(pdf).hexdigest(),
            text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            redaction_set=fingerprint(version), redactions_applied=len(redactions),
            produced_by=user, produced_at=timezone.now(),
        )  # fmt: skip
        record_event(
            user, "redaction.produced", target_type="production", target_id=production.pk,
            detail={"document_version": version.pk, "stage": stage_key,
                    "redactions_applied": len(redactions), "pdf_sha256": production.pdf_sha256},
            request=request,
        )  # fmt: skip
    return production


def _pdf(version: DocumentVersion, stage_key: str, text: str) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string(
        "redaction/produced_pdf.html",
        {"document": version.document, "version": version, "stage": stage(stage_key), "text": text},
    )
    written: bytes = HTML(string=html).write_pdf(stylesheets=[CSS(string=STYLESHEET)])
    return written
