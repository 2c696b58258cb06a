"""Reference configurations, as Splink's own published examples set them up.

- FEBRL4: the "detailed model" of Splink's FEBRL4 example (docs/demos/examples/duckdb/
  febrl4): link_only, NameComparison on given name and surname, DateOfBirthComparison,
  DamerauLevenshtein on soc_sec_id and postcode, ExactMatch street_number; prior from
  deterministic rules at recall 0.8; u from 1e6 random pairs; EM on date_of_birth and
  on postcode.
- Borough: Splink's person-deduplication example (deduplicate_50k_synthetic):
  ForenameSurnameComparison, DateOfBirthComparison, PostcodeComparison, ExactMatch on
  birth place (the borough has none: sex stands in; occupation is left out);
  its blocking rules; prior at recall 0.6; u from 1e7 pairs; EM on names, then dob.

Both return Splink's pairwise predictions (record_id_l, record_id_r, match_probability).
"""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from joinedup.linkage.session import quiet_splink

__all__ = ["borough_reference_pairs", "febrl4_reference_pairs", "reference_borough_rules"]


def _predictions(linker: Linker) -> pd.DataFrame:
    predictions = linker.inference.predict(threshold_match_probability=0.01)
    frame: pd.DataFrame = predictions.as_pandas_dataframe()  # type: ignore[no-untyped-call]
    ids = frame.columns[
        frame.columns.str.startswith("record_id") | frame.columns.str.startswith("rec_id")
    ]
    left, right = (
        sorted(c for c in ids if c.endswith("_l"))[0],
        sorted(c for c in ids if c.endswith("_r"))[0],
    )
    pairs = pd.DataFrame({"a": frame[left].astype(str), "b": frame[right].astype(str)})
    return pd.DataFrame({
        "record_id_l": pairs.min(axis=1), "record_id_r": pairs.max(axis=1),
        "match_probability": frame["match_probability"].astype(float),
    })  # fmt: skip


def _db_api(memory_limit: str | None) -> DuckDBAPI:
    """Splink's DuckDB backend, with the same memory_limit ours gets when one is set."""
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false").fetchall()
    if memory_limit:
        con.execute(f"SET memory_limit = '{memory_limit}'").fetchall()
    return DuckDBAPI(con)


def febrl4_reference_pairs(
    frames: tuple[pd.DataFrame, pd.DataFrame], memory_limit: str | None = None
) -> pd.DataFrame:
    quiet_splink()
    db_api = _db_api(memory_limit)
    dfs = [db_api.register(pa.Table.from_pandas(f, preserve_index=False)) for f in frames]
    rules: list[Any] = [
        block_on("given_name", "surname"),
        "l.given_name = r.surname and l.surname = r.given_name",
        block_on("date_of_birth"), block_on("soc_sec_id"), block_on("state", "address_1"),
        block_on("street_number", "address_1"), block_on("postcode"),
    ]  # fmt: skip
    settings = SettingsCreator(
        unique_id_column_name="rec_id", link_type="link_only",
        blocking_rules_to_generate_predictions=rules,
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True,
                                     datetime_format="%Y%m%d", invalid_dates_as_null=True),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(
                term_frequency_adjustments=True),
        ],
    )  # fmt: skip
    linker = Linker(dfs, settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("soc_sec_id"), block_on("given_name", "surname", "date_of_birth")], recall=0.8
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    for column in ("date_of_birth", "postcode"):
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on(column), estimate_without_term_frequencies=True
        )
    return _predictions(linker)


def _borough_reference_input(people: pa.Table) -> pa.Table:
    with duckdb.connect() as con:
        con.register("people", people)
        table: pa.Table = con.sql("""
            SELECT record_id,
                lower(split_part(trim(forenames), ' ', 1)) AS first_name,
                lower(trim(surname)) AS surname,
                CASE WHEN length(dob) = 10 THEN dob END AS dob,
                upper(trim(postcode)) AS postcode_fake,
                sex AS birth_place,
                lower(split_part(trim(forenames), ' ', 1)) || ' ' || lower(trim(surname))
                    AS first_name_surname_concat
            FROM people
        """).to_arrow_table()
        return table


def reference_borough_rules() -> list[Any]:
    """The person-deduplication example's blocking rules, on the borough's columns."""
    return [
        block_on("substr(first_name,1,3)", "substr(surname,1,4)"), block_on("surname", "dob"),
        block_on("first_name", "dob"), block_on("postcode_fake", "first_name"),
        block_on("postcode_fake", "surname"), block_on("dob", "birth_place"),
        block_on("substr(postcode_fake,1,3)", "dob"),
        block_on("substr(postcode_fake,1,3)", "first_name"),
        block_on("substr(postcode_fake,1,3)", "surname"),
        block_on("substr(first_name,1,2)", "substr(surname,1,2)", "substr(dob,1,4)"),
    ]  # fmt: skip


def borough_reference_pairs(people: pa.Table, memory_limit: str | None = None) -> pd.DataFrame:
    quiet_splink()
    db_api = _db_api(memory_limit)
    sdf = db_api.register(_borough_reference_input(people))
    settings = SettingsCreator(
        unique_id_column_name="record_id", link_type="dedupe_only",
        blocking_rules_to_generate_predictions=reference_borough_rules(),
        comparisons=[
            cl.ForenameSurnameComparison("first_name", "surname",
                forename_surname_concat_col_name="first_name_surname_concat"),
            cl.DateOfBirthComparison("dob", input_is_string=True, invalid_dates_as_null=True),
            cl.PostcodeComparison("postcode_fake"),
            cl.ExactMatch("birth_place").configure(term_frequency_adjustments=True),
        ],
    )  # fmt: skip
    linker = Linker(sdf, settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob"),
         block_on("substr(first_name,1,2)", "surname", "substr(postcode_fake,1,2)"),
         block_on("dob", "postcode_fake")], recall=0.6,
    )  # fmt: skip
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7)
    for rule in (block_on("first_name", "surname"), block_on("dob")):
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True
        )
    return _predictions(linker)
