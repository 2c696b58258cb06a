"""Screening prompts: SERAF-style indicator rules (versioned YAML) over every child.

The suggested grade is a prompt for a practitioner, never a decision. See
docs/screening.md for the rule-file format and every shipped rule with its source.
"""

from __future__ import annotations

from joinedup.screening.command import screen_command_core
from joinedup.screening.could_have_known import (
    CouldHaveKnown,
    could_have_known,
)
from joinedup.screening.errors import RuleFileError
from joinedup.screening.evaluate import screen_children
from joinedup.screening.history import first_prompt_dates, screening_history
from joinedup.screening.incremental import rescreen_person, tables_for_person
from joinedup.screening.results import Evidence, IndicatorFound, ScreeningResult, write_results_csv
from joinedup.screening.rules import (
    RuleFile,
    default_rules_path,
    load_rule_file,
    shipped_rule_files,
)

__all__ = [
    "CouldHaveKnown",
    "Evidence",
    "IndicatorFound",
    "RuleFile",
    "RuleFileError",
    "ScreeningResult",
    "could_have_known",
    "default_rules_path",
    "first_prompt_dates",
    "load_rule_file",
    "rescreen_person",
    "screen_children",
    "screen_command_core",
    "screening_history",
    "shipped_rule_files",
    "tables_for_person",
    "write_results_csv",
]
