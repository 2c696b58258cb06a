"""Benchmark joinedup's person model against Splink's published example configurations.

    .venv/bin/python benchmarks/linkage/bench_linkage.py febrl4
    .venv/bin/python benchmarks/linkage/bench_linkage.py borough --children 12000 --seed 7
    .venv/bin/python benchmarks/linkage/bench_linkage.py borough --dir /tmp/pt/b1m \
        --memory-limit 2500MB

Each configuration runs in its own process (so peak RSS is its own) on the same data:
(a) the reference (reference.py), (b) ours, trained unsupervised on the same table. On
FEBRL4 both link file A to file B (link-only); on a borough both deduplicate. `--dir`
names a folder holding people.parquet and truth.parquet (bench_linkage.py's own layout,
or `borough.person_table_from_borough` / `truth_table_from_borough` written as Parquet).

Reported (joinedup.linkage.evaluation): pairwise precision/recall/F1 at the best
threshold and at 0.9; clustered F1 at 0.9 both by connected components and by
`components.cluster_pairs` (non-chaining); wall seconds (train + predict + both
clusterings) and peak RSS; for a borough, clustered recall per distortion kind and
clusters merging two people of one household (or twins).
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
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))

from febrl import febrl4_frames, febrl4_people  # noqa: E402
from reference import borough_reference_pairs, febrl4_reference_pairs  # noqa: E402

from joinedup.linkage import evaluation  # noqa: E402
from joinedup.linkage.components import cluster_pairs, connected_components  # noqa: E402
from joinedup.linkage.scoring import pairs_in_session  # noqa: E402
from joinedup.linkage.session import LinkageSession  # noqa: E402
from joinedup.linkage.settings import LinkType  # noqa: E402
from joinedup.linkage.training import optional_columns_present, train_in_session  # noqa: E402

THRESHOLD = 0.9
LOWEST_PAIR = 0.01


def _ours(people: pa.Table, link_type: LinkType, memory_limit: str | None) -> pa.Table:
    with LinkageSession(people, memory_limit=memory_limit) as session:
        optional = optional_columns_present(people)
        model = train_in_session(session, optional, link_type=link_type)
        return pairs_in_session(session, model, LOWEST_PAIR)


def _pairs(config: str, data: str, memory_limit: str | None) -> tuple[pa.Table, pa.Table]:
    if data == "febrl4":
        people = febrl4_people().drop(["true_person_id"])
        if config == "reference":
            return people, _as_table(febrl4_reference_pairs(febrl4_frames(), memory_limit))
        return people, _ours(people, "link_only", memory_limit)
    people = pq.read_table(Path(data) / "people.parquet")
    if config == "reference":
        return people, _as_table(borough_reference_pairs(people, memory_limit))
    return people, _ours(people, "dedupe_only", memory_limit)


def _as_table(frame: Any) -> pa.Table:
    return pa.Table.from_pandas(frame, preserve_index=False)


def _run(config: str, data: str, out: str, memory_limit: str | None, queue: Any) -> None:
    started = time.perf_counter()
    people, pairs = _pairs(config, data, memory_limit)
    ids = people.column("record_id").cast(pa.string()).to_pylist()
    del people
    pq.write_table(pairs, f"{out}/{config}_pairs.parquet")
    for name, cluster in (("components", connected_components), ("greedy", cluster_pairs)):
        clusters = cluster(ids, pairs, THRESHOLD)
        pq.write_table(clusters, f"{out}/{config}_{name}_clusters.parquet")
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put({"seconds": round(seconds, 1), "peak_rss_mb": round(peak_mb)})


def run_isolated(config: str, data: str, out: str, memory_limit: str | None) -> dict[str, Any]:
    """Run one configuration in a fresh process; report its time and peak RSS or failure."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_run, args=(config, data, out, memory_limit, queue))
    started = time.perf_counter()
    process.start()
    process.join()
    if process.exitcode != 0:
        return {"failed": f"exit code {process.exitcode}",
                "seconds": round(time.perf_counter() - started, 1)}  # fmt: skip
    result: dict[str, Any] = queue.get()
    return result


