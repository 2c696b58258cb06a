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

from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.compute as pc
from splink import Linker

from joinedup.linkage.blocking import (
    DETERMINISTIC_RULES_RECALL,
    deterministic_rules,
    training_rules,
)
from joinedup.linkage.calibration import fit_isotonic_calibration
from joinedup.linkage.model import LinkageModel
from joinedup.linkage.scoring import score_blocked_pairs
from joinedup.linkage.session import LinkageSession
from joinedup.linkage.settings import person_settings

__all__ = ["calibrate_model", "train_model"]


def train_model(
    records: pa.Table,
    *,
    seed: int = 42,
    u_max_pairs: float = 2e6,
    em_max_pairs: float | None = 5e6,
    description: str = "",
) -> LinkageModel:
    """Estimate every parameter of the person model from `records` (no labels needed)."""
    with LinkageSession(records) as session:
        linker = session.linker(person_settings())
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


def calibrate_model(model: LinkageModel, records: pa.Table, truth_column: str) -> LinkageModel:
    """Fit the weight -> probability map on `records`, whose `truth_column` names the
    true person of each record, and return the model with it."""
    pairs = score_blocked_pairs(records, model, minimum_weight=-30.0)
    truth = dict(
        zip(
            records.column("record_id").to_pylist(),
            records.column(truth_column).to_pylist(),
            strict=True,
        )
    )
    left = [truth.get(r) for r in pairs.column("record_id_l").to_pylist()]
    right = [truth.get(r) for r in pairs.column("record_id_r").to_pylist()]
    is_match = [a is not None and a == b for a, b in zip(left, right, strict=True)]
    weights = pc.cast(pairs.column("match_weight"), pa.float64()).to_numpy()
    return model.with_calibration(fit_isotonic_calibration(weights, is_match))
