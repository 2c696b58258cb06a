"""u probabilities (how often two different people agree by chance) from random pairs.

The same estimate as Splink's `estimate_u_using_random_sampling` (sample records with a
seeded hash, compare every pair of the sample, u of a level = its share of the pairs that
are not at the null level), done in one pass: every comparison's level is computed on
one cross join of the sample, then counted. Splink runs one query per comparison, each
repeating the cross join and computing the levels twice, which made u the slowest step
of training (most of the 10,000-record FEBRL4 run).

Only comparisons with a learned u are sampled (`sampled_comparisons`): not one whose
levels are all fixed (the household comparison), nor one named after a feature column
that no record fills (sex, phones, NHS number... in data without them). A level no
sampled pair reaches gets u = 1 / (pairs sampled), the sample's resolution, rather than
Splink's default, which for a rare level such as "transposed names" is far too large
(and made true transpositions look like chance).
"""

from __future__ import annotations

import math
from typing import Any

import duckdb

__all__ = ["estimate_u_from_random_pairs", "sample_proportion", "sampled_comparisons"]

_HASH_RANGE = 1_000_000_000


def estimate_u_from_random_pairs(
    con: duckdb.DuckDBPyConnection,
    table: str,
    settings: dict[str, Any],
    max_pairs: float,
    seed: int,
) -> dict[str, Any]:
    """`settings` (Splink's JSON form) with u set on every sampled comparison's levels."""
    comparisons = sampled_comparisons(con, table, settings["comparisons"])
    if not comparisons:
        return settings
    link_only = settings.get("link_type") == "link_only"
    proportion = sample_proportion(_group_sizes(con, table, link_only), max_pairs)
    columns = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
    pairs = _pairs_sql(columns, table, link_only, proportion, seed)
    counts = _level_counts(con, pairs, comparisons)
    trained = {c["output_column_name"]: _with_u(c, counts[i]) for i, c in enumerate(comparisons)}
    return {
        **settings,
        "comparisons": [trained.get(c["output_column_name"], c) for c in settings["comparisons"]],
    }


def sampled_comparisons(
    con: duckdb.DuckDBPyConnection, table: str, comparisons: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The comparisons with a u to learn (module docstring)."""
    empty = _empty_columns(con, table, [c["output_column_name"] for c in comparisons])
    return [c for c in comparisons if _has_learned_u(c) and c["output_column_name"] not in empty]


def sample_proportion(group_sizes: list[int], max_pairs: float) -> float:
    """The share of records to sample so that about `max_pairs` pairs are compared.

    One group (deduplication): n records give n(n-1)/2 pairs. Several (link-only): pairs
    are across groups only, and scale with the square of the proportion, as in Splink.
    """
    total = sum(group_sizes)
    if len(group_sizes) == 1:
        rows = 0.5 * (math.sqrt(8 * max_pairs + 1) + 1)
        return min(1.0, rows / max(total, 1))
    pairs = (total**2 - sum(size**2 for size in group_sizes)) / 2
    return min(1.0, math.sqrt(max_pairs / pairs)) if pairs > 0 else 1.0


def _has_learned_u(comparison: dict[str, Any]) -> bool:
    return any(
        not level.get("is_null_level") and not level.get("fix_u_probability")
        for level in comparison["comparison_levels"]
    )


def _empty_columns(con: duckdb.DuckDBPyConnection, table: str, names: list[str]) -> set[str]:
    """Those of `names` that are columns of `table` without a value in any row."""
    columns = {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}
    named = [name for name in names if name in columns]
    if not named:
        return set()
    counts = ", ".join(f"count(*) FILTER (WHERE len({name}) > 0)" for name in named)
    filled = con.execute(f"SELECT {counts} FROM {table}").fetchall()[0]
    return {name for name, count in zip(named, filled, strict=True) if count == 0}


def _group_sizes(con: duckdb.DuckDBPyConnection, table: str, link_only: bool) -> list[int]:
    group = "source" if link_only else "NULL"
    rows = con.execute(f"SELECT count(*) FROM {table} GROUP BY {group}").fetchall()
    return [int(row[0]) for row in rows]


def _pairs_sql(
    columns: list[str], table: str, link_only: bool, proportion: float, seed: int
) -> str:
    """Every pair of a seeded sample of `table`, its columns suffixed `_l` / `_r`."""
    cutoff = int(proportion * _HASH_RANGE)
    sample = (
        f"(SELECT * FROM {table} WHERE hash(CAST(record_id AS VARCHAR) || '_{seed}') "
        f"% {_HASH_RANGE} < {cutoff})"
    )
    both = ", ".join(f'l."{c}" AS "{c}_l", r."{c}" AS "{c}_r"' for c in columns)
    across = " AND l.source <> r.source" if link_only else ""
    return (
        f"SELECT {both} FROM {sample} AS l JOIN {sample} AS r ON l.record_id < r.record_id{across}"
    )


def _level_case(comparison: dict[str, Any]) -> str:
    """The comparison's level of a pair: its index in the level list, -1 when null."""
    whens = []
    for index, level in enumerate(comparison["comparison_levels"]):
        value = -1 if level.get("is_null_level") else index
        condition = level["sql_condition"]
        whens.append(f"ELSE {value}" if condition.strip().upper() == "ELSE"
                     else f"WHEN {condition} THEN {value}")  # fmt: skip
    return f"CASE {' '.join(whens)} END"


def _level_counts(
    con: duckdb.DuckDBPyConnection, pairs_sql: str, comparisons: list[dict[str, Any]]
) -> list[dict[int, int]]:
    levels = ", ".join(
        f"CAST({_level_case(c)} AS TINYINT) AS g{i}" for i, c in enumerate(comparisons)
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE joinedup_u_levels AS SELECT {levels} FROM ({pairs_sql})"
    )
    try:
        counted = []
        for i in range(len(comparisons)):
            rows = con.execute(
                f"SELECT g{i}, count(*) FROM joinedup_u_levels GROUP BY 1"
            ).fetchall()
            counted.append({int(level): int(count) for level, count in rows})
        return counted
    finally:
        con.execute("DROP TABLE joinedup_u_levels").fetchall()


def _with_u(comparison: dict[str, Any], counts: dict[int, int]) -> dict[str, Any]:
    """u = the level's share of the non-null pairs (at least one of them)."""
    total = sum(count for level, count in counts.items() if level >= 0)
    levels = []
    for index, level in enumerate(comparison["comparison_levels"]):
        level = dict(level)
        if total and not level.get("is_null_level") and not level.get("fix_u_probability"):
            level["u_probability"] = max(counts.get(index, 0), 1) / total
        levels.append(level)
    return {**comparison, "comparison_levels": levels}
