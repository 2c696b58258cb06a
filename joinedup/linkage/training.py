"""Train the person model without labels, then calibrate it on synthetic ground truth.

Unsupervised training, in Splink's recommended order:

1. the prior (probability two random records match) from deterministic rules that admit
   almost no false matches, divided by their assumed recall
   (`blocking.DETERMINISTIC_RULES_RECALL`);
2. u probabilities (how often fields agree by chance) from random pairs;
3. m probabilities (how often the same person's records agree) by expectation
   maximisation within two blocks, names-agree and date-of-birth-agrees.

Calibration needs truth, so it is fitted on a synthetic borough (`calibrate_model`) and
stored with the model; see `calibration.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
from splink import Linker

from joinedup.linkage.blocking import (
    DETERMINISTIC_RULES_RECALL,
    deterministic_rules,
    training_rules,
)
from joinedup.linkage.calibration import fit_isotonic_calibration
from joinedup.linkage.comparisons import OPTIONAL_COMPARISONS
from joinedup.linkage.model import LinkageModel
from joinedup.linkage.scoring import score_blocked_pairs
from joinedup.linkage.session import LinkageSession
from joinedup.linkage.settings import LinkType, person_settings

__all__ = ["calibrate_model", "optional_columns_present", "train_model"]


def train_model(
    records: pa.Table,
    *,
    seed: int = 42,
    u_max_pairs: float = 2e6,
    em_max_pairs: float | None = 5e6,
    description: str = "",
    link_type: LinkType = "dedupe_only",
    memory_limit: str | None = None,
) -> LinkageModel:
    """Estimate every parameter of the person model from `records` (no labels needed).

    The optional comparisons (address, other identifier) are part of the model only when
    `records` has values in their columns. `link_type="link_only"` compares records of
    different `source`s only.
    """
    optional = optional_columns_present(records)
    with LinkageSession(records, memory_limit=memory_limit) as session:
        linker = session.linker(person_settings(link_type, optional))
        _estimate_parameters(linker, seed, u_max_pairs, em_max_pairs)
        settings = linker.misc.save_model_to_json()
        count = session.linkable_count
    prior = float(settings["probability_two_random_records_match"])
    return LinkageModel(
        splink_settings=settings,
        matches_per_record=prior * (count - 1) / 2.0,
        model_version=f"person-{datetime.now(UTC):%Y%m%d%H%M%S}",
        trained_on={"records": count, "seed": seed, "description": description},
    )


def optional_columns_present(records: pa.Table) -> list[str]:
    """The optional comparison columns of `records` that hold at least one value."""
    return [
        name
        for name in OPTIONAL_COMPARISONS
        if name in records.column_names and records.column(name).null_count < records.num_rows
    ]


def _estimate_parameters(
    linker: Linker, seed: int, u_max_pairs: float, em_max_pairs: float | None
) -> None:
    training = linker.training
    training.estimate_probability_two_random_records_match(
        list(deterministic_rules()), recall=DETERMINISTIC_RULES_RECALL
    )
    training.estimate_u_using_random_sampling(max_pairs=u_max_pairs, seed=seed)
    for rule in training_rules():
        training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True, max_pairs=em_max_pairs
        )


def calibrate_model(
    model: LinkageModel, records: pa.Table | Sequence[pa.Table], truth_column: str
) -> LinkageModel:
    """Fit the weight -> probability map on `records` (one table or several, e.g. boroughs
    of different sizes, pooled), whose `truth_column` names the true person of each
    record, and return the model with it."""
    tables = [records] if isinstance(records, pa.Table) else list(records)
    weights, labels = [], []
    for table in tables:
        table_weights, table_labels = _labelled_weights(model, table, truth_column)
        weights.append(table_weights)
        labels.append(table_labels)
    fitted = fit_isotonic_calibration(np.concatenate(weights), np.concatenate(labels))
    return model.with_calibration(fitted)


def _labelled_weights(
    model: LinkageModel, records: pa.Table, truth_column: str
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Match weight and "same true person" of every blocked pair of `records`."""
    pairs = score_blocked_pairs(records, model, minimum_weight=-30.0)
    ids = records.column("record_id").cast(pa.string()).combine_chunks()
    persons: Any = records.column(truth_column).cast(pa.string()).combine_chunks()
    codes = np.asarray(persons.dictionary_encode().indices.fill_null(-1).to_numpy())
    left = _positions(pairs.column("record_id_l"), ids)
    right = _positions(pairs.column("record_id_r"), ids)
    same = (codes[left] == codes[right]) & (codes[left] >= 0)
    weights = np.asarray(pairs.column("match_weight").to_numpy(), dtype=np.float64)
    return weights, np.asarray(same, dtype=np.bool_)


def _positions(values: pa.ChunkedArray[Any], ids: pa.Array[Any]) -> npt.NDArray[np.int64]:
    return np.asarray(pc.index_in(values, value_set=ids).to_numpy(), dtype=np.int64)
