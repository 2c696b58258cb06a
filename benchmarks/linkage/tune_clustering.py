"""Tune the non-chaining clusterer's threshold, veto and bridge support on a borough.

    .venv/bin/python benchmarks/linkage/tune_clustering.py --children 12000 --seed 7

Trains the person model unsupervised on the borough, scores its blocked pairs once, then
prints clustered F1 (joinedup.linkage.evaluation) of connected components and of
`clustering.cluster_records` for each setting, best first.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from pathlib import Path

import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_linkage import LOWEST_PAIR, borough_dir  # noqa: E402

from joinedup.linkage import evaluation  # noqa: E402
from joinedup.linkage.clustering import cluster_records  # noqa: E402
from joinedup.linkage.scoring import pairs_in_session  # noqa: E402
from joinedup.linkage.session import LinkageSession  # noqa: E402
from joinedup.linkage.training import train_model  # noqa: E402

THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95, 0.99)
VETOES = (0.01, 0.05, 0.2)
SUPPORTS = (1, 2, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--children", type=int, default=12000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dir", type=Path)
    parser.add_argument("--root", type=Path, default=Path(tempfile.gettempdir()) / "joinedup-bench")
    args = parser.parse_args()
    folder = args.dir or borough_dir(args.children, args.seed, args.root)
    people, truth = (
        pq.read_table(folder / "people.parquet"),
        pq.read_table(folder / "truth.parquet"),
    )
    person_of = dict(zip(truth.column("record_id").to_pylist(),
                         truth.column("true_person_id").to_pylist(), strict=True))  # fmt: skip
    model = train_model(people)
    with LinkageSession(people) as session:
        pairs = pairs_in_session(session, model, LOWEST_PAIR)
    ids = people.column("record_id").to_pylist()
    rows = []
    for threshold in THRESHOLDS:
        components = cluster_records(ids, pairs, threshold, veto_below=0.0, bridge_support=1)
        f1 = evaluation.cluster_scores(components, person_of).f1
        rows.append({"rule": "components", "threshold": threshold, "f1": round(f1, 4)})
    for threshold, veto, support in itertools.product(THRESHOLDS, VETOES, SUPPORTS):
        if veto <= threshold:
            clusters = cluster_records(
                ids, pairs, threshold, veto_below=veto, bridge_support=support
            )
            scores = evaluation.cluster_scores(clusters, person_of)
            rows.append({"rule": "greedy", "threshold": threshold, "veto_below": veto,
                         "bridge_support": support, "precision": round(scores.precision, 4),
                         "recall": round(scores.recall, 4), "f1": round(scores.f1, 4)})  # fmt: skip
    rows.sort(key=lambda row: -float(row["f1"]))
    sys.stdout.write("\n".join(json.dumps(row) for row in rows) + "\n")


if __name__ == "__main__":
    main()
