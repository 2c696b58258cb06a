"""Secondary suppression: the cheapest extra cells to suppress so that no primary-suppressed
cell can be worked out, exactly or within its protection margin, from what is published.

The method is Fischetti and Salazar-González's (2000) cut generation, solved by HiGHS
through `scipy.optimize`:

- The *master* problem is a 0/1 programme (`milp`): choose cells to suppress (the primaries
  must be), at least cost (a cell's count plus one: the total suppressed, then the number).
- The *attacker* knows every relation (a total is the sum of its parts), the range behind
  every published figure (exact, or its rounding range) and that a suppressed cell is 0 or
  more. For each primary cell i with count a, the attacker's linear programme (`linprog`)
  finds the largest and smallest value i could take. Protection needs the largest to be at
  least a + p and the smallest at most a - min(p, a), p being the level's `protection`.
- When the attacker wins, the dual of its programme gives a linear inequality in the
  suppression choices that every protecting choice satisfies (a Benders cut); it is added
  to the master and the master solved again, until the attacker loses everywhere.
- Finally the attacker is allowed whole numbers (`milp`). Where that narrows a cell below
  the margin, a no-good cut ("suppress at least one more cell") is added and the loop goes on.
  Protection only grows as cells are suppressed, so that cut never removes a safe choice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from joinedup.disclosure.cells import relation_matrix
from joinedup.disclosure.errors import SuppressionFailed

__all__ = ["SuppressionProblem", "choose_suppressed_cells"]

TOLERANCE = 1e-6
MAX_ROUNDS = 2_000


@dataclass(frozen=True)
class SuppressionProblem:
    """Cells by index: their counts, the attacker's range for each if published, the
    relations as (total, parts), which cells are primary, and cells pinned either way."""

    counts: Sequence[int]
    published_ranges: Sequence[tuple[int, int]]
    relations: Sequence[tuple[int, Sequence[int]]]
    primary: Sequence[int]
    protection: int
    pinned: Mapping[int, bool] = field(default_factory=dict)


def choose_suppressed_cells(problem: SuppressionProblem, time_limit: float = 120.0) -> set[int]:
    """The cells to suppress: every primary and the cheapest protecting secondaries."""
    solver = _Solver(problem, time_limit)
    for _ in range(MAX_ROUNDS):
        chosen = solver.master()
        cuts = solver.linear_attacks(chosen)
        if not cuts:
            cuts = solver.whole_number_attacks(chosen)
        if not cuts:
            return {int(j) for j in np.flatnonzero(chosen)}
        solver.cuts.extend(cuts)
    raise SuppressionFailed(f"secondary suppression did not settle in {MAX_ROUNDS} rounds")


Cut = tuple[NDArray[np.float64], float]  # coefficients · y >= right-hand side


class _Solver:
    def __init__(self, problem: SuppressionProblem, time_limit: float) -> None:
        self.problem = problem
        self.time_limit = time_limit
        a = np.asarray(problem.counts, dtype=np.float64)
        self.a = a
        self.n = len(a)
        big = 2.0 * float(a.max(initial=0.0)) + 10.0 * problem.protection + 100.0
        published = np.asarray(problem.published_ranges, dtype=np.float64).reshape(-1, 2)
        self.low0, self.high0 = published[:, 0] - a, published[:, 1] - a  # deviations, shown
        self.low1, self.high1 = -a, big - a  # deviations, suppressed
        self.equalities = relation_matrix(problem.relations, self.n)
        linked = {j for total, parts in problem.relations for j in (total, *parts)}
        self.attacked = [i for i in problem.primary if i in linked]
        self.cost = a + 1.0
        self.cuts: list[Cut] = []
        self.fractional: list[tuple[int, int]] = []

    def requirement(self, cell: int, direction: int) -> float:
        p = float(self.problem.protection)
        return p if direction > 0 else min(p, float(self.a[cell]))

    def master(self) -> NDArray[np.float64]:
        lower, upper = np.zeros(self.n), np.ones(self.n)
        lower[list(self.problem.primary)] = 1.0
        for cell, suppressed in self.problem.pinned.items():
            lower[cell] = upper[cell] = 1.0 if suppressed else 0.0
        if (lower > upper).any():
            raise SuppressionFailed("a primary cell is pinned as published")
        if not self.cuts:
            return lower
        matrix = np.vstack([c for c, _ in self.cuts])
        needed = np.array([r for _, r in self.cuts])
        found = milp(
            self.cost,
            integrality=np.ones(self.n),
            bounds=Bounds(lower, upper),
            constraints=LinearConstraint(matrix, needed, np.inf),
            options={"time_limit": self.time_limit},
        )
        if found.x is None:
            raise SuppressionFailed(
                "no choice of cells protects every suppressed cell: the cells already "
                "published give too much away"
            )
        return (np.asarray(found.x, dtype=np.float64) > 0.5).astype(np.float64)

    def linear_attacks(self, chosen: NDArray[np.float64]) -> list[Cut]:
        """A cut for every primary and direction the linear attacker wins; remembers the
        ones it lost only at a fractional point, for `whole_number_attacks`."""
        low = np.where(chosen > 0.5, self.low1, self.low0)
        high = np.where(chosen > 0.5, self.high1, self.high0)
        cuts, self.fractional = [], []
        for cell in self.attacked:
            for direction in (1, -1):
                cut = self._attack(cell, direction, low, high)
                if cut is not None:
                    cuts.append(cut)
        return cuts

    def _attack(
        self, cell: int, direction: int, low: NDArray[np.float64], high: NDArray[np.float64]
    ) -> Cut | None:
        objective = np.zeros(self.n)
        objective[cell] = -direction
        done = linprog(
            objective,
            A_eq=self.equalities,
            b_eq=np.zeros(self.equalities.shape[0]),
            bounds=np.column_stack([low, high]),
            method="highs-ds",
            options={"presolve": False},
        )
        needed = self.requirement(cell, direction)
        if done.status != 0:
            raise SuppressionFailed(f"the attacker's programme failed: {done.message}")
        if -done.fun >= needed - TOLERANCE:
            if not np.allclose(done.x, np.round(done.x), atol=TOLERANCE):
                self.fractional.append((cell, direction))
            return None
        on_low, on_high = done.lower.marginals, done.upper.marginals
        constant = -(on_low @ self.low0 + on_high @ self.high0)
        coefficients = -(on_low * (self.low1 - self.low0) + on_high * (self.high1 - self.high0))
        return np.clip(coefficients, 0.0, None), float(needed - constant)

    def whole_number_attacks(self, chosen: NDArray[np.float64]) -> list[Cut]:
        """A whole-number attacker can do no better where the linear one's best point is
        already whole, so only the fractional ones are tried again."""
        low = self.a + np.where(chosen > 0.5, self.low1, self.low0)
        high = self.a + np.where(chosen > 0.5, self.high1, self.high0)
        equalities = LinearConstraint(self.equalities, 0.0, 0.0)
        for cell, direction in self.fractional:
            objective = np.zeros(self.n)
            objective[cell] = -direction
            done = milp(
                objective, integrality=np.ones(self.n), bounds=Bounds(low, high),
                constraints=equalities, options={"time_limit": self.time_limit},
            )  # fmt: skip
            if done.x is None:
                raise SuppressionFailed(f"the attacker's programme failed: {done.message}")
            reached = -done.fun - direction * self.a[cell]
            if reached < self.requirement(cell, direction) - TOLERANCE:
                return [self._one_more(chosen)]
        return []

    def _one_more(self, chosen: NDArray[np.float64]) -> Cut:
        free = np.array([j not in self.problem.pinned for j in range(self.n)])
        coefficients = ((chosen < 0.5) & free).astype(np.float64)
        if not coefficients.any():
            raise SuppressionFailed("every free cell is suppressed and a cell is still exposed")
        return coefficients, 1.0
