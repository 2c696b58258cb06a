"""The Splink settings of the person model (untrained): comparisons plus blocking rules.

`dedupe_only` over one table of every agency's records: the same agency can hold two
records of one person (a second police nominal), so records are compared within and
across agencies alike. Only the columns needed to explain a score are kept in the
output, which keeps predictions small at a million records.

`link_only` (pairs only across sources, the `source` column) is for benchmarks such as
FEBRL4, where each file is known to hold one record per person.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, Literal

from splink import SettingsCreator

from joinedup.linkage.blocking import prediction_rules
from joinedup.linkage.comparisons import all_comparisons

__all__ = ["SOURCE", "UNIQUE_ID", "LinkType", "person_settings", "settings_with_prior"]

UNIQUE_ID = "record_id"
SOURCE = "source"
LinkType = Literal["dedupe_only", "link_only"]


def person_settings(
    link_type: LinkType = "dedupe_only", optional_columns: Collection[str] = ()
) -> SettingsCreator:
    """The untrained person model (optional comparisons: `comparisons.all_comparisons`)."""
    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name=UNIQUE_ID,
        source_dataset_column_name=SOURCE,
        comparisons=list[Any](all_comparisons(optional_columns)),
        blocking_rules_to_generate_predictions=list[Any](prediction_rules()),
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
        em_convergence=0.001,
        max_iterations=20,
    )


def settings_with_prior(settings: dict[str, Any], prior: float) -> dict[str, Any]:
    """A copy of trained settings with `probability_two_random_records_match` replaced."""
    adjusted = dict(settings)
    adjusted["probability_two_random_records_match"] = prior
    return adjusted
