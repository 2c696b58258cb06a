"""Score pairs of records with a trained model: blocked pairs in, weighted pairs out.

`predict_pairs` is the public entry: every pair the blocking rules bring together whose
calibrated match probability reaches `threshold`, as an Arrow table

    record_id_l, record_id_r, match_probability, match_weight

with record_id_l < record_id_r. `match_weight` is Splink's (log2 Bayes factor including
the prior, rescaled to this table's size); `match_probability` is calibrated when the
model carries a calibration (for this table's prior, `calibration.py`), otherwise
Splink's own.
"""

from __future__ import annotations

import math

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from joinedup.linkage.calibration import log_odds
from joinedup.linkage.model import LinkageModel
from joinedup.linkage.session import LinkageSession
from joinedup.linkage.settings import settings_with_prior

__all__ = [
    "PAIR_SCHEMA",
    "blocked_pairs_in_session",
    "calibrated",
    "pairs_in_session",
    "predict_pairs",
    "prior_log_odds",
    "score_blocked_pairs",
    "weight_for_probability",
]

_TEXT: pa.DataType = pa.string()
_NUMBER: pa.DataType = pa.float64()
PAIR_SCHEMA = pa.schema(
    [
        ("record_id_l", _TEXT),
        ("record_id_r", _TEXT),
        ("match_probability", _NUMBER),
        ("match_weight", _NUMBER),
    ]
)


def prior_log_odds(model: LinkageModel, record_count: int | None) -> float | None:
    """The prior (log2 odds) `model` scores a table of `record_count` linkable records
    with; None when the count is not known (the calibration is then applied as stored)."""
    if record_count is None:
        return None
    return log_odds(model.prior_for(record_count))


def weight_for_probability(
    model: LinkageModel, probability: float, record_count: int | None = None
) -> float:
    """The match weight at which `model` reports `probability` in a table of
    `record_count` linkable records."""
    if model.calibration is not None:
        prior = prior_log_odds(model, record_count)
        return model.calibration.weight_for_probability(probability, prior)
    if probability <= 0.0:
        return float("-inf")
    if probability >= 1.0:
        return float("inf")
    return math.log2(probability / (1.0 - probability))


def score_blocked_pairs(
    records: pa.Table, model: LinkageModel, minimum_weight: float | None = None
) -> pa.Table:
    """Every blocked pair with match weight >= `minimum_weight` (all when None)."""
    with LinkageSession(records) as session:
        return blocked_pairs_in_session(session, model, minimum_weight)


def blocked_pairs_in_session(
    session: LinkageSession, model: LinkageModel, minimum_weight: float | None = None
) -> pa.Table:
    """Like `score_blocked_pairs`, for the records already in `session`."""
    return _score_in_session(session, model, minimum_weight)


def _score_in_session(
    session: LinkageSession, model: LinkageModel, minimum_weight: float | None
) -> pa.Table:
    if session.linkable_count < 2:
        return PAIR_SCHEMA.empty_table()
    prior = model.prior_for(session.linkable_count)
    linker = session.linker(settings_with_prior(model.splink_settings, prior))
    threshold = None if minimum_weight is None or math.isinf(minimum_weight) else minimum_weight
    predictions = linker.inference.predict(threshold_match_weight=threshold, warning_mode="never")
    relation = predictions.as_duckdbpyrelation().select(
        "CAST(record_id_l AS VARCHAR) AS record_id_l, CAST(record_id_r AS VARCHAR) AS record_id_r,"
        " CAST(match_probability AS DOUBLE) AS match_probability,"
        " CAST(match_weight AS DOUBLE) AS match_weight"
    )
    return _ordered(relation.to_arrow_table())


def _ordered(pairs: pa.Table) -> pa.Table:
    """Put the smaller record_id on the left, so every pair has one spelling."""
    left, right = pairs.column("record_id_l"), pairs.column("record_id_r")
    swap = pc.greater(left, right)
    return pa.table(
        {
            "record_id_l": pc.if_else(swap, right, left),
            "record_id_r": pc.if_else(swap, left, right),
            "match_probability": pairs.column("match_probability"),
            "match_weight": pairs.column("match_weight"),
        },
        schema=PAIR_SCHEMA,
    )


def calibrated(pairs: pa.Table, model: LinkageModel, record_count: int | None = None) -> pa.Table:
    """`pairs` (scored in a table of `record_count` linkable records) with
    match_probability replaced by the model's calibrated probability."""
    if model.calibration is None:
        return pairs
    weights = np.asarray(pairs.column("match_weight").to_numpy(), dtype=np.float64)
    weights = np.nan_to_num(weights, nan=-math.inf)
    prior = prior_log_odds(model, record_count)
    probability = pa.array(model.calibration.probability(weights, prior), pa.float64())
    return pairs.set_column(2, "match_probability", probability)


def pairs_in_session(session: LinkageSession, model: LinkageModel, threshold: float) -> pa.Table:
    """Like `predict_pairs`, for the records already in `session`."""
    count = session.linkable_count
    minimum_weight = weight_for_probability(model, threshold, count)
    scored = calibrated(_score_in_session(session, model, minimum_weight), model, count)
    return scored.filter(pc.field("match_probability") >= threshold)


def predict_pairs(records: pa.Table, model: LinkageModel, threshold: float = 0.9) -> pa.Table:
    """Scored pairs whose (calibrated) match probability is at least `threshold`."""
    with LinkageSession(records) as session:
        return pairs_in_session(session, model, threshold)
