"""Optional columns: their comparisons join the model only when the data has them."""

from __future__ import annotations

import pyarrow as pa

from joinedup.linkage.comparisons import all_comparisons
from joinedup.linkage.features import features_table
from joinedup.linkage.training import optional_columns_present


def names(comparisons: list[dict[str, object]]) -> list[object]:
    return [comparison["output_column_name"] for comparison in comparisons]


def test_the_person_model_has_no_address_or_other_id_comparison_by_default() -> None:
    assert not {"address", "other_id"} & set(names(all_comparisons()))


def test_optional_comparisons_are_added_for_columns_present() -> None:
    assert names(all_comparisons(["other_id"]))[-1] == "other_id"
    assert names(all_comparisons(["address", "other_id"]))[-2:] == ["address", "other_id"]


def test_only_optional_columns_holding_a_value_count_as_present() -> None:
    records = pa.table({"record_id": ["1", "2"], "address": [None, None], "other_id": ["9", None]})
    assert optional_columns_present(records) == ["other_id"]


def test_addresses_are_normalised_to_words() -> None:
    records = pa.table({"record_id": ["1"], "address": ["  12, Ann-St.  Kogarah NSW "]})
    row = features_table(records).to_pylist()[0]
    assert row["address"] == "12 ann st kogarah nsw"
    assert row["address_tokens"] == ["12", "ann", "st", "kogarah", "nsw"]


def test_a_transposition_is_weighed_once_by_the_forename_comparison() -> None:
    forename, surname = all_comparisons()[:2]
    labels = [level["label_for_charts"] for level in forename["comparison_levels"]]
    assert "transposed with surname" in labels
    level = next(
        level for level in surname["comparison_levels"]
        if str(level["label_for_charts"]).startswith("transposed")
    )  # fmt: skip
    assert level["fix_m_probability"] and level["m_probability"] == level["u_probability"]
