"""Calibration: make "0.9" mean that nine in ten such pairs are the same person.

A Fellegi-Sunter model adds up evidence as if fields were independent; they are not
(siblings share surname and address, a mistyped record is mistyped in several fields),
so its raw probabilities are over- or under-confident. We measure that on a synthetic
borough whose true persons are known and, when needed, store a monotone mapping from
match weight to probability with the model:

1. score the blocked pairs of a synthetic borough with the trained model;
2. cut them into bins of equal match-weight width (half a bit);
3. fit isotonic regression (pool-adjacent-violators) of "same true person" on the bins;
4. store the bin weights and fitted probabilities; a new weight is interpolated.

`reliability_table` gives the reliability diagram (predicted vs observed by bin) used to
decide whether calibration is needed and to check it afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["Calibration", "fit_isotonic_calibration", "reliability_table"]

FloatArray = npt.NDArray[np.float64]
_EPSILON = 1e-6


@dataclass(frozen=True, slots=True)
class Calibration:
    """A monotone map from match weight to calibrated match probability."""

    weights: tuple[float, ...]
    probabilities: tuple[float, ...]
    pairs_used: int = 0

    def probability(self, weights: npt.ArrayLike) -> FloatArray:
        """Calibrated probabilities for match weights (flat beyond the fitted range)."""
        values = np.asarray(weights, dtype=np.float64)
        return np.interp(values, self.weights, self.probabilities)

    def weight_for_probability(self, probability: float) -> float:
        """The smallest match weight whose calibrated probability reaches `probability`."""
        probabilities = np.asarray(self.probabilities)
        reached = np.nonzero(probabilities >= probability)[0]
        if reached.size == 0:
            return float("inf")
        index = int(reached[0])
        if index == 0:
            return float("-inf")
        return _interpolate_weight(self, index, probability)

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": "isotonic",
            "weights": list(self.weights),
            "probabilities": list(self.probabilities),
            "pairs_used": self.pairs_used,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Calibration:
        weights = tuple(float(w) for w in data["weights"])
        probabilities = tuple(float(p) for p in data["probabilities"])
        if len(weights) != len(probabilities) or len(weights) < 2:
            raise ValueError("calibration needs matching weights and probabilities")
        return cls(weights, probabilities, int(data.get("pairs_used", 0)))


def _interpolate_weight(calibration: Calibration, index: int, probability: float) -> float:
    w0, w1 = calibration.weights[index - 1], calibration.weights[index]
    p0, p1 = calibration.probabilities[index - 1], calibration.probabilities[index]
    if p1 - p0 < _EPSILON:
        return w1
    return w0 + (w1 - w0) * (probability - p0) / (p1 - p0)


def _pool_adjacent_violators(means: FloatArray, counts: FloatArray) -> FloatArray:
    """Weighted isotonic (non-decreasing) fit of `means`."""
    blocks: list[list[float]] = []  # [mean, count, number of bins]
    for mean, count in zip(means, counts, strict=True):
        blocks.append([float(mean), float(count), 1.0])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            upper, lower = blocks.pop(), blocks.pop()
            total = upper[1] + lower[1]
            merged = (upper[0] * upper[1] + lower[0] * lower[1]) / total
            blocks.append([merged, total, upper[2] + lower[2]])
    return np.concatenate([np.full(int(b[2]), b[0]) for b in blocks])


def _binned(weights: FloatArray, labels: FloatArray, width: float) -> tuple[FloatArray, ...]:
    """Bins of equal match-weight width: mean weight, match rate and count of each."""
    keys = np.floor(weights / width)
    _, bin_of, counts = np.unique(keys, return_inverse=True, return_counts=True)
    centres = np.bincount(bin_of, weights=weights) / counts
    means = np.bincount(bin_of, weights=labels) / counts
    return centres, means, counts.astype(np.float64)


def fit_isotonic_calibration(
    weights: npt.ArrayLike, is_match: npt.ArrayLike, bin_width: float = 0.5
) -> Calibration:
    """Fit the weight -> probability map on scored pairs with known truth."""
    weight_values = np.asarray(weights, dtype=np.float64)
    labels = np.asarray(is_match, dtype=np.float64)
    if weight_values.size < 2:
        raise ValueError("calibration needs at least two scored pairs")
    centres, means, counts = _binned(weight_values, labels, bin_width)
    fitted = np.clip(_pool_adjacent_violators(means, counts), _EPSILON, 1 - _EPSILON)
    return Calibration(
        tuple(float(w) for w in centres),
        tuple(float(p) for p in fitted),
        int(weight_values.size),
    )


def reliability_table(
    probabilities: npt.ArrayLike, is_match: npt.ArrayLike, bins: int = 10
) -> list[dict[str, float]]:
    """Predicted vs observed match rate in equal-width probability bins."""
    predicted = np.asarray(probabilities, dtype=np.float64)
    labels = np.asarray(is_match, dtype=np.float64)
    edges = np.linspace(0.0, 1.0, bins + 1)
    rows = []
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        inside = (predicted >= low) & ((predicted < high) | (high == 1.0))
        if inside.any():
            rows.append({
                "from": float(low), "to": float(high), "pairs": float(inside.sum()),
                "predicted": float(predicted[inside].mean()),
                "observed": float(labels[inside].mean()),
            })  # fmt: skip
    return rows
