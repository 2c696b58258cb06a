"""Turn a person table into the features the linkage model compares, in DuckDB SQL.

Input columns (Arrow table; every column but `record_id` optional):

    record_id, source, forenames, surname, dob ('YYYY', 'YYYY-MM', 'YYYY-MM-DD' or blank),
    sex, postcode, phone, nhs_number, and the richer lists other_names ('forenames
    surname' strings), postcodes (address history), phones, emails, plus upn, pnc_id,
    and two generic optional columns: address (a free-text street address) and other_id
    (any other identifier a source has, e.g. a social security number).

Output, one row per record (see `FEATURE_COLUMNS`): names lower-cased, ASCII-folded and
stripped of punctuation; the first forename, its nickname/spelling roots and a blocking
key; every forename and surname the record has been known by as arrays; date of birth
parts with their precision, where 1 January is treated as a placeholder for "year only";
the letters of the first forename sorted (to spot swapped letters: Mia/Mai); postcode
unit, sector and district plus every postcode in the address history; phones in E.164;
NHS numbers only when their check digit is right; the address lower-cased with only
letters, digits and single spaces (and its words as a list); and `linkable`, false when
a record has no name, no date of birth and no identifier.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa

from joinedup.linkage import feature_sql as sql
from joinedup.linkage.names import forename_roots_table, surname_keys_table

__all__ = [
    "FEATURE_COLUMNS",
    "INPUT_COLUMNS",
    "LIST_INPUT_COLUMNS",
    "build_features",
    "complete_input_columns",
    "features_table",
]

INPUT_COLUMNS = (
    "record_id", "source", "forenames", "surname", "dob", "sex", "postcode", "phone",
    "nhs_number", "upn", "pnc_id", "address", "other_id",
)  # fmt: skip
LIST_INPUT_COLUMNS = ("other_names", "postcodes", "phones", "emails")
FEATURE_COLUMNS = (
    "record_id", "source", "forename1", "forenames_all", "forename_letters", "forename_roots",
    "forename_key",
    "surname", "surname_key", "surnames_all", "dob_full", "dob_year", "dob_month",
    "dob_day", "dob_ym", "dob_precision", "dob_placeholder", "postcode", "pc_sector",
    "pc_district", "postcodes_all", "sex", "phones_all", "emails_all", "nhs_number",
    "upn", "pnc_id", "address", "address_tokens", "other_id", "linkable",
)  # fmt: skip


def complete_input_columns(records: pa.Table) -> pa.Table:
    """Add missing optional columns as nulls and cast every column to its type."""
    columns: dict[str, Any] = {}
    for name in INPUT_COLUMNS:
        columns[name] = _column_as(records, name, pa.string())
    for name in LIST_INPUT_COLUMNS:
        columns[name] = _column_as(records, name, pa.list_(pa.string()))
    return pa.table(columns)


def _column_as(records: pa.Table, name: str, kind: pa.DataType) -> Any:
    if name not in records.column_names:
        return pa.array([None] * records.num_rows, type=kind)
    column = records.column(name)
    if pa.types.is_date(column.type) or pa.types.is_timestamp(column.type):
        column = column.cast(pa.date32())
    return column.cast(kind)


def build_features(
    con: duckdb.DuckDBPyConnection, records: pa.Table, table_name: str = "joinedup_features"
) -> str:
    """Create `table_name` in `con` holding the features of `records`; return its name."""
    con.register("joinedup_raw", complete_input_columns(records))
    con.register("joinedup_forename_roots", forename_roots_table())
    con.register("joinedup_surname_keys", surname_keys_table())
    con.execute(f"CREATE OR REPLACE TABLE {table_name} AS {features_sql()}").fetchall()
    for view in ("joinedup_raw", "joinedup_forename_roots", "joinedup_surname_keys"):
        con.unregister(view)
    return table_name


def features_table(records: pa.Table) -> pa.Table:
    """The features of `records` as an Arrow table (a fresh in-memory DuckDB)."""
    with duckdb.connect() as con:
        name = build_features(con, records)
        features: pa.Table = con.table(name).to_arrow_table()
        return features


def features_sql() -> str:
    """One SELECT, in stages: clean the raw values, split names, add roots and keys."""
    return f"""
    WITH cleaned AS ({_cleaned_sql()}),
    named AS ({_named_sql()}),
    dated AS ({_dated_sql()})
    SELECT
        d.record_id, d.source, d.forename1, d.forenames_all,
        array_to_string(list_sort(string_split(d.forename1, '')), '') AS forename_letters,
        coalesce(fr.roots, CASE WHEN d.forename1 IS NOT NULL THEN [d.forename1] END)
            AS forename_roots,
        coalesce(fr.key, d.forename1) AS forename_key,
        d.surname, coalesce(sk.key, d.surname) AS surname_key, d.surnames_all,
        d.dob_full, d.dob_year, d.dob_month, d.dob_day, d.dob_ym, d.dob_precision,
        d.dob_placeholder, d.postcode,
        {sql.postcode_sector("d.postcode")} AS pc_sector,
        {sql.postcode_district("d.postcode")} AS pc_district,
        d.postcodes_all, d.sex, d.phones_all, d.emails_all, d.nhs_number, d.upn, d.pnc_id,
        d.address, string_split(d.address, ' ') AS address_tokens, d.other_id,
        (d.forename1 IS NOT NULL OR d.surname IS NOT NULL OR d.dob_year IS NOT NULL
            OR d.nhs_number IS NOT NULL OR d.upn IS NOT NULL OR d.pnc_id IS NOT NULL
            OR d.other_id IS NOT NULL) AS linkable
    FROM dated d
    LEFT JOIN joinedup_forename_roots fr ON fr.name = d.forename1
    LEFT JOIN joinedup_surname_keys sk ON sk.name = d.surname
    """


def _cleaned_sql() -> str:
    return f"""
    SELECT
        record_id, source,
        {sql.clean_name("forenames")} AS forenames_clean,
        {sql.clean_name("surname")} AS surname_clean,
        list_filter(list_transform(coalesce(other_names, []),
            lambda n: {sql.clean_name("n")}), lambda n: n IS NOT NULL) AS other_clean,
        regexp_extract(trim(dob), '{sql.ISO_PARTIAL_DATE}', ['y', 'm', 'd']) AS dob_parts,
        {sql.sex("sex")} AS sex,
        {sql.postcode_unit("postcode")} AS postcode_first,
        {sql.clean_list("list_prepend(postcode, coalesce(postcodes, []))", sql.postcode_unit)}
            AS postcodes_all,
        {sql.clean_list("list_prepend(phone, coalesce(phones, []))", sql.phone_e164)}
            AS phones_all,
        {sql.clean_list("emails", sql.email)} AS emails_all,
        {sql.nhs_number("nhs_number")} AS nhs_number,
        {sql.identifier("upn")} AS upn,
        {sql.identifier("pnc_id")} AS pnc_id,
        {sql.address("address")} AS address,
        {sql.identifier("other_id")} AS other_id
    FROM joinedup_raw
    """


def _named_sql() -> str:
    other_forenames = "list_transform(other_clean, lambda n: string_split(n, ' ')[1:-2])"
    other_singles = "list_filter(other_clean, lambda n: NOT contains(n, ' '))"
    other_surnames = (
        "list_transform(other_clean, lambda n: replace(string_split(n, ' ')[-1], ' ', ''))"
    )
    return f"""
    SELECT *,
        string_split(forenames_clean, ' ')[1] AS forename1,
        list_distinct(list_concat(
            coalesce(string_split(forenames_clean, ' '), []),
            flatten({other_forenames}), {other_singles})) AS forenames_all,
        replace(surname_clean, ' ', '') AS surname,
        list_distinct(list_filter(list_concat(
            [replace(surname_clean, ' ', '')],
            CASE WHEN contains(surname_clean, ' ') THEN string_split(surname_clean, ' ')
                ELSE [] END,
            {other_surnames}), lambda s: s IS NOT NULL AND length(s) > 1)) AS surnames_all,
        coalesce(postcode_first, postcodes_all[1]) AS postcode
    FROM cleaned
    """


def _dated_sql() -> str:
    return f"""
    SELECT *,
        CASE WHEN dob_precision = 'day'
            THEN printf('%04d-%02d-%02d', dob_year, dob_month, dob_day) END AS dob_full,
        CASE WHEN dob_precision IN ('day', 'month')
            THEN printf('%04d-%02d', dob_year, dob_month) END AS dob_ym
    FROM ({sql.date_parts("named")})
    """
