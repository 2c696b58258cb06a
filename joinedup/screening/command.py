"""What `joinedup screen` does, without click: the lead wires it into the CLI.

joinedup screen [--rules FILE] [--as-of DATE] [--out RESULTS.csv]
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from joinedup.analysis.borough import AnalysisTables
from joinedup.screening.evaluate import screen_children
from joinedup.screening.results import ScreeningResult, write_results_csv
from joinedup.screening.rules import load_rule_file

__all__ = ["screen_command_core"]


def screen_command_core(
    tables: AnalysisTables,
    rules_path: Path | str | None,
    out_csv: Path | None,
    as_of: date | None,
) -> list[ScreeningResult]:
    """Screen every child at `as_of` (default today) with the rule file at `rules_path`
    (default the shipped SERAF file); write RESULTS.csv when `out_csv` is given.

    An invalid rule file raises RuleFileError (a JoinedUpError: the CLI prints it)."""
    rules = load_rule_file(rules_path)
    results = screen_children(tables, rules, as_of=as_of)
    if out_csv is not None:
        write_results_csv(results, tables.sources, out_csv)
    return results
