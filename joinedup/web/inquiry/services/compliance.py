"""How each recipient is answering the inquiry's requests: a row per agency (and per
individual), with requests issued, outstanding, overdue, partly returned and complied,
and the most days any outstanding request is overdue; as a page and as CSV.

Drafts are not counted: the recipient has not been asked yet.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from joinedup.web.inquiry.models import EvidenceRequest, Inquiry
from joinedup.web.inquiry.services.requests import is_outstanding, is_overdue

__all__ = ["Compliance", "ComplianceRow", "compliance", "compliance_csv"]

FORMULA_STARTS = ("=", "+", "-", "@")


@dataclass
class ComplianceRow:
    recipient: str
    agency_code: str  # "" for an individual
    issued: int = 0
    outstanding: int = 0
    overdue: int = 0
    partly_returned: int = 0
    complied: int = 0
    withdrawn: int = 0
    most_days_overdue: int = 0
    overdue_references: list[str] = field(default_factory=list)

    def add(self, found: EvidenceRequest, today: date) -> None:
        self.issued += 1
        self.outstanding += is_outstanding(found)
        self.partly_returned += found.status == EvidenceRequest.PARTLY_RETURNED
        self.complied += found.status == EvidenceRequest.COMPLIED
        self.withdrawn += found.status == EvidenceRequest.WITHDRAWN
        if is_overdue(found, today):
            self.overdue += 1
            self.overdue_references.append(found.reference)
            self.most_days_overdue = max(self.most_days_overdue, (today - found.deadline).days)


@dataclass(frozen=True)
class Compliance:
    as_of: date
    rows: list[ComplianceRow]

    @property
    def total(self) -> ComplianceRow:
        total = ComplianceRow("All recipients", "")
        for row in self.rows:
            for name in (
                "issued",
                "outstanding",
                "overdue",
                "partly_returned",
                "complied",
                "withdrawn",
            ):
                setattr(total, name, getattr(total, name) + getattr(row, name))
            total.most_days_overdue = max(total.most_days_overdue, row.most_days_overdue)
        return total


def _key(found: EvidenceRequest) -> tuple[str, str, str]:
    agency = found.recipient_agency
    if agency is not None:
        return f"agency:{agency.code}", f"{agency.name}", agency.code
    name = " ".join(found.recipient_name.split())
    return f"person:{name.casefold()}", name, ""


def compliance(inquiry: Inquiry, today: date) -> Compliance:
    """Every recipient sent a request, most overdue first, then by name."""
    rows: dict[str, ComplianceRow] = {}
    issued = inquiry.requests.exclude(status=EvidenceRequest.DRAFT).select_related(
        "recipient_agency"
    )
    for found in issued.order_by("reference"):
        key, label, code = _key(found)
        rows.setdefault(key, ComplianceRow(label, code)).add(found, today)
    ordered = sorted(rows.values(), key=lambda r: (-r.overdue, -r.outstanding, r.recipient))
    return Compliance(today, ordered)


def _safe(value: object) -> str:
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


COLUMNS = (
    "recipient",
    "agency_code",
    "issued",
    "outstanding",
    "overdue",
    "partly_returned",
    "complied",
    "withdrawn",
    "most_days_overdue",
    "overdue_requests",
)


def compliance_csv(found: Compliance) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["as_of", *COLUMNS])
    for row in [*found.rows, found.total]:
        cells = [getattr(row, c) for c in COLUMNS[:-1]] + [" ".join(row.overdue_references)]
        writer.writerow([found.as_of.isoformat(), *(_safe(c) for c in cells)])
    return out.getvalue()
