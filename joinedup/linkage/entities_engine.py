"""The machinery shared by places, vehicles, phones and organisations: block, score, decide.

An `EntityRules` says how to normalise one kind of record (a SELECT over the input), which
keys put records side by side (blocks), and how each field's agreement moves the odds
(comparisons). Everything runs as SQL in one in-memory DuckDB, never over all pairs:

- a ``group`` block compares every pair of records sharing a key (same postcode);
- a ``decisive`` block pairs each record with the first record (least ID) of its key, and
  those records are always one entity (same UPRN, same registration, a shared licence);
- a ``near`` block pairs the first records of keys one edit apart (a character changed,
  added, dropped, or two neighbours swapped), found through shared one-deletion variants.
  Such pairs are review candidates at most: a slip of one character is also exactly how
  two different vehicles' registrations differ, so only a person may merge them.

Scoring is Fellegi–Sunter in form: ``match_weight`` = prior + the weight (log2 odds) of
each field's level, and ``match_probability`` = 2^w / (1 + 2^w). The weights are set by
hand and each level's reason is in `entities_rules.py`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import duckdb
import pyarrow as pa

__all__ = ["Block", "Comparison", "EntityRules", "Level", "score_pairs"]

BlockMode = Literal["group", "decisive", "near"]
_FLAG_WEIGHT = -2.0
"""A match over a field whose level weighs this or less is flagged for review."""


@dataclass(frozen=True)
class Level:
    """One level of a comparison: ``condition`` is SQL over l, r and ``{measure}``."""

    name: str
    condition: str
    weight: float


@dataclass(frozen=True)
class Comparison:
    """A field compared level by level; the first level whose condition holds applies.

    ``measure`` is SQL over the two normalised records ``l`` and ``r`` (a similarity, say),
    which level conditions name as ``{measure}``. ``shown`` is SQL over ``{side}`` (l or r)
    displayed for each side in the explanation.
    """

    field: str
    shown: str
    measure: str
    levels: tuple[Level, ...]


@dataclass(frozen=True)
class Block:
    """Records paired for comparison: ``keys`` selects (record_id, key) from ``features``."""

    name: str
    mode: BlockMode
    keys: str


@dataclass(frozen=True)
class EntityRules:
    """How one kind of entity is normalised, blocked and compared."""

    kind: str
    prefix: str
    columns: tuple[str, ...]
    features: str
    blocks: tuple[Block, ...]
    comparisons: tuple[Comparison, ...]
    prior_weight: float


def score_pairs(
    records: pa.Table, rules: EntityRules, match_threshold: float, review_from: float
) -> pa.Table:
    """Every candidate pair of ``records`` with its weight, probability and decision.

    Columns: record_id_l, record_id_r (l < r), match_weight, match_probability, decision
    ('match', 'review' or 'non_match'), decisive, needs_review (a review-band pair, or a
    match over a field that disagreed by 2 bits or more), summary, explanation (list of
    field, level, left, right, weight).
    """
    if not rules.comparisons:
        raise ValueError(f"{rules.kind} rules compare no fields")
    with duckdb.connect() as con:
        con.register("entity_input", records)
        con.execute(f"CREATE TABLE features AS {rules.features}")
        con.execute(f"CREATE TABLE candidates AS {_candidates_sql(rules.blocks)}")
        sql = _scored_sql(rules, _weight_of(match_threshold), _weight_of(review_from))
        scored: pa.Table = con.sql(sql).to_arrow_table()
        return scored


def _weight_of(probability: float) -> float:
    clipped = min(max(probability, 1e-12), 1 - 1e-12)
    return math.log2(clipped / (1 - clipped))


def _candidates_sql(blocks: tuple[Block, ...]) -> str:
    """Distinct pairs from every block; a pair is decisive if any block says so and near
    (review only) if every block that found it was a near block."""
    found = " UNION ALL ".join(_block_sql(block) for block in blocks)
    return f"""
    SELECT l AS id_l, r AS id_r, bool_or(decisive) AS decisive, bool_and(near) AS near
    FROM ({found}) WHERE l < r GROUP BY l, r"""


def _block_sql(block: Block) -> str:
    keys = f"(SELECT DISTINCT record_id, key FROM ({block.keys}) WHERE key IS NOT NULL)"
    if block.mode == "group":
        return f"""SELECT a.record_id AS l, b.record_id AS r, false AS decisive, false AS near
        FROM {keys} a JOIN {keys} b ON a.key = b.key AND a.record_id < b.record_id"""
    firsts = f"(SELECT key, min(record_id) AS first FROM {keys} GROUP BY key)"
    if block.mode == "decisive":
        return f"""SELECT least(k.record_id, f.first) AS l, greatest(k.record_id, f.first) AS r,
            true AS decisive, false AS near
        FROM {keys} k JOIN {firsts} f USING (key) WHERE k.record_id <> f.first"""
    variants = f"""(SELECT first, key, unnest(
        [key[:i - 1] || key[i + 1:] FOR i IN range(1, length(key) + 1)]) AS variant
        FROM {firsts})"""
    return f"""SELECT DISTINCT least(a.first, b.first) AS l, greatest(a.first, b.first) AS r,
        false AS decisive, true AS near
    FROM {variants} a JOIN {variants} b ON a.variant = b.variant AND a.key < b.key
    WHERE damerau_levenshtein(a.key, b.key) = 1"""


def _scored_sql(rules: EntityRules, match_weight: float, review_weight: float) -> str:
    comparisons = rules.comparisons
    measures = ", ".join(f"{c.measure} AS {c.field}_measure" for c in comparisons)
    levels = ", ".join(_level_sql(c) for c in comparisons)
    weights = " + ".join(f"{c.field}_weight" for c in comparisons)
    disagreed = " OR ".join(f"{c.field}_weight <= {_FLAG_WEIGHT}" for c in comparisons)
    summary = ", ".join(f"'{c.field} ' || {c.field}_level" for c in comparisons)
    explanation = ", ".join(_explain_sql(c) for c in comparisons)
    # Near pairs are held below the match weight so a one-character slip is never merged.
    capped = f"CASE WHEN near THEN least(raw_weight, {match_weight - 0.01}) ELSE raw_weight END"
    matched = f"(decisive OR (NOT near AND match_weight >= {match_weight}))"
    return f"""
    WITH joined AS (
        SELECT c.id_l, c.id_r, c.decisive, c.near, l, r
        FROM candidates c JOIN features l ON l.record_id = c.id_l
        JOIN features r ON r.record_id = c.id_r
    ), measured AS (SELECT *, {measures} FROM joined),
    levelled AS (SELECT *, {levels} FROM measured),
    weighted AS (SELECT *, {rules.prior_weight} + {weights} AS raw_weight FROM levelled),
    capped AS (SELECT *, {capped} AS match_weight FROM weighted)
    SELECT id_l AS record_id_l, id_r AS record_id_r, match_weight,
        pow(2, match_weight) / (1 + pow(2, match_weight)) AS match_probability,
        CASE WHEN {matched} THEN 'match'
            WHEN match_weight >= {review_weight} THEN 'review' ELSE 'non_match' END AS decision,
        decisive,
        CASE WHEN {matched} THEN {disagreed} ELSE match_weight >= {review_weight} END
            AS needs_review,
        concat_ws('; ', {summary}) AS summary,
        [{explanation}] AS explanation
    FROM capped ORDER BY record_id_l, record_id_r"""


def _level_sql(comparison: Comparison) -> str:
    measure = f"{comparison.field}_measure"
    levels = [(lv, lv.condition.replace("{measure}", measure)) for lv in comparison.levels]
    names = " ".join(f"WHEN {condition} THEN '{lv.name}'" for lv, condition in levels)
    weights = " ".join(f"WHEN {condition} THEN {lv.weight}" for lv, condition in levels)
    field = comparison.field
    return (
        f"CASE {names} ELSE 'other' END AS {field}_level, "
        f"CAST(CASE {weights} ELSE 0 END AS DOUBLE) AS {field}_weight"
    )


def _explain_sql(comparison: Comparison) -> str:
    left = comparison.shown.replace("{side}", "l")
    right = comparison.shown.replace("{side}", "r")
    field = comparison.field
    return (
        f"{{'field': '{field}', 'level': {field}_level, 'left': CAST({left} AS VARCHAR), "
        f"'right': CAST({right} AS VARCHAR), 'weight': {field}_weight}}"
    )
