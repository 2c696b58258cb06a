"""How many pairs each configuration's blocking rules bring together, rule by rule.

    .venv/bin/python benchmarks/linkage/count_comparisons.py --dir /tmp/pt/b1m

Explains the time and memory of bench_linkage.py: every pair a blocking rule admits is
scored, so the count of pairs is the work. Counted with Splink's
`count_comparisons_from_blocking_rules` (pairs created for real, after each rule's
filter, marginal to the rules before it) on a deterministic sample of records on each
side of the join (`--sample`, Splink's default 0.05), scaled up by Splink. Prints one JSON
line per configuration: each rule, its marginal and cumulative pairs, and the total.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from splink.blocking_analysis import count_comparisons_from_blocking_rules

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reference import _borough_reference_input, _db_api, reference_borough_rules  # noqa: E402

from joinedup.linkage.blocking import prediction_rules  # noqa: E402
from joinedup.linkage.session import LINKABLE_TABLE, LinkageSession  # noqa: E402


def _rows(records: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            "rule": str(r["blocking_rule"]),
            "marginal": int(r["marginal_comparison_count"]),
            "cumulative": int(r["cumulative_comparison_count"]),
        }
        for r in records
    ]


def count_reference(people: Any, sample: float) -> list[dict[str, Any]]:
    db_api = _db_api(None)
    frame = db_api.register(_borough_reference_input(people))
    return _rows(count_comparisons_from_blocking_rules(
        frame, blocking_rules=reference_borough_rules(), link_type="dedupe_only",
        unique_id_column_name="record_id", record_sample_proportion=sample,
    ))  # fmt: skip


def count_ours(people: Any, sample: float) -> list[dict[str, Any]]:
    with LinkageSession(people) as session:
        frame = session.db_api.register(LINKABLE_TABLE)
        return _rows(count_comparisons_from_blocking_rules(
            frame, blocking_rules=prediction_rules(), link_type="dedupe_only",
            unique_id_column_name="record_id", record_sample_proportion=sample,
        ))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--dir", type=Path, required=True, help="folder with people.parquet")
    parser.add_argument("--sample", type=float, default=0.05)
    parser.add_argument("--configs", default="reference,ours")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="The sampled blocking analysis estimate")
    people = pq.read_table(args.dir / "people.parquet")
    for config in args.configs.split(","):
        started = time.perf_counter()
        rows = (count_reference if config == "reference" else count_ours)(people, args.sample)
        total = rows[-1]["cumulative"] if rows else 0
        line = {"config": config, "records": people.num_rows, "sample": args.sample,
                "pairs": total, "seconds": round(time.perf_counter() - started, 1),
                "rules": rows}  # fmt: skip
        sys.stdout.write(json.dumps(line) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
