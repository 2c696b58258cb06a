"""The person index file: what it stores, and refusing a file of another format."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from joinedup.linkage.index import (
    META_TABLE,
    TF_COLUMNS,
    build_person_index,
    open_person_index,
    tf_table,
)


def _build(path: Path, background: pa.Table) -> None:
    clusters = {str(record): "P1" for record in background.column("record_id").to_pylist()}
    build_person_index(path, background, clusters).close()


def test_term_frequencies_count_the_linkable_records_holding_each_value(
    tmp_path: Path, background: pa.Table
) -> None:
    _build(tmp_path / "people.duckdb", background)
    with open_person_index(tmp_path / "people.duckdb") as index:
        for column in TF_COLUMNS:
            counted = dict(
                index.con.execute(f"SELECT value, count FROM {tf_table(column)}").fetchall()
            )
            expected = dict(
                index.con.execute(
                    f"SELECT {column}, count(*) FROM joinedup_index_records "
                    f"WHERE linkable AND {column} IS NOT NULL GROUP BY ALL"
                ).fetchall()
            )
            assert counted == expected and counted
        assert 0 < index.linkable_count() <= background.num_rows


def test_an_index_of_another_format_version_is_refused(
    tmp_path: Path, background: pa.Table
) -> None:
    path = tmp_path / "old.duckdb"
    _build(path, background)
    with open_person_index(path) as index:
        index.con.execute(f"UPDATE {META_TABLE} SET value = '1' WHERE key = 'format_version'")
    with pytest.raises(ValueError, match="format 1.*build it again"):
        open_person_index(path)


def test_opening_an_index_that_is_not_there_says_so(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no person index"):
        open_person_index(tmp_path / "missing.duckdb")
