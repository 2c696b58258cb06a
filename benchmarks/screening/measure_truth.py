"""Screening against the synthetic ground truth: recall, false positives, lead time.

    python benchmarks/screening/measure_truth.py --borough DIR [--rules FILE ...]
    python benchmarks/screening/measure_truth.py --children 20000 --seed 11 [--rules FILE ...]

Persons are resolved by the ground truth. Every child is screened on every date a rule
matched one of their events (`screening_history`); a child is "prompted" if their grade
ever reached the scheme's prompt grades (the top two) while they were a child.

- recall: share of truly exploited children (truth/children.csv) who were prompted;
- false-positive rate: share of the other children who were prompted;
- lead time: months from the first prompt to the first protective action in the records
  (truth first_protective_action_date), for exploited children with both; positive
  means the system would have prompted earlier.

Prints one JSON line per rule file.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from joinedup.analysis.borough import AnalysisTables, analysis_tables_from_borough
from joinedup.screening import first_prompt_dates, load_rule_file, screening_history
from joinedup.screening.rules import shipped_rule_files


def _truth(borough: Path) -> dict[str, dict[str, str]]:
    with (borough / "truth" / "children.csv").open(newline="", encoding="utf-8") as f:
        return {r["true_person_id"]: r for r in csv.DictReader(f)}


def _months(start: date, end: date) -> float:
    return (end - start).days / 30.4375


def measure(
    tables: AnalysisTables, truth: dict[str, dict[str, str]], rules_path: Path
) -> dict[str, Any]:
    rules = load_rule_file(rules_path)
    started = time.perf_counter()
    prompts = {
        r["person_id"]: r["first_prompt_date"]
        for r in first_prompt_dates(screening_history(tables, rules)).to_pylist()
    }
    seconds = time.perf_counter() - started
    exploited = {p for p, r in truth.items() if r["exploited"] == "1"}
    others = set(truth) - exploited
    leads = [
        _months(prompts[p], date.fromisoformat(truth[p]["first_protective_action_date"]))
        for p in exploited
        if p in prompts and truth[p]["first_protective_action_date"]
    ]
    never_acted = [p for p in exploited if not truth[p]["first_protective_action_date"]]
    return {
        "scheme": rules.scheme,
        "rules_version": rules.version,
        "children": len(truth),
        "exploited": len(exploited),
        "history_seconds": round(seconds, 2),
        "recall_top_two": round(len(exploited & set(prompts)) / max(len(exploited), 1), 4),
        "false_positive_rate": round(len(others & set(prompts)) / max(len(others), 1), 4),
        "false_positives": len(others & set(prompts)),
        "lead_months_median": round(statistics.median(leads), 1) if leads else None,
        "lead_months_quartiles": [round(q, 1) for q in statistics.quantiles(leads, n=4)]
        if len(leads) > 1
        else None,
        "prompted_before_action_share": round(sum(x > 0 for x in leads) / max(len(leads), 1), 4),
        "with_prompt_and_action": len(leads),
        "exploited_never_acted_on": len(never_acted),
        "never_acted_on_but_prompted": len([p for p in never_acted if p in prompts]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--borough", type=Path)
    parser.add_argument("--children", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--rules", type=Path, nargs="*")
    args = parser.parse_args()
    borough = args.borough
    if borough is None:
        from joinedup.synth import generate_borough

        borough = Path(tempfile.mkdtemp(prefix="screening-"))
        generate_borough(borough, children=args.children, years=(1985, 2025), seed=args.seed)
    started = time.perf_counter()
    tables = analysis_tables_from_borough(borough)
    print(
        json.dumps(
            {
                "borough": str(borough),
                "tables_seconds": round(time.perf_counter() - started, 1),
                "events": tables.events.num_rows,
            }
        )
    )
    for path in args.rules or shipped_rule_files():
        print(json.dumps(measure(tables, _truth(borough), path)))


if __name__ == "__main__":
    main()
