"""figures.yaml and breakdowns.yaml: loaded, checked, and bad files named precisely."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from joinedup.errors import ConfigurationError
from joinedup.transparency import FinancialYear, financial_year_of, load_figures
from joinedup.transparency.definitions import BREAKDOWNS_FILE


def test_every_figure_has_a_definition_sources_and_known_breakdowns() -> None:
    figures = load_figures()
    assert [f.id for f in figures.figures] == [
        "referrals", "children_screened", "children_flagged", "children_discussed_at_mace",
        "referral_outcomes", "core_data_set",
    ]  # fmt: skip
    for figure in figures.figures:
        assert figure.definition and figure.source and figure.tables
    assert figures.id == "figures v1, breakdowns v1"


def test_ethnic_groups_are_the_five_ons_2021_groups_with_not_stated_apart() -> None:
    ethnic = load_figures().variables["ethnic_group"]
    assert len(ethnic.categories) == 7
    assert ethnic.category_of("white_roma") == "White"
    assert ethnic.category_of("not_stated") == "Not stated"
    assert ethnic.category_of("something_new") == "Not known"


def test_age_bands_from_whole_years() -> None:
    age = load_figures().variables["age_band"]
    assert [age.band_of(a) for a in (0, 9, 10, 15, 17, 18, 40, None)] == [
        "Under 10", "Under 10", "10 to 12", "13 to 15", "16 to 17", "18 and over",
        "18 and over", "Not known",
    ]  # fmt: skip


def test_a_figure_naming_an_unknown_breakdown_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "figures.yaml"
    bad.write_text(
        "version: 1\nfigures:\n  - id: referrals\n    title: T\n    column: C\n    unit: u\n"
        "    definition: D\n    source: [x]\n    tables:\n      - rows: [colour]\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigurationError, match=r"figures\[0\]\.tables\[0\].*unknown: colour"):
        load_figures(bad, BREAKDOWNS_FILE)


def test_financial_years() -> None:
    year = financial_year_of(date(2025, 3, 31))
    assert (year.label, year.title) == ("2024-25", "April 2024 to March 2025")
    assert financial_year_of(date(2025, 4, 1)) == FinancialYear(2025)
    assert year.counted_to(date(2030, 1, 1)) == date(2025, 3, 31)
    assert year.counted_to(date(2024, 12, 25)) == date(2024, 12, 24)
