"""PDF export: a valid A4 document with the header, purpose and sharing statement."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from joinedup.analysis.borough import AnalysisTables
from joinedup.chronology import (
    Entitlements,
    Production,
    chronology_for_person,
    render_html,
    write_chronology,
    write_pdf,
)

pytest.importorskip("weasyprint")

PRODUCTION = Production(
    "A. Analyst", "MACE meeting 12 May 2026", datetime(2026, 5, 1, 9, 30, tzinfo=UTC)
)


def _pdf_text(path: Path) -> str:
    """The PDF's text through pypdf, else poppler's pdftotext, else skip."""
    try:
        import pypdf
    except ImportError:
        if shutil.which("pdftotext") is None:
            pytest.skip("neither pypdf nor pdftotext is installed")
        done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
        return done.stdout.decode("utf-8")
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_the_pdf_is_valid_and_carries_the_header(tiny: AnalysisTables, tmp_path: Path) -> None:
    chronology = chronology_for_person(tiny, "C1", Entitlements(criminal_offence=True))
    pages = write_pdf(chronology, tmp_path / "c.pdf", PRODUCTION)
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")
    text = " ".join(_pdf_text(tmp_path / "c.pdf").split())
    for expected in [
        "Multi-agency chronology",
        "Amy Ash, born 4 March 2008 (person C1)",
        "Purpose: MACE meeting 12 May 2026",
        "Produced by A. Analyst",
        "1 May 2026 09:30 UTC",
        "1 entry from HLT not shown",
        f"Page 1 of {pages}",
        "TURNING POINT: First referral",
        "GAP",
    ]:
        assert expected in text, expected


def test_write_chronology_chooses_pdf_by_extension(tiny: AnalysisTables, tmp_path: Path) -> None:
    path = tmp_path / "bundle.PDF"
    write_chronology(tiny, "C1", path, Entitlements.everything(), "court bundle", "A. Analyst")
    assert path.read_bytes()[:5] == b"%PDF-"
    assert "court bundle" in _pdf_text(path)


def test_html_escapes_what_it_is_given(tiny: AnalysisTables) -> None:
    chronology = chronology_for_person(tiny, "C1", Entitlements())
    html = render_html(chronology, Production("<script>x</script>", "MACE & strategy"))
    assert "<script>x" not in html
    assert "MACE &amp; strategy" in html


def test_gap_rows_and_turning_points_are_marked_in_words(tiny: AnalysisTables) -> None:
    html = render_html(chronology_for_person(tiny, "C1", Entitlements()), PRODUCTION)
    assert '<tr class="gap">' in html and "<td>GAP</td>" in html
    assert "TURNING POINT: First referral to children&#x27;s services" in html
    assert "STRENGTH: Strength or protective factor" in html
