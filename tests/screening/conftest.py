"""The small synthetic borough's analysis tables, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from joinedup.analysis.borough import AnalysisTables, analysis_tables_from_borough


@pytest.fixture(scope="session")
def borough_tables(small_borough: Path) -> AnalysisTables:
    return analysis_tables_from_borough(small_borough)
