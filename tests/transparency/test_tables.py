"""Items → tables: every category present, margins that add up, cells that link tables."""

from __future__ import annotations

from joinedup.disclosure import find_relations
from joinedup.transparency import count_tables, load_figures


def items() -> list[dict[str, str]]:
    girl = {"sex": "Female", "age_band": "13 to 15", "ethnic_group": "White"}
    boy = {"sex": "Male", "age_band": "16 to 17", "ethnic_group": "Not stated"}
    return [girl, girl, boy]


def test_every_category_is_a_row_even_at_zero_with_a_total() -> None:
    figures = load_figures()
    by_sex = count_tables(figures, figures.figure("referrals"), "2024-25", items())[0]
    assert by_sex.name == "referrals 2024-25 by-sex"
    assert [labels for labels in by_sex.layout.row_labels] == [
        ("Female",),
        ("Male",),
        ("Indeterminate",),
        ("Not known",),
        ("Total",),
    ]
    assert by_sex.counts == ((2,), (1,), (0,), (0,), (3,))


def test_the_cross_table_shares_its_margins_with_the_one_way_tables() -> None:
    figures = load_figures()
    tables = count_tables(figures, figures.figure("referrals"), "2024-25", items())
    by_sex, cross = tables[0], tables[3]
    female = by_sex.layout.key(0, 0)
    row = cross.layout.row_labels.index(("Female", "Total"))
    assert cross.layout.key(row, 0) == female
    keys = {t.layout.key(r, c) for t in tables for r, c in t.layout.positions()}
    relations = find_relations(keys)
    assert any(r.total == female and r.variable == "ethnic_group" for r in relations)


def test_completeness_tables_break_the_columns_down_with_a_total_column() -> None:
    figures = load_figures()
    victim = {"role": "Victim", "age_recording": "Recorded", "sex_recording": "Recorded",
              "ethnicity_recording": "Not stated"}  # fmt: skip
    suspect = {**victim, "role": "Alleged perpetrator", "ethnicity_recording": "Not known"}
    tables = count_tables(figures, figures.figure("core_data_set"), "2024-25", [victim, suspect])
    ethnicity = tables[2]
    assert ethnicity.layout.count_columns == ("Recorded", "Not stated", "Not known", "Total")
    assert ethnicity.counts == ((0, 1, 0, 1), (0, 0, 1, 1))
    # a person named as both victim and suspect is in both rows: no Total row to add them
    assert ("Total",) not in ethnicity.layout.row_labels
    # the Total column is one cell across the three recording tables
    assert tables[0].layout.key(0, 2) == ethnicity.layout.key(0, 3)
