"""Differencing: tables that share cells or margins (the same figures by year and in total,
by two breakdowns, a subset of another table, a coarser age band) are protected together,
and an intruder who combines every published table still cannot narrow a suppressed cell."""

from __future__ import annotations

from collections.abc import Sequence

from joinedup.disclosure import (
    CountTable,
    DisclosureResult,
    PublishedTable,
    disclose_linked,
    disclose_table,
    feasible_ranges,
    load_profile,
)
from joinedup.disclosure.cells import Hierarchies
from tests.disclosure.tables import with_margins

ETHNICITIES = ["Asian", "Black", "White"]
YEAR_2023 = [[3, 14], [20, 17], [40, 38]]
YEAR_2024 = [[12, 16], [22, 19], [41, 36]]


def by_year(body: list[list[int]], year: str | None) -> CountTable:
    return with_margins(
        body, ETHNICITIES, ["F", "M"], name=f"children-{year or 'both'}.csv",
        label="ethnicity", column_variable="sex", fixed=[("year", year)] if year else [],
    )  # fmt: skip


def years() -> list[CountTable]:
    both = [
        [a + b for a, b in zip(x, y, strict=True)]
        for x, y in zip(YEAR_2023, YEAR_2024, strict=True)
    ]
    return [by_year(YEAR_2023, "2023"), by_year(YEAR_2024, "2024"), by_year(both, None)]


def exposed(
    tables: Sequence[CountTable],
    published: Sequence[PublishedTable],
    profile: str = "dfe",
    hierarchies: Hierarchies | None = None,
) -> list[str]:
    """Every primary cell an intruder holding all of `published` can narrow too far."""
    level = load_profile(profile).level()
    ranges = feasible_ranges(published, level, hierarchies)
    found = []
    for table in tables:
        for row, column in table.layout.positions():
            count, key = table.counts[row][column], table.layout.key(row, column)
            if not level.is_primary(count):
                continue
            low, high = ranges[key]
            if low > count - min(level.protection, count) or (
                high is not None and high < count + level.protection
            ):
                found.append(f"{table.name} {table.layout.row_name(row)} {key}: {low}..{high}")
    return found


def test_tables_protected_one_by_one_give_a_count_away_by_differencing_years() -> None:
    tables = years()
    published = [disclose_table(t, "dfe").table for t in tables]
    level = load_profile("dfe").level()
    asian_girls_2023 = tables[0].layout.key(0, 0)
    assert published[0].values[0][0] == "c"
    assert feasible_ranges(published, level)[asian_girls_2023] == (3, 3)


def test_the_same_tables_protected_together_give_nothing_away() -> None:
    tables = years()
    result = disclose_linked(tables, "dfe")
    assert result.tables[0].values[0][0] == "c"
    assert exposed(tables, result.tables) == []


def test_a_cell_shared_by_linked_tables_is_published_the_same_in_each() -> None:
    tables = years()
    result = disclose_linked(tables, "dfe")
    assert_shared_cells_agree(tables, result)


def test_last_years_table_keeps_what_it_showed_and_this_years_work_around_it() -> None:
    tables = years()
    last_year = disclose_table(tables[0], "dfe").table
    result = disclose_linked(tables, "dfe", published_before={tables[0].name: last_year})
    assert result.tables[0].values == last_year.values
    assert exposed(tables, result.tables) == []


def test_two_breakdowns_of_the_same_wards_share_their_ward_totals_safely() -> None:
    wards = ["North", "South", "East"]
    by_sex = with_margins([[2, 25], [18, 21], [30, 27]], wards, ["F", "M"], name="sex.csv",
                          label="ward", column_variable="sex")  # fmt: skip
    by_age = with_margins([[4, 23], [16, 23], [29, 28]], wards, ["Under 14", "14-17"],
                          name="age.csv", label="ward", column_variable="age")  # fmt: skip
    result = disclose_linked([by_sex, by_age], "dfe")
    assert exposed([by_sex, by_age], result.tables) == []
    assert_shared_cells_agree([by_sex, by_age], result)


def test_a_table_that_is_a_subset_of_another_is_suppressed_consistently_with_it() -> None:
    everyone = with_margins([[3, 14], [20, 17], [40, 38]], ETHNICITIES, ["F", "M"],
                            name="all.csv", label="ethnicity", column_variable="sex")  # fmt: skip
    girls = CountTable.from_rows(
        "girls.csv", ["ethnicity"], ["F"],
        [(("Asian",), (3,)), (("Black",), (20,)), (("White",), (40,)), (("Total",), (63,))],
        column_variable="sex",
    )  # fmt: skip
    result = disclose_linked([everyone, girls], "dfe")
    assert [row[0] for row in result.tables[1].values] == [
        row[0] for row in result.tables[0].values
    ]
    assert exposed([everyone, girls], result.tables) == []


def test_a_coarser_age_band_cannot_be_used_to_difference_a_finer_one() -> None:
    hierarchy = {"age": {"Under 16": ["0-12", "13-15"]}}
    fine = with_margins([[2, 25, 15], [14, 27, 17]], ["North", "South"],
                        ["0-12", "13-15", "16-17"], name="fine.csv", label="ward",
                        column_variable="age")  # fmt: skip
    coarse = with_margins([[27, 15], [41, 17]], ["North", "South"], ["Under 16", "16-17"],
                          name="coarse.csv", label="ward", column_variable="age")  # fmt: skip
    alone = [disclose_table(fine, "dfe").table, disclose_table(coarse, "dfe").table]
    assert exposed([fine, coarse], alone, hierarchies=hierarchy) != []
    result = disclose_linked([fine, coarse], "dfe", hierarchies=hierarchy)
    assert exposed([fine, coarse], result.tables, hierarchies=hierarchy) == []


def assert_shared_cells_agree(tables: Sequence[CountTable], result: DisclosureResult) -> None:
    seen: dict[object, str] = {}
    for table, published in zip(tables, result.tables, strict=True):
        for row, column in table.layout.positions():
            key = table.layout.key(row, column)
            text = published.values[row][column]
            assert seen.setdefault(key, text) == text, key
