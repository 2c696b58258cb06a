"""The error an invalid rule file raises: it names the file, the rule and the problem.

joinedup.errors.InputError
└── RuleFileError           a screening rule file is not valid
"""

from __future__ import annotations

from joinedup.errors import InputError

__all__ = ["RuleFileError"]


class RuleFileError(InputError):
    """A screening rule file is not valid: names the file, the rule (or section) and why."""

    def __init__(
        self, path: str, problem: str, rule_id: str | None = None, section: str | None = None
    ) -> None:
        self.path = path
        self.rule_id = rule_id
        self.section = section
        self.problem = problem
        where = f"rule {rule_id!r}" if rule_id is not None else f"section {section or 'top'!r}"
        super().__init__(f"{path}: {where}: {problem}")
