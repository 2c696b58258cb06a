"""Disclosure benchmark: time secondary suppression and the attack on growing tables.

    python benchmarks/disclosure/bench_disclosure.py [--sizes 10x5,20x8,40x10] [--seed S]

Each table has Total row and column margins and cells drawn from 0, 0, 1, 2, 3, 5, 7, 8,
9, 12, 20, 35, 60 (about 35-45% of cells small: a harsh case). For each size and profile it
prints one JSON line: cells, primary and secondary suppressions, seconds to protect, seconds
for the attacker (feasible_ranges) to try every suppressed cell, and whether any suppressed
cell was narrowed below the protection margin (it must be false).
"""

from __future__ import annotations

import argparse
import json
import random
import time

from joinedup.disclosure import CountTable, disclose_table, feasible_ranges, load_profile

VALUES = (0, 0, 1, 2, 3, 5, 7, 8, 9, 12, 20, 35, 60)


def table(rows: int, columns: int, seed: int) -> CountTable:
    chooser = random.Random(seed)
    body = [[chooser.choice(VALUES) for _ in range(columns)] for _ in range(rows)]
    lines = [((f"R{i}",), (*r, sum(r))) for i, r in enumerate(body)]
    totals = [sum(r[j] for r in body) for j in range(columns)]
    lines.append((("Total",), (*totals, sum(totals))))
    names = [f"C{j}" for j in range(columns)]
    return CountTable.from_rows("bench.csv", ["Group"], [*names, "Total"], lines)


def measure(rows: int, columns: int, profile: str, seed: int) -> dict[str, object]:
    counts = table(rows, columns, seed)
    level = load_profile(profile).level()
    started = time.perf_counter()
    result = disclose_table(counts, profile)
    protected = time.perf_counter() - started
    started = time.perf_counter()
    ranges = feasible_ranges(result.tables, level)
    attacked = time.perf_counter() - started
    exposed = False
    for r, c in counts.layout.positions():
        count, key = counts.counts[r][c], counts.layout.key(r, c)
        if level.is_primary(count):
            low, high = ranges[key]
            exposed |= low > count - min(level.protection, count)
            exposed |= high is not None and high < count + level.protection
    return {
        "size": f"{rows}x{columns}", "cells": (rows + 1) * (columns + 1), "profile": profile,
        "primary": result.primary_cells, "secondary": result.secondary_cells,
        "protect_s": round(protected, 2), "attack_s": round(attacked, 2), "exposed": exposed,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10x5,20x8,40x10")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for size in args.sizes.split(","):
        rows, columns = (int(n) for n in size.split("x"))
        for profile in ("nhs", "ons10", "dfe"):
            print(json.dumps(measure(rows, columns, profile, args.seed)), flush=True)


if __name__ == "__main__":
    main()
