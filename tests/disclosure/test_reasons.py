"""Every cell the profile touched carries a reason, and no reason gives its count away."""

from __future__ import annotations

import re

from joinedup.disclosure import disclose_table
from tests.disclosure.tables import random_body, with_margins


def test_every_changed_cell_has_exactly_one_reason_naming_the_profile() -> None:
    table = with_margins(random_body(6, 4, 3))
    for profile in ("nhs", "ons10", "dfe"):
        result = disclose_table(table, profile)
        reasons = {(r.row, r.column): r.reason for r in result.reasons}
        assert len(reasons) == len(result.reasons)
        for row, column in table.layout.positions():
            shown = result.table.values[row][column]
            count = table.counts[row][column]
            where = (table.layout.row_name(row), table.layout.count_columns[column])
            if shown != str(count):
                assert where in reasons, (profile, where)
            if where in reasons:
                assert reasons[where].endswith(f"({result.profile_id})")


def test_reasons_are_worded_the_same_whatever_the_count() -> None:
    table = with_margins(random_body(6, 4, 8))
    result = disclose_table(table, "nhs")
    wording = {re.sub(r"'[^']*'", "'…'", r.reason) for r in result.reasons}
    assert wording <= {
        "primary: 1–7 suppressed as '…' (nhs v1)",
        "rounded to the nearest 5 (nhs v1)",
        "rounded to the nearest 5 after summing unrounded counts (nhs v1)",
        "secondary: protects the suppressed cells of row '…' (nhs v1)",
        "secondary: protects the suppressed cells of column '…' (nhs v1)",
        "secondary: protects the suppressed cells of column '…' and row '…' (nhs v1)",
        "secondary: protects the suppressed cells of row '…' and column '…' (nhs v1)",
    }


def test_a_count_already_a_multiple_of_5_is_still_marked_rounded() -> None:
    table = with_margins([[10, 20], [13, 25]])
    result = disclose_table(table, "nhs")
    reasons = {(r.row, r.column): r.reason for r in result.reasons}
    assert reasons[("R1", "C1")] == reasons[("R2", "C1")] == "rounded to the nearest 5 (nhs v1)"


def test_a_secondary_cell_names_the_row_or_column_it_protects() -> None:
    table = with_margins([[3, 20, 31], [14, 18, 25], [16, 22, 27]], ["Asian", "Black", "White"])
    result = disclose_table(table, "dfe")
    secondary = [r.reason for r in result.reasons if r.reason.startswith("secondary")]
    assert secondary
    assert any("row 'Asian'" in reason or "column 'C1'" in reason for reason in secondary)
