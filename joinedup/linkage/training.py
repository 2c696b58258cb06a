"""Train the person model without labels, then calibrate it on synthetic ground truth.

Unsupervised training, in Splink's recommended order:

1. the prior (probability two random records match) from deterministic rules that admit
   almost no false matches, divided by their assumed recall
   (`blocking.DETERMINISTIC_RULES_RECALL`);
2. u probabilities (how often fields agree by chance) from random pairs, in one pass
   (`random_pairs.py`; 50 pairs per record, from 500,000 to 5 million);
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
from splink import Linker, SettingsCreator

from joinedup.linkage.blocking import (
    DETERMINISTIC_RULES_RECALL,
    deterministic_rules,
    training_rules,
)
from joinedup.linkage.calibration import fit_isotonic_calibration, log_odds
from joinedup.linkage.comparisons import OPTIONAL_COMPARISONS
from joinedup.linkage.model import LinkageModel
from joinedup.linkage.random_pairs import estimate_u_from_random_pairs
from joinedup.linkage.scoring import blocked_pairs_in_session
from joinedup.linkage.session import LINKABLE_TABLE, LinkageSession
from joinedup.linkage.settings import LinkType, person_settings

__all__ = [
    "random_pairs_for_u",
    "calibrate_model",
    "optional_columns_present",
    "train_in_session",
    "train_model",
]

U_PAIRS_PER_RECORD = 50
U_PAIRS_RANGE = (5e5, 5e6)
"""Random pairs sampled for u by default: 50 per record, at least 500,000 (half Splink's
default) and at most 5 million. A level no sampled pair reaches gets u = 1 / pairs
(`random_pairs.py`), so rare levels (transposed names, about 1e-7) are weighed right only
in a sample that grows with the data; FEBRL4's 10,000 records need no more than 500,000."""


def random_pairs_for_u(record_count: int) -> float:
    """How many random pairs `train_model` samples for u from `record_count` records."""
    low, high = U_PAIRS_RANGE
    return min(max(U_PAIRS_PER_RECORD * record_count, low), high)


def train_model(
    records: pa.Table,
    *,
    seed: int = 42,
    u_max_pairs: float | None = None,
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
    with LinkageSession(records, memory_limit=memory_limit) as session:
        return train_in_session(
            session, optional_columns_present(records), seed=seed, u_max_pairs=u_max_pairs,
            em_max_pairs=em_max_pairs, description=description, link_type=link_type,
        )  # fmt: skip


def train_in_session(
    session: LinkageSession,
    optional_columns: Sequence[str] = (),
    *,
    seed: int = 42,
    u_max_pairs: float | None = None,
    em_max_pairs: float | None = 5e6,
    description: str = "",
    link_type: LinkType = "dedupe_only",
) -> LinkageModel:
    """Like `train_model`, on the records of an open session (which can then score them)."""
    untrained = person_settings(link_type, optional_columns)
    pairs = u_max_pairs or random_pairs_for_u(session.linkable_count)
    linker = session.linker(_settings_with_u(session, untrained, seed, pairs))
    _estimate_prior_and_m(linker, em_max_pairs)
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


def _settings_with_u(
    session: LinkageSession, untrained: SettingsCreator, seed: int, max_pairs: float
) -> dict[str, Any]:
    """The untrained settings with u estimated from random pairs (`random_pairs.py`)."""
    settings = session.linker(untrained).misc.save_model_to_json()
    return estimate_u_from_random_pairs(session.con, LINKABLE_TABLE, settings, max_pairs, seed)


def _estimate_prior_and_m(linker: Linker, em_max_pairs: float | None) -> None:
    training = linker.training
    training.estimate_probability_two_random_records_match(
        list(deterministic_rules()), recall=DETERMINISTIC_RULES_RECALL
    )
    for rule in training_rules():
        training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True, max_pairs=em_max_pairs
        )


def calibrate_model(
    model: LinkageModel, records: pa.Table | Sequence[pa.Table], truth_column: str
) -> LinkageModel:
    """Fit the weight -> probability map on `records` (one table or several, e.g. boroughs
    of different sizes, pooled), whose `truth_column` names the true person of each
    record, and return the model with it (`calibration.py`)."""
    tables = [records] if isinstance(records, pa.Table) else list(records)
    weights, labels, priors = [], [], []
    for table in tables:
        table_weights, table_labels, prior = _labelled_weights(model, table, truth_column)
        weights.append(table_weights)
        labels.append(table_labels)
        priors.append(np.full(table_weights.size, prior))
    fitted = fit_isotonic_calibration(
        np.concatenate(weights), np.concatenate(labels), prior_log_odds=np.concatenate(priors)
    )
    return model.with_calibration(fitted)


def _labelled_weights(
    model: LinkageModel, records: pa.Table, truth_column: str
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_], float]:
    """Match weight and "same true person" of every blocked pair of `records`, and the
    prior (log2 odds) they were scored with."""
    with LinkageSession(records) as session:
        pairs = blocked_pairs_in_session(session, model, minimum_weight=-30.0)
        prior = log_odds(model.prior_for(session.linkable_count))
    ids = records.column("record_id").cast(pa.string()).combine_chunks()
    persons: Any = records.column(truth_column).cast(pa.string()).combine_chunks()
    codes = np.asarray(persons.dictionary_encode().indices.fill_null(-1).to_numpy())
    left = _positions(pairs.column("record_id_l"), ids)
    right = _positions(pairs.column("record_id_r"), ids)
    same = (codes[left] == codes[right]) & (codes[left] >= 0)
    weights = np.asarray(pairs.column("match_weight").to_numpy(), dtype=np.float64)
    return weights, np.asarray(same, dtype=np.bool_), prior


def _positions(values: pa.ChunkedArray[Any], ids: pa.Array[Any]) -> npt.NDArray[np.int64]:
    return np.asarray(pc.index_in(values, value_set=ids).to_numpy(), dtype=np.int64)
