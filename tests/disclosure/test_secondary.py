"""Secondary suppression, attacked: for every suppressed cell an intruder (attacker.py, written
apart from the package) solves for the smallest and largest count the published table allows,
and that range must reach the profile's protection margin either side of the true count."""

from __future__ import annotations

import math

import pytest

from joinedup.disclosure import (
    CountTable,
    DisclosureResult,
    disclose_table,
    feasible_ranges,
    load_profile,
)
from tests.disclosure.attacker import attack
from tests.disclosure.tables import random_body, with_margins

HIDDEN = {"nhs": set(range(1, 8)), "ons10": set(range(1, 10)), "dfe": set()}
BASE = {"nhs": 5, "ons10": 5, "dfe": None}


def attacked(table: CountTable, result: DisclosureResult, profile: str) -> dict:
    layout = table.layout
    rows_total = [labels[0] == "Total" for labels in layout.row_labels]
    columns_total = [c == "Total" for c in layout.count_columns]
    return attack(result.table.values, rows_total, columns_total, BASE[profile], HIDDEN[profile])


def assert_protected(table: CountTable, result: DisclosureResult, profile: str) -> None:
    level = load_profile(profile).level()
    ranges = attacked(table, result, profile)
    for (r, c), (low, high) in ranges.items():
        count = table.counts[r][c]
        assert low < high, f"cell {r},{c} is worked out exactly"
        if level.is_primary(count):
            assert low <= count - min(level.protection, count), (r, c, low, count)
            assert high >= count + level.protection, (r, c, high, count)


@pytest.mark.parametrize("profile", ["nhs", "ons10", "dfe"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_suppressed_cell_can_be_narrowed_from_the_published_margins(
    profile: str, seed: int
) -> None:
    table = with_margins(random_body(5, 4, seed))
    result = disclose_table(table, profile)
    assert result.primary_cells > 0
    assert_protected(table, result, profile)


@pytest.mark.parametrize("profile", ["nhs", "ons10", "dfe"])
def test_the_package_attack_agrees_with_the_independent_one(profile: str) -> None:
    table = with_margins(random_body(4, 4, 11))
    result = disclose_table(table, profile)
    ours = feasible_ranges(result.tables, load_profile(profile).level())
    theirs = attacked(table, result, profile)
    by_key = {table.layout.key(r, c): v for (r, c), v in theirs.items()}
    assert {k: (lo, math.inf if hi is None else hi) for k, (lo, hi) in ours.items()} == by_key


def test_a_row_with_a_single_suppressed_cell_gets_a_second_one() -> None:
    table = with_margins([[3, 20, 31], [14, 18, 25], [16, 22, 27]])
    result = disclose_table(table, "dfe")
    published = result.table.values
    assert published[0][0] == "c"
    assert sum(v == "c" for v in published[0]) >= 2
    assert sum(row[0] == "c" for row in published) >= 2
    assert result.secondary_cells >= 3
    assert_protected(table, result, "dfe")


def test_a_total_that_would_reveal_a_suppressed_cell_is_not_left_to_do_so() -> None:
    table = CountTable.from_rows(
        "one-way.csv", ["Ethnicity"], ["Children"],
        [(("Asian",), (4,)), (("Black",), (30,)), (("White",), (52,)), (("Total",), (86,))],
    )  # fmt: skip
    result = disclose_table(table, "dfe")
    column = [row[0] for row in result.table.values]
    assert column[0] == "c"
    assert column.count("c") >= 2
    assert_protected(table, result, "dfe")


def test_the_cheapest_protection_of_a_two_by_two_table_is_the_four_inner_cells() -> None:
    table = with_margins([[2, 40], [30, 50]])
    result = disclose_table(table, "dfe")
    assert result.table.values == (
        ("c", "c", "42"),
        ("c", "c", "80"),
        ("32", "90", "122"),
    )


def test_rounding_alone_protects_a_wide_nhs_table_so_nothing_more_is_suppressed() -> None:
    table = with_margins([[3, 20, 30, 41], [22, 18, 25, 33], [14, 27, 19, 36], [31, 12, 44, 29]])
    result = disclose_table(table, "nhs")
    assert result.secondary_cells == 0
    assert_protected(table, result, "nhs")


def test_a_narrow_nhs_row_needs_secondary_suppression_despite_rounding() -> None:
    table = with_margins([[3, 10], [25, 30]])
    result = disclose_table(table, "nhs")
    assert result.secondary_cells > 0
    assert_protected(table, result, "nhs")


def test_a_table_without_margins_only_has_primary_suppression() -> None:
    table = CountTable.from_rows(
        "no-margins.csv", ["Ward"], ["Girls", "Boys"],
        [(("North",), (3, 12)), (("South",), (0, 1))],
    )  # fmt: skip
    result = disclose_table(table, "dfe")
    assert result.table.values == (("c", "12"), ("0", "c"))
    assert result.secondary_cells == 0


def test_all_zero_rows_are_published_as_zeros() -> None:
    table = with_margins([[0, 0, 0], [20, 14, 30]])
    for profile in ("nhs", "ons10", "dfe"):
        assert disclose_table(table, profile).table.values[0] == ("0", "0", "0", "0")


def test_a_zero_beside_a_suppressed_cell_is_not_enough_protection() -> None:
    table = with_margins([[3, 0, 20], [15, 12, 40], [18, 16, 33]])
    result = disclose_table(table, "dfe")
    assert_protected(table, result, "dfe")
    assert result.table.values[0][1] == "0" or result.secondary_cells >= 3


def test_small_totals_are_themselves_suppressed() -> None:
    table = with_margins([[1, 2], [0, 0]])
    result = disclose_table(table, "nhs")
    assert result.table.values[0] == ("*", "*", "*")
    assert_protected(table, result, "nhs")


def test_a_larger_table_is_protected_in_reasonable_time() -> None:
    table = with_margins(random_body(12, 6, 5))
    result = disclose_table(table, "dfe")
    assert_protected(table, result, "dfe")
