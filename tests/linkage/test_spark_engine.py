"""`--engine spark`: the shipped model scores the same pairs on Spark as on DuckDB."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from joinedup.linkage.borough import person_table_from_borough
from joinedup.linkage.engines import predict_pairs_with_engine, spark_condition
from joinedup.linkage.model import LinkageModel


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """A local Spark session; the test is skipped, saying why, without Java or pyspark."""
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java (17 or later) on PATH; none found")
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install joinedup[spark])")
    from joinedup.linkage.spark_engine import local_spark_session

    with local_spark_session(cores=2, shuffle_partitions=2, short_jobs=True) as session:
        yield session


@pytest.fixture(scope="module")
def small_borough(tmp_path_factory: pytest.TempPathFactory) -> pa.Table:
    from joinedup.synth.borough import generate_borough

    folder = Path(tmp_path_factory.mktemp("spark_borough"))
    generate_borough(folder, children=150, years=(1995, 2025), seed=7)
    return person_table_from_borough(folder)


def _by_pair(pairs: pa.Table, column: str = "match_weight") -> dict[tuple[str, str], float]:
    rows = pairs.to_pylist()
    return {(row["record_id_l"], row["record_id_r"]): row[column] for row in rows}


@pytest.mark.spark
def test_spark_scores_the_same_pairs_and_weights_as_duckdb(
    spark: Any, small_borough: pa.Table, shipped_model: LinkageModel
) -> None:
    # Threshold 0: every blocked pair, so every comparison level is exercised.
    on_duckdb = predict_pairs_with_engine(small_borough, shipped_model, 0.0, engine="duckdb")
    on_spark = predict_pairs_with_engine(
        small_borough, shipped_model, 0.0, engine="spark", spark=spark
    )
    assert on_spark.schema == on_duckdb.schema
    duckdb_weights, spark_weights = _by_pair(on_duckdb), _by_pair(on_spark)
    assert on_duckdb.num_rows > 500
    assert spark_weights.keys() == duckdb_weights.keys()
    for pair, weight in duckdb_weights.items():
        assert spark_weights[pair] == pytest.approx(weight, abs=1e-6), pair


@pytest.mark.spark
def test_spark_applies_the_threshold_and_calibration_like_duckdb(
    spark: Any, small_borough: pa.Table, shipped_model: LinkageModel
) -> None:
    on_duckdb = predict_pairs_with_engine(small_borough, shipped_model, 0.9, engine="duckdb")
    on_spark = predict_pairs_with_engine(
        small_borough, shipped_model, 0.9, engine="spark", spark=spark
    )
    expected = _by_pair(on_duckdb, "match_probability")
    assert expected
    assert _by_pair(on_spark, "match_probability") == pytest.approx(expected, abs=1e-9)


@pytest.mark.spark
def test_duckdb_string_functions_give_duckdb_results_on_spark(spark: Any) -> None:
    """Jaro-Winkler differs between DuckDB and Splink's Scala UDF (barbara/arbara)."""
    import duckdb

    from joinedup.linkage.spark_engine import register_duckdb_functions

    names = pa.table({
        "a": ["barbara", "aidan", "martha", "ca", None, "", "kayleigh"],
        "b": ["arbara", "aden", "marhta", "abc", "x", "", "kayley"],
    })  # fmt: skip
    functions = {"jw": "jaro_winkler_similarity(a, b)", "dl": "damerau_levenshtein(a, b)"}
    on_duckdb = ", ".join(f"{sql} AS {name}" for name, sql in functions.items())
    on_spark = ", ".join(f"{spark_condition(sql)} AS {name}" for name, sql in functions.items())
    expected = duckdb.connect().sql(f"SELECT {on_duckdb} FROM names").to_arrow_table()
    register_duckdb_functions(spark)
    spark.createDataFrame(names).createOrReplaceTempView("names")
    rows = [row.asDict() for row in spark.sql(f"SELECT {on_spark} FROM names").collect()]
    assert rows == expected.to_pylist()


def test_model_sql_is_translated_to_spark_sql() -> None:
    lists = frozenset({"forename_roots", "phones_all"})
    assert spark_condition("list_has_any(forename_roots_l, forename_roots_r)", lists) == (
        "ARRAYS_OVERLAP(forename_roots_l, forename_roots_r)"
    )
    assert spark_condition("len(phones_all_l) = 0 OR length(forename1_l) = 1", lists) == (
        "ARRAY_SIZE(phones_all_l) = 0 OR LENGTH(forename1_l) = 1"
    )
    assert spark_condition('l."phones_all"[1] = r."phones_all"[1]', lists) == (
        "GET(l.`phones_all`, 0) = GET(r.`phones_all`, 0)"
    )
    assert spark_condition("jaro_winkler_similarity(forename1_l, forename1_r) >= 0.92") == (
        "DUCKDB_JARO_WINKLER_SIMILARITY(forename1_l, forename1_r) >= 0.92"
    )


def test_every_condition_of_the_shipped_model_leaves_no_duckdb_only_function(
    shipped_model: LinkageModel,
) -> None:
    from joinedup.linkage.engines import spark_settings
    from joinedup.linkage.features import features_table

    features = features_table(pa.table({"record_id": ["a"]}))
    lists = [f.name for f in features.schema if pa.types.is_list(f.type)]
    settings = spark_settings(shipped_model.splink_settings, lists)
    conditions = [
        level["sql_condition"]
        for comparison in settings["comparisons"]
        for level in comparison["comparison_levels"]
    ] + [rule["blocking_rule"] for rule in settings["blocking_rules_to_generate_predictions"]]
    duckdb_only = ("LIST_", "LEN(", "STARTS_WITH", '"', "JAROWINKLER", "[")
    leftover = [sql for sql in conditions for word in duckdb_only if word in sql.upper()]
    assert leftover == []
