"""'When could we have known' for the inquiry: tables per agency, year and decade,
protected, medians only for groups big enough, computed once per state of the records."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest

from joinedup.errors import InputError
from joinedup.screening import load_rule_file
from joinedup.web.themes.models import KnownResult
from joinedup.web.themes.services import known
from joinedup.web.themes.services.protect import table_csv

pytestmark = pytest.mark.django_db


def _rows() -> list[list[object]]:
    """12 children known to CSC (first indicators in 1995-2004), 3 of them also to POL."""
    rows: list[list[object]] = []
    for child in range(1, 13):
        year = 1995 + child % 10
        acted = None if child % 4 == 0 else float(child * 2)
        rows.append(["CSC", child, year, acted, acted])
        if child <= 3:
            rows.append(["POL", child, year, None if acted is None else acted - 1, acted])
    return rows


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    calls: list[int] = []

    def fake(rules: Any) -> list[list[object]]:
        calls.append(1)
        return _rows()

    monkeypatch.setattr(known, "_compute", fake)
    yield calls


def test_the_result_is_computed_once_per_state_of_the_records(computed: list[int]) -> None:
    first = known.known_result()
    again = known.known_result()
    assert first.pk == again.pk and len(computed) == 1
    assert first.key == known.records_state_key(load_rule_file())
    assert "batch 0; linkage 0; links 0" in first.key
    KnownResult.objects.all().delete()
    known.known_result()
    assert len(computed) == 2


def test_tables_by_agency_year_and_decade_are_protected_with_reasons(computed: list[int]) -> None:
    tables = known.known_tables("ons10")
    agency = tables.by_agency
    assert agency.columns[-2:] == ("Never acted on", "Total")
    names = [labels[0] for labels, _ in agency.rows]
    assert names[0].endswith("(CSC)") and names[1].endswith("(POL)")
    csc_total = agency.value(names[0], "Total")
    assert csc_total == "10"  # 12 rounded to the nearest 5 under ons10
    assert agency.value(names[1], "Total") == "c"  # 3 children: suppressed
    assert all(r[2].endswith("(ons10 v1)") for r in agency.reasons)
    decade = tables.by_decade
    assert [labels[0] for labels, _ in decade.rows] == ["1990s", "2000s", "Total"]
    assert tables.by_year.rows[-1][0] == ("Total",)
    reasons = {(row, column) for row, column, _ in decade.reasons}
    for labels, values in decade.rows:
        for column, value in zip(decade.columns, values, strict=True):
            assert value.isdigit() or (labels[0], column) in reasons
    assert decade.value("1990s", "Total") == "c"  # 7 children


def test_a_median_is_shown_only_for_a_group_larger_than_the_suppressed_band(
    computed: list[int],
) -> None:
    tables = known.known_tables("ons10")
    medians = tables.medians["agency"]
    csc, pol = sorted(medians)
    assert medians[pol] is None  # 3 children acted on: too few
    assert medians[csc] is None  # 9 acted on: still inside 1-9
    assert tables.medians["decade"]["Total"] is None
    nhs = known.known_tables("nhs").medians["agency"]
    assert nhs[sorted(nhs)[0]] == pytest.approx(12.0)  # 9 acted on > 7: shown


def test_the_csv_holds_the_published_figures_and_medians(computed: list[int]) -> None:
    tables = known.known_tables("nhs")
    rows = list(
        csv.reader(
            io.StringIO(
                table_csv(tables.by_agency, tables.medians["agency"], "Median months to action")
            )
        )
    )
    assert rows[0][-1] == "Median months to action"
    assert rows[2][-2] == "*" and rows[2][-1] == ""


def test_no_children_with_indicators_is_said_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(known, "_compute", lambda rules: [])
    with pytest.raises(InputError, match="no child in the records has an indicator"):
        known.known_tables("ons10")


def test_the_real_analysis_runs_on_imported_and_linked_records(tiny: Any) -> None:
    from joinedup.web.people.linking import link_everyone
    from joinedup.web.records.importing import import_export

    import_export("TST", tiny.mapping, tiny.files, user="t")
    link_everyone("analyst")
    result = known.known_result()
    assert result.scheme == load_rule_file().scheme
    assert all(len(row) == 5 for row in result.rows)
    assert all(isinstance(row[1], int) for row in result.rows)  # numbers, never person ids


def test_with_no_records_the_analysis_says_so_rather_than_failing() -> None:
    with pytest.raises(InputError, match="no child in the records"):
        known.known_tables("ons10")
