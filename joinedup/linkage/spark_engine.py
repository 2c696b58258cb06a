"""Splink on Spark: a local SparkSession for one machine, and scoring a feature table.

    with local_spark_session() as spark:
        pairs = score_pairs_on_spark(spark, features, spark_settings(...), minimum_weight)

On a cluster, build the session yourself and pass it in; docs/scale.md has the
settings. The model's DuckDB SQL is translated by `engines.spark_settings`; the DuckDB
functions it still calls (Jaro-Winkler,
Damerau-Levenshtein) are registered as Arrow UDFs that run DuckDB on each batch
(`register_duckdb_functions`), so executors need joinedup's Python dependencies
(duckdb, pyarrow) but no jar. This module needs the `spark` extra (pyspark >= 4.1)
and Java 17 or later.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.pandas.functions import arrow_udf
from pyspark.sql.types import ArrayType
from splink import Linker
from splink.backends.spark import SparkAPI

from joinedup.linkage.engines import DUCKDB_FUNCTIONS_ON_SPARK, spark_settings
from joinedup.linkage.scoring import PAIR_SCHEMA
from joinedup.linkage.session import quiet_splink

__all__ = [
    "BreakLineage",
    "local_spark_session",
    "register_duckdb_functions",
    "score_pairs_on_spark",
    "splink_spark_api",
]

if TYPE_CHECKING:
    ArrowArray = pa.Array[Any]
else:  # Spark reads the UDF's type hints at run time, where pa.Array takes no arguments.
    ArrowArray = pa.Array

# How Splink cuts Spark's lineage between steps (its `break_lineage_method`).
BreakLineage = Literal["persist", "checkpoint", "parquet", "delta_lake_files", "delta_lake_table"]

_LOCAL_SETTINGS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    # size(NULL) is NULL (as DuckDB's len), not -1, even with ANSI mode off.
    "spark.sql.legacy.sizeOfNull": "false",
}
_SHORT_JOB_SETTINGS = {"spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"}


@contextmanager
def local_spark_session(
    cores: int = 2,
    driver_memory: str = "2g",
    shuffle_partitions: int = 8,
    app_name: str = "joinedup-linkage",
    short_jobs: bool = False,
    extra_settings: Mapping[str, str] | None = None,
) -> Iterator[SparkSession]:
    """A Spark session on this machine (`local[cores]`), stopped on exit.

    No web UI, few shuffle partitions (Spark's default of 200 is for clusters). Spark
    reuses a running session: settings only apply to the first one started in a
    process. `short_jobs` starts the JVM with its quick compiler only, which halves the
    start-up and first query (tests, small files) but slows long jobs.
    """
    builder: Any = SparkSession.builder
    builder = builder.master(f"local[{cores}]").appName(app_name)
    settings = {
        **_LOCAL_SETTINGS,
        "spark.driver.memory": driver_memory,
        "spark.sql.shuffle.partitions": str(shuffle_partitions),
        "spark.default.parallelism": str(shuffle_partitions),
        **(_SHORT_JOB_SETTINGS if short_jobs else {}),
        **(extra_settings or {}),
    }
    for key, value in settings.items():
        builder = builder.config(key, value)
    # Python workers (the DuckDB UDFs) run in this interpreter, not whatever `python3` is.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark: SparkSession = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        yield spark
    finally:
        spark.stop()


def splink_spark_api(spark: SparkSession, break_lineage: BreakLineage = "persist") -> SparkAPI:
    """Splink's Spark backend over `spark`, with the DuckDB functions registered.

    `persist` keeps intermediate tables in executor memory (right for one machine);
    on a cluster use `parquet` with `spark.sparkContext.setCheckpointDir(...)`.
    Splink's own Scala UDFs are not registered: the model does not use them.
    """
    quiet_splink()
    logging.getLogger("py4j").setLevel(logging.ERROR)
    register_duckdb_functions(spark)
    api: SparkAPI = SparkAPI(  # type: ignore[no-untyped-call]
        spark_session=spark, break_lineage_method=break_lineage, register_udfs_automatically=False
    )
    return api


def register_duckdb_functions(spark: SparkSession) -> None:
    """Register `duckdb_<name>` in `spark` for each of `engines.DUCKDB_FUNCTIONS_ON_SPARK`."""
    for name, return_type in DUCKDB_FUNCTIONS_ON_SPARK.items():
        spark.udf.register(f"duckdb_{name}", _duckdb_udf(name, return_type))


def _duckdb_udf(name: str, return_type: str) -> Any:
    def run_in_duckdb(first: ArrowArray, second: ArrowArray) -> ArrowArray:
        batch = pa.table({"a": first, "b": second})
        with duckdb.connect() as con:
            con.register("batch", batch)
            result = con.sql(f"SELECT {name}(a, b) FROM batch").to_arrow_table()
        values: ArrowArray = result.column(0).combine_chunks()
        return values

    udf: Any = arrow_udf  # its overloads do not cover (function, type string)
    return udf(run_in_duckdb, return_type)


def score_pairs_on_spark(
    spark: SparkSession,
    features: pa.Table | DataFrame,
    settings: dict[str, Any],
    minimum_weight: float | None,
    break_lineage: BreakLineage = "persist",
) -> pa.Table:
    """Every blocked pair with match weight >= `minimum_weight`, as `PAIR_SCHEMA`.

    `features` is the linkable rows of the feature table, as Arrow (sent to Spark) or
    already a Spark DataFrame (e.g. read from Parquet on a cluster); `settings` are the
    trained settings as saved (DuckDB SQL, prior already rescaled), translated here.
    The pairs come back to the driver with the smaller record_id on the left. With
    `persist`, the session's cache is cleared afterwards (Splink does not unpersist).
    """
    if isinstance(features, DataFrame):
        return _score_frame(spark, features, settings, minimum_weight, break_lineage)
    # Through Parquet, not createDataFrame: that keeps the whole table in the driver's
    # query plan, which runs out of memory at a few tens of thousands of records.
    with tempfile.TemporaryDirectory(prefix="joinedup-spark-") as folder:
        path = str(Path(folder) / "features.parquet")
        pq.write_table(features, path)
        frame = spark.read.parquet(path)
        return _score_frame(spark, frame, settings, minimum_weight, break_lineage)


def _score_frame(
    spark: SparkSession,
    frame: DataFrame,
    settings: dict[str, Any],
    minimum_weight: float | None,
    break_lineage: BreakLineage,
) -> pa.Table:
    lists = [f.name for f in frame.schema.fields if isinstance(f.dataType, ArrayType)]
    api = splink_spark_api(spark, break_lineage)
    linker = Linker(api.register(frame), spark_settings(settings, lists), log_level=None)
    predictions = linker.inference.predict(
        threshold_match_weight=minimum_weight, warning_mode="never"
    )
    try:
        return _ordered_pairs(predictions.as_spark_dataframe())
    finally:
        linker.table_management.delete_tables_created_by_splink_from_db()  # type: ignore[no-untyped-call]
        if break_lineage == "persist":
            spark.catalog.clearCache()  # Splink's persisted steps (and any others)


def _ordered_pairs(predictions: DataFrame) -> pa.Table:
    ordered = predictions.selectExpr(
        "CAST(least(record_id_l, record_id_r) AS STRING) AS record_id_l",
        "CAST(greatest(record_id_l, record_id_r) AS STRING) AS record_id_r",
        "CAST(match_probability AS DOUBLE) AS match_probability",
        "CAST(match_weight AS DOUBLE) AS match_weight",
    )
    pairs: pa.Table = ordered.toArrow()
    return pairs.cast(PAIR_SCHEMA) if pairs.num_rows else PAIR_SCHEMA.empty_table()
