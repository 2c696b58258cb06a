from __future__ import annotations

import numpy as np
import pytest

from joinedup.linkage.calibration import fit_isotonic_calibration, reliability_table


def test_isotonic_fit_is_monotone_and_calibrated() -> None:
    rng = np.random.default_rng(1)
    weights = rng.uniform(-15, 15, 20_000)
    truth = rng.uniform(size=weights.size) < 1 / (1 + 2.0 ** (-(weights - 3)))
    calibration = fit_isotonic_calibration(weights, truth)
    assert np.all(np.diff(calibration.probabilities) >= 0)
    predicted = calibration.probability(weights)
    for row in reliability_table(predicted, truth):
        if row["pairs"] > 500:
            assert abs(row["predicted"] - row["observed"]) < 0.05


def _pairs(rng: np.random.Generator, prior: float, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs whose true log2 likelihood ratio is 0.7 x their evidence: the model
    over-counts, as a Fellegi-Sunter model with correlated fields does."""
    evidence = rng.uniform(-10, 45, size)
    truth = rng.uniform(size=size) < 1 / (1 + 2.0 ** (-(0.7 * evidence + prior)))
    return evidence + prior, truth


def test_calibration_fitted_at_two_table_sizes_holds_at_a_third() -> None:
    rng = np.random.default_rng(2)
    fitted = [_pairs(rng, prior, 40_000) for prior in (-14.0, -16.0)]
    weights = np.concatenate([w for w, _ in fitted])
    truth = np.concatenate([t for _, t in fitted])
    priors = np.repeat([-14.0, -16.0], 40_000)
    calibration = fit_isotonic_calibration(weights, truth, prior_log_odds=priors)
    check_weights, check_truth = _pairs(rng, -18.0, 40_000)
    predicted = calibration.probability(check_weights, -18.0)
    for row in reliability_table(predicted, check_truth):
        if row["pairs"] > 500:
            assert abs(row["predicted"] - row["observed"]) < 0.05
    weight = calibration.weight_for_probability(0.9, -18.0)
    assert calibration.probability([weight], -18.0)[0] == pytest.approx(0.9, abs=1e-6)
