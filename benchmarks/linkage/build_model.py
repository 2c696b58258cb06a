"""Build the shipped person model (joinedup/linkage/data/person_model.json) and check it.

    .venv/bin/python benchmarks/linkage/build_model.py --children 12000 --seed 3 \
        --calibrate-on 12000:3,12000:7,40000:3,40000:7 --check-on 40000:11

1. generate a synthetic borough (`--children`, `--seed`) and train the model on it
   without labels (training.train_model; u from `--u-max-pairs` random pairs, default
   1e7: offline, so more than `train_model`'s default);
2. fit the calibration on the pooled ground truth of the `--calibrate-on`
   boroughs (children:seed, comma-separated; training.calibrate_model);
3. on held-out boroughs (`--check-on`, seeds not used above), print the reliability
   table (predicted vs observed match rate by probability bin) before and after
   calibration, flag bins of 100+ pairs off by more than 0.05, and save the model.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))

import metrics  # noqa: E402
from bench_linkage import borough_dir  # noqa: E402

from joinedup.linkage.calibration import reliability_table  # noqa: E402
from joinedup.linkage.model import LinkageModel, save_model  # noqa: E402
from joinedup.linkage.pipeline import DEFAULT_MODEL_PATH  # noqa: E402
from joinedup.linkage.scoring import blocked_pairs_in_session, calibrated  # noqa: E402
from joinedup.linkage.session import LinkageSession  # noqa: E402
from joinedup.linkage.training import calibrate_model, train_model  # noqa: E402

MODEL_REVISION = 2
"""Bumped whenever the comparisons, training or calibration change."""


def _with_truth(folder: Path) -> tuple[pa.Table, pa.Table]:
    people = pq.read_table(folder / "people.parquet")
    truth = pq.read_table(folder / "truth.parquet").to_pandas()
    person_of = dict(zip(truth["record_id"], truth["true_person_id"], strict=True))
    ids = people.column("record_id").to_pylist()
    return people, people.append_column("true_person_id", pa.array([person_of[i] for i in ids]))


def reliability(model: LinkageModel, folder: Path) -> list[dict[str, float]]:
    people, _ = _with_truth(folder)
    truth = pq.read_table(folder / "truth.parquet").to_pandas().set_index("record_id")
    with LinkageSession(people) as session:
        scored = blocked_pairs_in_session(session, model, -20.0)
        pairs = calibrated(scored, model, session.linkable_count).to_pandas()
    pairs = metrics.labelled(pairs, truth["true_person_id"])
    return reliability_table(pairs["match_probability"], pairs["is_match"])


def _boroughs(listed: str, root: Path) -> list[Path]:
    folders = []
    for item in listed.split(","):
        children, seed = item.split(":")
        folders.append(borough_dir(int(children), int(seed), root))
    return folders


def _flagged(table: list[dict[str, float]]) -> list[dict[str, float]]:
    """Bins of 100+ pairs whose observed rate is more than 0.05 off the predicted one,
    each marked `significant` when also more than two standard errors off (a bin of 150
    pairs at 0.5 has a standard error of 0.04: right predictions miss by 0.05 often)."""
    return [
        {
            **row,
            "significant": bool(
                abs(row["predicted"] - row["observed"]) > 2 * row["standard_error"]
            ),
        }
        for row in table
        if row["pairs"] >= 100 and abs(row["predicted"] - row["observed"]) > 0.05
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--children", type=int, default=12000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--calibrate-on", default="12000:3,12000:7,40000:3,40000:7")
    parser.add_argument("--check-on", default="40000:11")
    parser.add_argument("--root", type=Path, default=Path(tempfile.gettempdir()) / "joinedup-bench")
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL_PATH)
    parser.add_argument("--u-max-pairs", type=float, default=1e7)
    args = parser.parse_args()
    people, _ = _with_truth(borough_dir(args.children, args.seed, args.root))
    description = f"synthetic borough, {args.children} children, seed {args.seed}"
    model = train_model(people, description=description, u_max_pairs=args.u_max_pairs)
    model = dataclasses.replace(
        model, model_version=f"person-{MODEL_REVISION}-synthetic-{args.children}-{args.seed}"
    )
    checks = _boroughs(args.check_on, args.root)
    before = [reliability(model, check) for check in checks]
    labelled = [_with_truth(folder)[1] for folder in _boroughs(args.calibrate_on, args.root)]
    model = calibrate_model(model, labelled, "true_person_id")
    model = dataclasses.replace(
        model, trained_on={**model.trained_on, "calibrated_on": args.calibrate_on}
    )
    after = [reliability(model, check) for check in checks]
    save_model(model, args.out)
    flagged = [_flagged(table) for table in after]
    report = {"model": str(args.out), "checked_on": args.check_on, "before": before,
              "after": after, "after_off_by_more_than_0.05": flagged}  # fmt: skip
    sys.stdout.write(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