def _scores_row(scores: evaluation.Scores) -> dict[str, float]:
    return {"precision": round(scores.precision, 4), "recall": round(scores.recall, 4),
            "f1": round(scores.f1, 4)}  # fmt: skip


def _clusters(path: str) -> dict[str, int]:
    table = pq.read_table(path)
    persons = table.column("person_id").dictionary_encode().combine_chunks()
    return dict(zip(table.column("record_id").to_pylist(),
                    persons.indices.to_pylist(), strict=True))  # fmt: skip


def evaluate(config: str, out: str, truth: pa.Table) -> dict[str, Any]:
    person_of = dict(zip(truth.column("record_id").to_pylist(),
                         truth.column("true_person_id").to_pylist(), strict=True))  # fmt: skip
    pairs = pq.read_table(f"{out}/{config}_pairs.parquet")
    threshold, best = evaluation.best_threshold(pairs, person_of)
    at_threshold = pairs.filter(pc.field("match_probability") >= THRESHOLD)
    report: dict[str, Any] = {
        "pairwise_best": {"threshold": round(threshold, 4), **_scores_row(best)},
        "pairwise_at_0.9": _scores_row(evaluation.pairwise_scores(at_threshold, person_of)),
    }
    for name in ("components", "greedy"):
        clusters = _clusters(f"{out}/{config}_{name}_clusters.parquet")
        report[f"clustered_{name}"] = _scores_row(evaluation.cluster_scores(clusters, person_of))
        if "distortions" in truth.column_names:
            report[f"{name}_by_distortion"] = _recall_by_kind(clusters, person_of, truth)
            report[f"{name}_merged"] = _households_merged(clusters, person_of, truth)
    return report


def _recall_by_kind(
    clusters: dict[str, int], person_of: dict[str, str], truth: pa.Table
) -> dict[str, float]:
    distortions = dict(zip(truth.column("record_id").to_pylist(),
                           truth.column("distortions").to_pylist(), strict=True))  # fmt: skip
    kinds = evaluation.recall_by_kind(clusters, person_of, distortions)
    return {kind: round(found.recall, 4) for kind, found in kinds.items()}


def _households_merged(
    clusters: dict[str, int], person_of: dict[str, str], truth: pa.Table
) -> dict[str, int]:
    people = truth.select(["true_person_id", "household_id", "twin_of"]).to_pylist()
    household = {p["true_person_id"]: p["household_id"] for p in people if p["household_id"]}
    twins: dict[str, str] = {}  # twin_of is set on one twin only: key both by the pair
    for person in people:
        if person["twin_of"]:
            pair = min(person["true_person_id"], person["twin_of"])
            twins[person["true_person_id"]] = twins[person["twin_of"]] = pair
    return {
        "household_clusters_merged": evaluation.households_merged(clusters, person_of, household),
        "twin_clusters_merged": evaluation.households_merged(clusters, person_of, twins),
    }


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
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("data", choices=["febrl4", "borough"])
    parser.add_argument("--children", type=int, default=12000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dir", type=Path, help="folder with people.parquet, truth.parquet")
    parser.add_argument("--root", type=Path, default=Path(tempfile.gettempdir()) / "joinedup-bench")
    parser.add_argument("--configs", default="reference,ours")
    parser.add_argument("--memory-limit", help="DuckDB memory_limit for both, e.g. 2500MB")
    args = parser.parse_args()
    if args.data == "febrl4":
        data, truth = "febrl4", febrl4_people().select(["record_id", "true_person_id"])
    else:
        folder = args.dir or borough_dir(args.children, args.seed, args.root)
        data, truth = str(folder), pq.read_table(folder / "truth.parquet")
    results: dict[str, Any] = {"data": data, "records": truth.num_rows}
    with tempfile.TemporaryDirectory() as out:
        for config in args.configs.split(","):
            run = run_isolated(config, data, out, args.memory_limit)
            results[config] = run if "failed" in run else {**run, **evaluate(config, out, truth)}
            sys.stdout.write(json.dumps({config: results[config]}) + "\n")
            sys.stdout.flush()
    sys.stdout.write(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
