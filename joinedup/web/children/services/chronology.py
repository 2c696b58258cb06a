"""The child's multi-agency chronology as the reader may see it, and its downloads.

The chronology core (`joinedup.chronology`) does the work: it applies the reader's
entitlements per entry and field, counts what it withholds, marks turning points and
exposes gaps. Screening supplies the events it found as indicators, so "first
indicator of exploitation" means what the screening prompts show. A download (CSV or
PDF) carries the purpose recorded for this opening in its header and is audited
(`chronology.download`).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.http import HttpRequest

from joinedup.chronology import (
    Chronology,
    Entitlements,
    Filters,
    Production,
    chronology_for_person,
    write_csv,
    write_pdf,
)
from joinedup.chronology.entitlements import reason_withheld
from joinedup.chronology.select import event_ids_involving, event_rows
from joinedup.records import vocabularies
from joinedup.web.access import roles
from joinedup.web.access.models import AccessPurpose
from joinedup.web.analysis.models import ScreeningResult
from joinedup.web.audit.services import record_event
from joinedup.web.children.services.opening import Opening
from joinedup.web.children.services.tables import analysis_tables
from joinedup.web.people.models import Person

__all__ = ["Download", "chronology_of", "download_chronology", "filter_choices", "purpose_text"]

FORMATS = {"csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}


@dataclass(frozen=True)
class Download:
    content: bytes
    filename: str
    content_type: str


def chronology_of(
    person: Person, reader: Entitlements, filters: Filters | None = None
) -> Chronology:
    """Every agency's events about the child, from birth, as the reader may see them."""
    return chronology_for_person(
        analysis_tables(), person.person_id, reader, filters,
        indicator_event_ids=indicator_event_ids(person),
    )  # fmt: skip


def indicator_event_ids(person: Person) -> frozenset[str] | None:
    """The events screening found as indicators for the child (None: not screened)."""
    results = ScreeningResult.objects.filter(person=person).values_list("indicators", flat=True)
    found = {e["event_id"] for indicators in results for i in indicators for e in i["evidence"]}
    return frozenset(found) if results else None


def filter_choices(
    person: Person, reader: Entitlements
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(agencies, event types) among the child's events the reader may see, for filters."""
    tables = analysis_tables()
    events = event_rows(tables, event_ids_involving(tables, [person.person_id]))
    seen = [e for e in events if reason_withheld(e, reader) is None]
    agencies = sorted({e["agency"] for e in seen})
    types = sorted({e["event_type"] for e in seen})
    labels = [(t, vocabularies.label("event_type", t)) for t in types]
    return [(a, a) for a in agencies], sorted(labels, key=lambda pair: pair[1])


def purpose_text(purpose: AccessPurpose) -> str:
    """'Preparing for a MACE meeting', with the description given when there is one."""
    label = roles.purposes().get(purpose.purpose, purpose.purpose)
    return f"{label}: {purpose.detail}" if purpose.detail else label


def download_chronology(
    opening: Opening, filters: Filters, fmt: str, request: HttpRequest | None = None
) -> Download:
    """The chronology as CSV or PDF, with this opening's purpose in its header; audited."""
    person, reader = opening.person, opening.reader
    chronology = chronology_of(person, reader, filters)
    production = Production(_producer(opening.user), purpose_text(opening.purpose))
    content = _written(chronology, production, fmt)
    record_event(
        opening.user, "chronology.download", target_type="person", target_id=person.person_id,
        purpose=opening.purpose.purpose, basis=opening.basis,
        detail={"format": fmt, "covers": filters.describe(), "entries": len(chronology.events()),
                "withheld": sum(w.count for w in chronology.withheld),
                "narratives": reader.narratives},
        request=request,
    )  # fmt: skip
    return Download(content, f"chronology-{person.person_id}.{fmt}", FORMATS[fmt])


def _producer(user: Any) -> str:
    name = user.get_full_name() or user.username
    return f"{name} ({user.get_role_display()})"


def _written(chronology: Chronology, production: Production, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r}: expected csv or pdf")
    with tempfile.TemporaryDirectory(prefix="joinedup-chronology-") as folder:
        path = Path(folder) / f"chronology.{fmt}"
        if fmt == "csv":
            write_csv(chronology, path, production)
        else:
            write_pdf(chronology, path, production)
        return path.read_bytes()
