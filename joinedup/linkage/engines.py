"""Which backend scores the pairs: DuckDB (one machine) or Spark (a cluster).

    pairs = predict_pairs_with_engine(records, model, threshold=0.9, engine="spark")

Both engines run the same trained model (comparisons, blocking rules, m and u, prior
rescaled to the table's size, calibration) and return the same Arrow table as
`scoring.predict_pairs`. Features are always built by DuckDB (per record, cheap); on
Spark only the pairwise work runs on the cluster.

The model's SQL is written in DuckDB's dialect. This module is the one place that
turns it into Spark SQL (`spark_condition`), parsing it with sqlglot and rewriting:

| DuckDB | Spark |
|---|---|
| `list_has_any(a, b)` | `arrays_overlap(a, b)` |
| `list_contains(a, x)` | `array_contains(a, x)` |
| `len(list)` | `array_size(list)` (NULL for NULL, as DuckDB) |
| `list_intersect`, `list_distinct`, `list_concat` | `array_intersect`, `array_distinct`, `concat` |
| `jaro_winkler_similarity(a, b)` | `duckdb_jaro_winkler_similarity(a, b)` (UDF, below) |
| `damerau_levenshtein(a, b)` | `duckdb_damerau_levenshtein(a, b)` (UDF, below) |
| `starts_with(a, b)`, `levenshtein(a, b)` | `startswith(a, b)`, `levenshtein(a, b)` |
| `list[1]` (1-based, NULL past the end) | `get(list, 0)` (0-based, NULL past the end) |
| `"column"` | `` `column` `` |

Jaro-Winkler is not the same function everywhere: DuckDB halves the transpositions
with integer division (as rapidfuzz does) and rounds its Winkler step as one fused
multiply-add, Splink's Scala UDF (`jaro_winkler`, from its jar) does neither. About one
name pair in a hundred scores differently (barbara/arbara: 0.897 against 0.869), enough
to move pairs across the 0.8/0.88/0.92 levels of a model trained with DuckDB's. So the
functions in `DUCKDB_FUNCTIONS_ON_SPARK` run on Spark as Arrow UDFs that call DuckDB
itself on each batch (`spark_engine.register_duckdb_functions`): equal to the last bit
by construction, and Splink's jar is not needed.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal

import pyarrow as pa
import pyarrow.compute as pc
import sqlglot
from sqlglot import exp

from joinedup.linkage.features import features_table
from joinedup.linkage.model import LinkageModel
from joinedup.linkage.scoring import (
    PAIR_SCHEMA,
    calibrated,
    predict_pairs,
    weight_for_probability,
)
from joinedup.linkage.settings import settings_with_prior

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = [
    "DUCKDB_FUNCTIONS_ON_SPARK",
    "ENGINES",
    "Engine",
    "predict_pairs_with_engine",
    "spark_condition",
    "spark_settings",
]

Engine = Literal["duckdb", "spark"]
ENGINES: tuple[Engine, ...] = ("duckdb", "spark")
# DuckDB function -> Spark SQL return type; on Spark it is called duckdb_<name>.
DUCKDB_FUNCTIONS_ON_SPARK = {"jaro_winkler_similarity": "double", "damerau_levenshtein": "bigint"}


def predict_pairs_with_engine(
    records: pa.Table,
    model: LinkageModel,
    threshold: float = 0.9,
    engine: Engine = "duckdb",
    spark: SparkSession | None = None,
) -> pa.Table:
    """Like `scoring.predict_pairs`, on `engine`.

    On Spark, `spark` is the session to use; without one a local session is started
    for this call and stopped after it (`spark_engine.local_spark_session`).
    """
    if engine == "duckdb":
        return predict_pairs(records, model, threshold)
    if engine == "spark":
        return _predict_pairs_on_spark(records, model, threshold, spark)
    raise ValueError(f"unknown engine {engine!r}: expected one of {', '.join(ENGINES)}")


def _predict_pairs_on_spark(
    records: pa.Table, model: LinkageModel, threshold: float, spark: SparkSession | None
) -> pa.Table:
    from joinedup.linkage import spark_engine

    features = features_table(records)
    features = features.filter(pc.field("linkable"))
    if features.num_rows < 2:
        return PAIR_SCHEMA.empty_table()
    count = features.num_rows
    settings = settings_with_prior(model.splink_settings, model.prior_for(count))
    minimum_weight = weight_for_probability(model, threshold, count)
    floor = None if math.isinf(minimum_weight) else minimum_weight
    if spark is None:
        with spark_engine.local_spark_session() as local:
            scored = spark_engine.score_pairs_on_spark(local, features, settings, floor)
    else:
        scored = spark_engine.score_pairs_on_spark(spark, features, settings, floor)
    return calibrated(scored, model, count).filter(pc.field("match_probability") >= threshold)


def spark_settings(settings: dict[str, Any], list_columns: Iterable[str]) -> dict[str, Any]:
    """A copy of trained Splink settings (DuckDB SQL) with every condition in Spark SQL.

    `list_columns` are the feature columns holding lists: their `len` becomes
    `array_size`, while `length` of a text column stays.
    """
    lists = frozenset(list_columns)
    converted = copy.deepcopy(settings)
    converted.pop("sql_dialect", None)
    for comparison in converted["comparisons"]:
        for level in comparison["comparison_levels"]:
            level["sql_condition"] = spark_condition(level["sql_condition"], lists)
    converted["blocking_rules_to_generate_predictions"] = [
        _spark_blocking_rule(rule, lists)
        for rule in converted["blocking_rules_to_generate_predictions"]
    ]
    return converted


def _spark_blocking_rule(rule: str | dict[str, Any], lists: frozenset[str]) -> dict[str, Any]:
    as_dict = {"blocking_rule": rule} if isinstance(rule, str) else dict(rule)
    as_dict["blocking_rule"] = spark_condition(as_dict["blocking_rule"], lists)
    as_dict["sql_dialect"] = "spark"
    return as_dict


def spark_condition(duckdb_sql: str, list_columns: frozenset[str] = frozenset()) -> str:
    """One DuckDB SQL condition (comparison level or blocking rule) as Spark SQL."""
    if duckdb_sql.strip().upper() == "ELSE":
        return duckdb_sql
    tree = sqlglot.parse_one(duckdb_sql, read="duckdb")
    rewritten = tree.transform(lambda node: _spark_node(node, list_columns))
    return rewritten.sql(dialect="spark")


def _call(name: str, *arguments: exp.Expression) -> exp.Expression:
    return exp.Anonymous(this=name, expressions=list(arguments))


def _pair(name: str) -> Callable[[exp.Expression], exp.Expression]:
    return lambda node: _call(name, node.this, node.expression)


_RENAMED: dict[type[exp.Expression], Callable[[exp.Expression], exp.Expression]] = {
    exp.ArrayOverlaps: _pair("arrays_overlap"),
    exp.ArrayContains: _pair("array_contains"),
    exp.JarowinklerSimilarity: _pair("duckdb_jaro_winkler_similarity"),
    exp.StartsWith: _pair("startswith"),
    exp.Levenshtein: _pair("levenshtein"),
    exp.ArrayDistinct: lambda node: _call("array_distinct", node.this),
    exp.ArrayConcat: lambda node: _call("concat", node.this, *node.expressions),
}
_ANONYMOUS_RENAMED = {
    "list_intersect": "array_intersect",
    "list_distinct": "array_distinct",
    "damerau_levenshtein": "duckdb_damerau_levenshtein",
}
_LIST_RESULTS = (exp.ArrayDistinct, exp.ArrayConcat, exp.ArrayIntersect)


def _spark_node(node: exp.Expression, list_columns: frozenset[str]) -> exp.Expression:
    rename = _RENAMED.get(type(node))
    if rename is not None:
        return rename(node)
    if isinstance(node, exp.Anonymous) and str(node.this).lower() in _ANONYMOUS_RENAMED:
        return _call(_ANONYMOUS_RENAMED[str(node.this).lower()], *node.expressions)
    if isinstance(node, exp.Length) and _is_list(node.this, list_columns):
        return _call("array_size", node.this)
    if isinstance(node, exp.Bracket) and len(node.expressions) == 1:
        return _element(node)
    return node


def _element(node: exp.Bracket) -> exp.Expression:
    """`list[i]` (DuckDB, 1-based) as `get(list, i - 1)`: NULL past the end on Spark
    whatever `spark.sql.ansi.enabled` says (a bare `list[i - 1]` would raise there).

    sqlglot has already made the index 0-based while parsing DuckDB.
    """
    (index,) = node.expressions
    if not (isinstance(index, exp.Literal) and index.is_int and int(index.this) >= 0):
        raise ValueError(f"only constant list indexes can be translated: {node.sql('duckdb')}")
    return _call("get", node.this, index)


def _is_list(node: exp.Expression, list_columns: frozenset[str]) -> bool:
    if isinstance(node, exp.Anonymous):
        return str(node.this).lower() in {"list_intersect", "array_intersect"}
    if isinstance(node, _LIST_RESULTS):
        return True
    if not isinstance(node, exp.Column):
        return False
    name = node.name
    if node.table not in ("l", "r"):
        name = name.removesuffix("_l").removesuffix("_r")
    return name in list_columns
