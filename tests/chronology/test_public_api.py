"""The package's public API is what docs/chronology.md describes, and imports no Django."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import joinedup.chronology
from joinedup.chronology import Filters


def test_the_public_api_is_exactly_what_is_intended() -> None:
    assert sorted(joinedup.chronology.__all__) == sorted([
        "CSV_COLUMNS", "DEFAULT_GAP_MONTHS", "DEFAULT_INDICATOR_EVENT_TYPES", "Chronology",
        "ChronologyEntry", "Entitlements", "Filters", "PersonInvolved", "Production",
        "Subject", "When", "WithheldCount", "chronology_for_context", "chronology_for_network",
        "chronology_for_person", "render_html", "when_from_iso", "write_chronology",
        "write_csv", "write_pdf",
    ])  # fmt: skip


def test_the_chronology_core_imports_neither_django_nor_weasyprint() -> None:
    code = (
        "import sys, joinedup.chronology\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'weasyprint')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_filters_describe_what_the_chronology_covers() -> None:
    chosen = Filters(agencies=frozenset({"POL", "CSC"}), start=date(2020, 1, 5))
    assert chosen.describe() == "Covers agencies CSC, POL; from 5 January 2020."
    assert Filters().describe() == "Covers every recorded event."
