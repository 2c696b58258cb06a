"""Multi-agency chronologies for a person, a context or a network (no Django).

    from joinedup.chronology import Entitlements, Filters, chronology_for_person
    chronology = chronology_for_person(tables, "P-000123", Entitlements(narratives=True))

The core takes the reader's entitlements as an argument: which entries and fields a
reader sees follows the sharing rules, and what is withheld is counted and said.
See docs/chronology.md.
"""

from __future__ import annotations

from joinedup.chronology.build import (
    chronology_for_context,
    chronology_for_network,
    chronology_for_person,
)
from joinedup.chronology.entitlements import Entitlements, WithheldCount
from joinedup.chronology.entries import Chronology, ChronologyEntry, PersonInvolved, Subject
from joinedup.chronology.export_csv import CSV_COLUMNS, write_csv
from joinedup.chronology.export_pdf import render_html, write_pdf
from joinedup.chronology.filters import Filters
from joinedup.chronology.gaps import DEFAULT_GAP_MONTHS
from joinedup.chronology.header import Production
from joinedup.chronology.turning import DEFAULT_INDICATOR_EVENT_TYPES
from joinedup.chronology.when import When, when_from_iso
from joinedup.chronology.writing import write_chronology

__all__ = [
    "CSV_COLUMNS",
    "DEFAULT_GAP_MONTHS",
    "DEFAULT_INDICATOR_EVENT_TYPES",
    "Chronology",
    "ChronologyEntry",
    "Entitlements",
    "Filters",
    "PersonInvolved",
    "Production",
    "Subject",
    "When",
    "WithheldCount",
    "chronology_for_context",
    "chronology_for_network",
    "chronology_for_person",
    "render_html",
    "when_from_iso",
    "write_chronology",
    "write_csv",
    "write_pdf",
]
