"""The errors disclosure control raises on purpose (the rest of the tree is joinedup/errors.py).

    JoinedUpError
    ├── InputError
    │   └── TableProblems       a table of counts is not valid; carries every RowProblem
    └── SuppressionFailed       no choice of cells protects every primary (only possible
                                when tables published before pin cells)

The CLI prints each without a traceback and exits non-zero; nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence

from joinedup.errors import InputError, JoinedUpError, RowProblem

__all__ = ["SuppressionFailed", "TableProblems"]


class TableProblems(InputError):
    """One or more cells, rows or totals of a table are wrong; nothing was written."""

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        self.problems = list(problems)
        shown = "\n".join(f"  {p}" for p in self.problems[:50])
        more = f"\n  … and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        super().__init__(
            f"{len(self.problems)} problem(s) found; nothing was written:\n{shown}{more}"
        )


class SuppressionFailed(JoinedUpError):
    """No choice of cells protects every primary-suppressed cell."""
