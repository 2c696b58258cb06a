"""u from random pairs: the share of compared pairs at each level, in one pass."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest

from joinedup.linkage.random_pairs import estimate_u_from_random_pairs, sample_proportion
from joinedup.linkage.session import LINKABLE_TABLE, LinkageSession
from joinedup.linkage.settings import person_settings


def test_sample_proportion_gives_about_the_pairs_asked_for() -> None:
    rows = 2001 * sample_proportion([2001], 5e5)
    assert rows * (rows - 1) / 2 == pytest.approx(5e5, rel=1e-3)
    assert sample_proportion([1000, 1000], 2.5e5) == pytest.approx(0.5)
    assert sample_proportion([10], 1e6) == 1.0


def _levels(settings: dict[str, Any], name: str) -> dict[str, Any]:
    comparison = next(c for c in settings["comparisons"] if c["output_column_name"] == name)
    return {level["label_for_charts"]: level for level in comparison["comparison_levels"]}


def test_u_is_each_levels_share_of_all_pairs_when_all_are_sampled() -> None:
    names = ["Amy", "Amy", "Amy", "Ben", "Ben", "Cara", "Dev", None]
    records = pa.table({
        "record_id": [str(i) for i in range(len(names))], "forenames": names,
        "surname": ["Smith"] * len(names), "dob": ["2001-02-03"] * len(names),
    })  # fmt: skip
    with LinkageSession(records) as session:
        untrained = session.linker(person_settings()).misc.save_model_to_json()
        trained = estimate_u_from_random_pairs(session.con, LINKABLE_TABLE, untrained, 1e6, 1)
    forename = _levels(trained, "forename")
    compared = 7 * 6 / 2  # pairs where both have a forename
    assert forename["exact"]["u_probability"] == pytest.approx(4 / compared)
    assert forename["transposed with surname"]["u_probability"] == pytest.approx(1 / compared)
    household = _levels(trained, "household")
    assert all(level.get("u_probability") in (None, 0.01) for level in household.values())
    assert "u_probability" not in _levels(trained, "nhs_number")["exact"]
