from __future__ import annotations

import numpy as np

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
