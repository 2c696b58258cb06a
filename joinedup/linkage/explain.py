"""Why two records were (or were not) linked: the weight each comparison added.

A reviewer deciding whether two records are the same person sees, field by field,
which level of each comparison the pair reached ("nickname or spelling", "day and
month swapped", "different") and the match weight it contributed, so every score is
explainable. The weights come from the same trained Splink model as the batch run,
with the prior of the full run's table size, so they add up to the run's weight.

    frequencies = term_frequency_tables(all_records, model)       # once per run
    explain_pairs(some_records, [("POL:N1", "HLT:P9")], model, len(all_records), frequencies)

Term-frequency adjustments (a rare surname counts for more than "Smith") must come
from the whole index, not from the few records being explained, so the frequencies
are computed once over every record and registered with the small session.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from joinedup.linkage.model import LinkageModel
from joinedup.linkage.scoring import calibrated
from joinedup.linkage.session import LinkageSession
from joinedup.linkage.settings import settings_with_prior

__all__ = [
    "FieldWeight",
    "PairExplanation",
    "explain_pairs",
    "term_frequency_tables",
    "tf_columns",
]


@dataclass(frozen=True, slots=True)
class FieldWeight:
    """One comparison's contribution to a pair's score."""

    comparison: str
    level: str
    match_weight: float

    def to_dict(self) -> dict[str, Any]:
        return {"comparison": self.comparison, "level": self.level,
                "match_weight": round(self.match_weight, 3)}  # fmt: skip


@dataclass(frozen=True, slots=True)
class PairExplanation:
    record_id_l: str
    record_id_r: str
    match_probability: float
    match_weight: float
    prior_weight: float
    fields: tuple[FieldWeight, ...]


def tf_columns(model: LinkageModel) -> list[str]:
    """The feature columns whose term frequencies adjust the model's weights."""
    columns = {
        str(level["tf_adjustment_column"])
        for comparison in model.splink_settings["comparisons"]
        for level in comparison["comparison_levels"]
        if level.get("tf_adjustment_column")
    }
    return sorted(columns)


def term_frequency_tables(records: pa.Table, model: LinkageModel) -> dict[str, pa.Table]:
    """For each term-frequency column: value -> share of the linkable records having it."""
    tables = {}
    with LinkageSession(records) as session:
        for column in tf_columns(model):
            tables[column] = session.con.sql(
                f"SELECT {column}, count(*) / sum(count(*)) OVER () AS tf_{column} "
                f"FROM joinedup_linkable WHERE {column} IS NOT NULL GROUP BY {column}"
            ).to_arrow_table()
    return tables


def explain_pairs(
    records: pa.Table,
    pairs: Iterable[tuple[str, str]],
    model: LinkageModel,
    record_count: int,
    frequencies: dict[str, pa.Table],
) -> dict[tuple[str, str], PairExplanation]:
    """Field-by-field explanations of `pairs` (record_id pairs, any order) among `records`."""
    wanted = {tuple(sorted(pair)) for pair in pairs}
    if not wanted:
        return {}
    settings = _explaining_settings(model, record_count)
    with LinkageSession(records) as session:
        if session.linkable_count < 2:
            return {}
        linker = session.linker(settings)
        for column, table in frequencies.items():
            registered = session.db_api.register(table)
            linker.table_management.register_term_frequency_lookup(registered, column)
        predictions = linker.inference.predict(warning_mode="never")
        rows = predictions.as_duckdbpyrelation().to_arrow_table().to_pylist()
    levels = _level_labels(settings)
    found = {}
    for row in rows:
        key = tuple(sorted((str(row["record_id_l"]), str(row["record_id_r"]))))
        if key in wanted:
            found[key] = _explanation(key, row, levels, settings, model, record_count)
    return found  # type: ignore[return-value]


def _explaining_settings(model: LinkageModel, record_count: int) -> dict[str, Any]:
    settings = settings_with_prior(model.splink_settings, model.prior_for(record_count))
    settings["retain_intermediate_calculation_columns"] = True
    return settings


def _level_labels(settings: dict[str, Any]) -> dict[str, dict[float, str]]:
    """comparison name -> the level's match weight -> its label.

    Splink 5 reports each comparison's weight (`mw_<name>`), not the level reached,
    so the level is found by the weight the trained model gives it.
    """
    labels: dict[str, dict[float, str]] = {}
    for comparison in settings["comparisons"]:
        by_weight: dict[float, str] = {}
        for level in comparison["comparison_levels"]:
            label = str(level.get("label_for_charts", ""))
            by_weight.setdefault(round(_level_weight(level), 6), label)
        labels[comparison["output_column_name"]] = by_weight
    return labels


def _level_weight(level: dict[str, Any]) -> float:
    if level.get("is_null_level"):
        return 0.0
    m, u = level.get("m_probability"), level.get("u_probability")
    if level.get("fix_m_probability") is None and (not m or not u):
        return 0.0
    return math.log2(float(m) / float(u)) if m and u else 0.0


def _explanation(key: tuple[str, ...], row: dict[str, Any], levels: dict[str, dict[float, str]],
                 settings: dict[str, Any], model: LinkageModel,
                 record_count: int) -> PairExplanation:  # fmt: skip
    fields = []
    for name, labels in levels.items():
        level_weight = float(row.get(f"mw_{name}") or 0.0)
        adjustment = float(row.get(f"mw_tf_adj_{name}") or 0.0)
        label = labels.get(round(level_weight, 6), "another level")
        if label == "null":
            label = "not recorded on one or both"
        fields.append(FieldWeight(name, label, level_weight + adjustment))
    prior = settings["probability_two_random_records_match"]
    pair = pa.table({"record_id_l": [key[0]], "record_id_r": [key[1]],
                     "match_probability": [float(row["match_probability"])],
                     "match_weight": [float(row["match_weight"])]})  # fmt: skip
    probability = calibrated(pair, model, record_count).column("match_probability")[0].as_py()
    return PairExplanation(key[0], key[1], float(probability), float(row["match_weight"]),
                           math.log2(prior / (1 - prior)), tuple(fields))  # fmt: skip
