"""Time real-time matching: one new record matched and placed, against a large index.

    .venv/bin/python benchmarks/linkage/bench_realtime.py --borough /tmp/bench/b100k --sample 500
    .venv/bin/python benchmarks/linkage/bench_realtime.py --borough /tmp/bench/b1m --sample 500 \\
        --cache /tmp/realtime

Reads the borough's person table (`borough.person_table_from_borough`; with `--cache`, kept
as DIR/<borough>_people.parquet and _truth.parquet), holds out `--sample` records at random
(seeded), builds the person index from the rest (in a child process), opens it and reads it
into memory (`read_index_into_memory`, timed apart: the first call of a process pays it),
then times `add_or_update_record` for each held-out record in turn; with `--batch`, times
one `link_arriving_records` call over all held-out records instead (an import). The
index's person IDs come from the batch pipeline (`--clusters batch`: every blocked pair
scored, `cluster_records`) or from the ground truth (`--clusters truth`, the default: a
batch run over a million records is a separate benchmark).

Prints JSON: index size, build and read-into-memory seconds, p50/p95/p99/max milliseconds,
seconds to close the index (DuckDB checkpoints the file then), how many records joined,
created or merged persons, this process's RSS once the index is in memory and its peak
(the build's memory is the child's), the machine's load average (`os.getloadavg`, before
and after) and how long a fixed pure-Python loop took (`machine_loop_seconds`, before and
after; it grows with the load): timings on a loaded machine are pessimistic.

    .venv/bin/python benchmarks/linkage/bench_realtime.py --borough /tmp/bench/b100k \\
        --sample 10000 --batch --cache /tmp/realtime
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from joinedup.linkage.borough import person_table_from_borough, truth_table_from_borough
from joinedup.linkage.clustering import cluster_records
from joinedup.linkage.index import build_person_index, open_person_index
from joinedup.linkage.model import LinkageModel, load_model
from joinedup.linkage.pipeline import DEFAULT_MODEL_PATH
from joinedup.linkage.realtime import (
    add_or_update_record,
    link_arriving_records,
    read_index_into_memory,
)
from joinedup.linkage.scoring import calibrated, score_blocked_pairs
from joinedup.linkage.stable_ids import assign_person_ids, mint_person_ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--borough", type=Path, required=True)
    parser.add_argument("--sample", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, help="folder for the person table as Parquet")
    parser.add_argument("--clusters", choices=("truth", "batch"), default="truth")
    parser.add_argument("--index", type=Path, help="index file (default: a temporary folder)")
    parser.add_argument("--batch", action="store_true", help="time one import of all held out")
    args = parser.parse_args()
    json.dump(run(args), sys.stdout, indent=1)
    sys.stdout.write("\n")


def run(args: argparse.Namespace) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="bench_realtime_"))
    path = args.index or folder / "people.duckdb"
    load_before = os.getloadavg()
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as child:
        index_size, build_seconds = child.submit(_build, args, path).result()
    people, _ = _tables(args.borough, args.cache)
    held_out = _hold_out(people, args.sample, args.seed)[1]
    del people
    model = load_model(DEFAULT_MODEL_PATH)
    index = open_person_index(path)
    started = time.perf_counter()
    read_index_into_memory(index, model)
    memory_seconds = time.perf_counter() - started
    rss_after_read = _rss_mb()
    loop_seconds = _machine_loop_seconds()
    if args.batch:
        timings, outcomes = _time_import(index, held_out, model)
    else:
        timings, outcomes = _time_arrivals(index, held_out, model)
    started = time.perf_counter()
    index.close()
    report = _report(args, index_size, build_seconds, timings, outcomes)
    report["read_into_memory_seconds"] = round(memory_seconds, 1)
    report["close_seconds"] = round(time.perf_counter() - started, 1)
    report["rss_after_read_mb"] = rss_after_read
    report["load_average_before_after"] = [round(load_before[0], 1), round(os.getloadavg()[0], 1)]
    report["machine_loop_seconds"] = [round(loop_seconds, 3), round(_machine_loop_seconds(), 3)]
    return report


def _build(args: argparse.Namespace, path: Path) -> tuple[int, float]:
    """Build the index of all but the held-out records (in a child process, so the build's
    memory is not counted against real-time matching); (records, seconds)."""
    people, truth = _tables(args.borough, args.cache)
    model = load_model(DEFAULT_MODEL_PATH)
    rest, _ = _hold_out(people, args.sample, args.seed)
    clusters = _clusters(rest, truth, model, args.clusters)
    started = time.perf_counter()
    build_person_index(path, rest, clusters).close()
    return rest.num_rows, time.perf_counter() - started


def _rss_mb() -> int:
    status = Path("/proc/self/status").read_text().split("VmRSS:")[1]
    return int(status.split()[0]) // 1024


def _machine_loop_seconds() -> float:
    """Seconds for a fixed pure-Python loop: how much CPU this process gets right now."""
    started = time.perf_counter()
    total = 0
    for number in range(1_000_000):
        total += number
    return time.perf_counter() - started


def _tables(borough: Path, cache: Path | None) -> tuple[pa.Table, pa.Table]:
    if cache is None:
        return person_table_from_borough(borough), truth_table_from_borough(borough)
    people_path = cache / f"{borough.name}_people.parquet"
    truth_path = cache / f"{borough.name}_truth.parquet"
    if not people_path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        pq.write_table(person_table_from_borough(borough), people_path)
        pq.write_table(truth_table_from_borough(borough), truth_path)
    return pq.read_table(people_path), pq.read_table(truth_path)


def _hold_out(people: pa.Table, sample: int, seed: int) -> tuple[pa.Table, list[dict[str, Any]]]:
    chosen = set(random.Random(seed).sample(range(people.num_rows), sample))
    keep = [i for i in range(people.num_rows) if i not in chosen]
    held = people.take(pa.array(sorted(chosen), pa.int64())).to_pylist()
    random.Random(seed).shuffle(held)
    return people.take(pa.array(keep, pa.int64())), held


def _clusters(rest: pa.Table, truth: pa.Table, model: LinkageModel, how: str) -> dict[str, str]:
    ids = [str(record) for record in rest.column("record_id").to_pylist()]
    if how == "truth":
        records, persons = truth.column("record_id"), truth.column("true_person_id")
        true_person = dict(zip(records.to_pylist(), persons.to_pylist(), strict=True))
        return {record: f"T-{true_person.get(record, record)}" for record in ids}
    pairs = calibrated(score_blocked_pairs(rest, model), model)
    return assign_person_ids(cluster_records(ids, pairs), {}, mint_person_ids())


def _time_arrivals(
    index: Any, held_out: list[dict[str, Any]], model: LinkageModel
) -> tuple[list[float], dict[str, int]]:
    mint = mint_person_ids(prefix="N")
    outcomes = {"joined": 0, "created": 0, "merged": 0}
    timings = []
    for record in held_out:
        started = time.perf_counter()
        result = add_or_update_record(index, record, model, new_person_id=mint)
        timings.append((time.perf_counter() - started) * 1000)
        outcomes["created" if result.created_person else "joined"] += 1
        outcomes["merged"] += len(result.merged_person_ids)
    return timings, outcomes


def _time_import(
    index: Any, held_out: list[dict[str, Any]], model: LinkageModel
) -> tuple[list[float], dict[str, int]]:
    """One `link_arriving_records` call over every held-out record (timings: that one call)."""
    arriving = pa.Table.from_pylist(held_out)
    started = time.perf_counter()
    mint = mint_person_ids(prefix="N")
    results = link_arriving_records(index, arriving, model, new_person_id=mint)
    seconds = time.perf_counter() - started
    outcomes = {"joined": 0, "created": 0, "merged": 0, "split": 0}
    for result in results.values():
        outcomes["created" if result.created_person else "joined"] += 1
        outcomes["merged"] += len(result.merged_person_ids)
        outcomes["split"] += len(result.split_person_ids)
    return [seconds * 1000], outcomes


def _report(
    args: argparse.Namespace,
    index_size: int,
    build_seconds: float,
    timings: list[float],
    outcomes: dict[str, int],
) -> dict[str, Any]:
    p50, p95, p99 = np.percentile(timings, [50, 95, 99]).tolist()
    return {
        "borough": str(args.borough),
        "index_records": index_size,
        "sample": len(timings),
        "clusters_from": args.clusters,
        "build_seconds": round(build_seconds, 1),
        "p50_ms": round(p50, 1),
        "p95_ms": round(p95, 1),
        "p99_ms": round(p99, 1),
        "max_ms": round(max(timings), 1),
        "outcomes": outcomes,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


if __name__ == "__main__":
    main()
