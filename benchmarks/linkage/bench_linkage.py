"""Benchmark joinedup's person model against Splink's published example configurations.

    .venv/bin/python benchmarks/linkage/bench_linkage.py febrl4
    .venv/bin/python benchmarks/linkage/bench_linkage.py borough --children 12000 --seed 7

Each configuration runs in its own process (so peak RSS is its own) on the same data:
(a) the reference (reference.py), (b) ours, trained unsupervised on the same table.
Reported: pairwise precision/recall/F1 at the best threshold and at 0.9, clustered F1
(connected components at 0.9, pairs implied by clusters), seconds, peak RSS, and for a
borough recall per distortion kind and household/twin pairs merged.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))

import metrics  # noqa: E402
from febrl import febrl4_frames, febrl4_people  # noqa: E402
from reference import borough_reference_pairs, febrl4_reference_pairs  # noqa: E402

from joinedup.linkage.components import cluster_pairs  # noqa: E402
from joinedup.linkage.scoring import score_blocked_pairs, weight_for_probability  # noqa: E402
from joinedup.linkage.training import train_model  # noqa: E402


def _ours(people: pa.Table) -> pd.DataFrame:
    model = train_model(people)
    pairs = score_blocked_pairs(people, model, weight_for_probability(model, 0.01))
    return pairs.to_pandas()


def _run(config: str, data: str, out: str, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    started = time.perf_counter()
    if data == "febrl4":
        people = febrl4_people().drop(["true_person_id"])
        pairs = febrl4_reference_pairs(febrl4_frames()) if config == "reference" else _ours(people)
    else:
        people = pq.read_table(Path(data) / "people.parquet")
        pairs = borough_reference_pairs(people) if config == "reference" else _ours(people)
    ids = [str(i) for i in people.column("record_id").to_pylist()]
    clusters = cluster_pairs(ids, pa.Table.from_pandas(pairs, preserve_index=False), 0.9)
    seconds = time.perf_counter() - started
    pairs.to_parquet(f"{out}/{config}_pairs.parquet")
    pq.write_table(clusters, f"{out}/{config}_clusters.parquet")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put({"seconds": round(seconds, 1), "peak_rss_mb": round(peak_mb)})


def run_isolated(config: str, data: str, out: str) -> dict[str, float]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_run, args=(config, data, out, queue))
    process.start()
    result: dict[str, float] = queue.get()
    process.join()
    return result


def evaluate(config: str, out: str, truth: pd.DataFrame) -> dict[str, object]:
    by_record = truth.set_index("record_id")["true_person_id"]
    pairs = metrics.labelled(pd.read_parquet(f"{out}/{config}_pairs.parquet"), by_record)
    total = metrics.true_pairs(by_record)
    clusters = pd.read_parquet(f"{out}/{config}_clusters.parquet").set_index("record_id")
    report: dict[str, object] = {
        "pairwise_best": metrics.best_threshold_scores(pairs, total).row(),
        "pairwise_at_0.9": metrics.pair_scores(pairs, total, 0.9).row(),
        "clustered_at_0.9": metrics.cluster_scores(clusters["person_id"], by_record).row(),
    }
    if "distortions" in truth.columns:
        report["recall_by_distortion_at_0.9"] = metrics.recall_by_distortion(pairs, truth, 0.9)
        report.update(metrics.household_merges(clusters["person_id"], truth))
    return report


def borough_dir(children: int, seed: int, root: Path) -> Path:
    from joinedup.linkage.borough import person_table_from_borough, truth_table_from_borough
    from joinedup.synth.borough import generate_borough

    folder = root / f"borough_{children}_{seed}"
    if not (folder / "truth.parquet").exists():
        generate_borough(folder, children=children, seed=seed)
        pq.write_table(person_table_from_borough(folder), folder / "people.parquet")
        pq.write_table(truth_table_from_borough(folder), folder / "truth.parquet")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", choices=["febrl4", "borough"])
    parser.add_argument("--children", type=int, default=12000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--root", type=Path, default=Path(tempfile.gettempdir()) / "joinedup-bench")
    parser.add_argument("--configs", default="reference,ours")
    args = parser.parse_args()
    if args.data == "febrl4":
        data, truth = "febrl4", febrl4_people().select(["record_id", "true_person_id"]).to_pandas()
    else:
        folder = borough_dir(args.children, args.seed, args.root)
        data, truth = str(folder), pq.read_table(folder / "truth.parquet").to_pandas()
    results = {"data": data, "records": len(truth)}
    with tempfile.TemporaryDirectory() as out:
        for config in args.configs.split(","):
            results[config] = {**run_isolated(config, data, out), **evaluate(config, out, truth)}
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
