"""Calibration: make "0.9" mean that nine in ten such pairs are the same person.

A Fellegi-Sunter model adds up evidence as if fields were independent; they are not
(siblings share surname and address, a mistyped record is mistyped in several fields),
so its raw probabilities are over- or under-confident. We measure that on synthetic
boroughs whose true persons are known and store with the model a monotone map from
match weight to probability:

1. score the blocked pairs of one or more synthetic boroughs with the trained model;
2. take each pair's *evidence*: its match weight less the prior (log2 odds) of the table
   it was scored in, and cut the evidence into bins of half a bit;
3. in each bin, find the log2 likelihood ratio h that best explains the share of true
   matches given each table's prior (P = 1 / (1 + 2^-(h + prior))), and make h
   non-decreasing in the evidence (pool-adjacent-violators, pooled bins re-solved);
4. store the map as match weight -> probability at a reference prior (the pairs'
   average), with that prior.

Step 2 matters because the prior is rescaled to each table's size (`model.prior_for`):
the model over-counts evidence, so at a given match weight a borough of 100,000 records
has fewer true matches than one of 30,000; mapping weights alone, fitted at one size, was
off by 0.1-0.2 at the other. A table of another size is mapped by shifting its weights to
the reference prior and the probability back (`Calibration.probability(weights,
prior_log_odds)`); without `prior_log_odds` the map is applied as stored (right for a
table of the reference size).

`reliability_table` gives the reliability diagram (predicted vs observed by bin) used to
decide whether calibration is needed and to check it afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "Calibration",
    "fit_isotonic_calibration",
    "log_odds",
    "reliability_table",
]

FloatArray = npt.NDArray[np.float64]
_EPSILON = 1e-6
_MOST_BITS = 40.0


def log_odds(probability: float) -> float:
    """log2(p / (1 - p)): a prior as a match weight."""
    return float(np.log2(probability / (1.0 - probability)))


def _sigmoid(bits: npt.ArrayLike) -> FloatArray:
    return np.asarray(1.0 / (1.0 + np.exp2(-np.asarray(bits, dtype=np.float64))))


def _logit(probability: npt.ArrayLike) -> FloatArray:
    p = np.clip(np.asarray(probability, dtype=np.float64), _EPSILON, 1 - _EPSILON)
    return np.asarray(np.log2(p / (1 - p)))


@dataclass(frozen=True, slots=True)
class Calibration:
    """A monotone map from match weight to calibrated match probability, for tables whose
    prior log2 odds is `prior_log_odds` (None: a map fitted without priors, applied as is).
    """

    weights: tuple[float, ...]
    probabilities: tuple[float, ...]
    pairs_used: int = 0
    prior_log_odds: float | None = None

    def probability(
        self, weights: npt.ArrayLike, prior_log_odds: float | None = None
    ) -> FloatArray:
        """Calibrated probabilities for match weights scored with a prior of
        `prior_log_odds` (flat beyond the fitted range)."""
        values = np.asarray(weights, dtype=np.float64)
        shift = self._shift(prior_log_odds)
        at_reference = np.interp(values - shift, self.weights, self.probabilities)
        if shift == 0.0:
            return np.asarray(at_reference)
        return _sigmoid(_logit(at_reference) + shift)

    def weight_for_probability(
        self, probability: float, prior_log_odds: float | None = None
    ) -> float:
        """The smallest match weight whose calibrated probability reaches `probability`."""
        shift = self._shift(prior_log_odds)
        target = probability if shift == 0.0 else float(_sigmoid(_logit(probability) - shift))
        probabilities = np.asarray(self.probabilities)
        reached = np.nonzero(probabilities >= target - _EPSILON * 1e-3)[0]
        if reached.size == 0:
            return float("inf")
        index = int(reached[0])
        if index == 0:
            return float("-inf")
        return _interpolate_weight(self, index, target) + shift

    def _shift(self, prior_log_odds: float | None) -> float:
        if prior_log_odds is None or self.prior_log_odds is None:
            return 0.0
        return float(prior_log_odds - self.prior_log_odds)

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": "isotonic",
            "weights": list(self.weights),
            "probabilities": list(self.probabilities),
            "pairs_used": self.pairs_used,
            "prior_log_odds": self.prior_log_odds,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Calibration:
        weights = tuple(float(w) for w in data["weights"])
        probabilities = tuple(float(p) for p in data["probabilities"])
        if len(weights) != len(probabilities) or len(weights) < 2:
            raise ValueError("calibration needs matching weights and probabilities")
        prior = data.get("prior_log_odds")
        return cls(
            weights, probabilities, int(data.get("pairs_used", 0)),
            None if prior is None else float(prior),
        )  # fmt: skip


def _interpolate_weight(calibration: Calibration, index: int, probability: float) -> float:
    w0, w1 = calibration.weights[index - 1], calibration.weights[index]
    p0, p1 = calibration.probabilities[index - 1], calibration.probabilities[index]
    if p1 - p0 < _EPSILON:
        return w1
    return w0 + (w1 - w0) * (probability - p0) / (p1 - p0)


class _Bin:
    """Pairs pooled for one likelihood ratio: the evidence-bin centres pooled, and per
    prior how many pairs and how many true matches."""

    def __init__(self, centres: list[float], stats: dict[float, tuple[float, float]]) -> None:
        self.centres, self.stats = centres, stats
        self.ratio = _solve_log_likelihood_ratio(stats)

    def merged(self, other: _Bin) -> _Bin:
        stats = dict(self.stats)
        for prior, (pairs, matches) in other.stats.items():
            have = stats.get(prior, (0.0, 0.0))
            stats[prior] = (have[0] + pairs, have[1] + matches)
        return _Bin(self.centres + other.centres, stats)


def _solve_log_likelihood_ratio(stats: dict[float, tuple[float, float]]) -> float:
    """h with sum over priors of pairs * P(match | h + prior) = matches (bisection)."""
    matches = sum(m for _, m in stats.values())
    low, high = -_MOST_BITS, _MOST_BITS
    for _ in range(60):
        middle = (low + high) / 2
        expected = sum(n * float(_sigmoid(middle + prior)) for prior, (n, _) in stats.items())
        low, high = (middle, high) if expected < matches else (low, middle)
    return (low + high) / 2


def _pool_adjacent_violators(bins: list[_Bin]) -> list[_Bin]:
    """Merge neighbouring bins until the likelihood ratios never decrease."""
    blocks: list[_Bin] = []
    for item in bins:
        blocks.append(item)
        while len(blocks) > 1 and blocks[-2].ratio > blocks[-1].ratio:
            upper, lower = blocks.pop(), blocks.pop()
            blocks.append(lower.merged(upper))
    return blocks


def _bins(evidence: FloatArray, labels: FloatArray, priors: FloatArray, width: float) -> list[_Bin]:
    keys = np.floor(evidence / width)
    found = []
    for key in np.unique(keys):
        inside = keys == key
        stats = {
            float(prior): (float(np.sum(inside & (priors == prior))),
                           float(np.sum(labels[inside & (priors == prior)])))
            for prior in np.unique(priors[inside])
        }  # fmt: skip
        found.append(_Bin([float(evidence[inside].mean())], stats))
    return found


def fit_isotonic_calibration(
    weights: npt.ArrayLike,
    is_match: npt.ArrayLike,
    bin_width: float = 0.5,
    prior_log_odds: npt.ArrayLike | None = None,
) -> Calibration:
    """Fit the weight -> probability map on scored pairs with known truth.

    `prior_log_odds`: the prior (log2 odds) each pair was scored with, one value or one
    per pair (pairs from tables of several sizes); None fits weights alone.
    """
    weight_values = np.asarray(weights, dtype=np.float64)
    labels = np.asarray(is_match, dtype=np.float64)
    if weight_values.size < 2:
        raise ValueError("calibration needs at least two scored pairs")
    given = prior_log_odds is not None
    priors = np.broadcast_to(
        np.asarray(prior_log_odds if given else 0.0, dtype=np.float64), weight_values.shape
    )
    reference = float(priors.mean()) if given else 0.0
    pooled = _pool_adjacent_violators(_bins(weight_values - priors, labels, priors, bin_width))
    centres = [centre + reference for block in pooled for centre in block.centres]
    fitted = [float(_sigmoid(block.ratio + reference)) for block in pooled for _ in block.centres]
    return Calibration(
        tuple(centres), tuple(float(p) for p in np.clip(fitted, _EPSILON, 1 - _EPSILON)),
        int(weight_values.size), reference if given else None,
    )  # fmt: skip


def reliability_table(
    probabilities: npt.ArrayLike, is_match: npt.ArrayLike, bins: int = 10
) -> list[dict[str, float]]:
    """Predicted vs observed match rate in equal-width probability bins, with the
    standard error of the observed rate were the predictions right."""
    predicted = np.asarray(probabilities, dtype=np.float64)
    labels = np.asarray(is_match, dtype=np.float64)
    edges = np.linspace(0.0, 1.0, bins + 1)
    rows = []
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        inside = (predicted >= low) & ((predicted < high) | (high == 1.0))
        if inside.any():
            mean = float(predicted[inside].mean())
            spread = (
                float(np.sqrt(np.sum(predicted[inside] * (1 - predicted[inside])))) / inside.sum()
            )
            rows.append({
                "from": float(low), "to": float(high), "pairs": float(inside.sum()),
                "predicted": mean, "observed": float(labels[inside].mean()),
                "standard_error": spread,
            })  # fmt: skip
    return rows
