"""The person index file: written by `joinedup link`, read for term frequencies, guarded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

from joinedup.errors import ConfigurationError
from joinedup.linkage.borough import person_table_from_borough
from joinedup.linkage.explain import term_frequency_tables
from joinedup.linkage.index import build_person_index, open_person_index
from joinedup.linkage.model import load_model
from joinedup.linkage.pipeline import DEFAULT_MODEL_PATH
from joinedup.web.people.linking import link_everyone
from joinedup.web.people.person_index import (
    index_for_update,
    person_index_path,
    persons_in_index,
    term_frequencies_in_index,
)


def as_dict(table: pa.Table) -> dict[str, float]:
    value, share = table.column_names
    return dict(zip(table[value].to_pylist(), table[share].to_pylist(), strict=True))


def test_term_frequencies_read_from_the_index_equal_those_of_the_records(
    small_borough: Path, tmp_path: Path
) -> None:
    records = person_table_from_borough(small_borough)
    model = load_model(DEFAULT_MODEL_PATH)
    ids = [str(r) for r in records.column("record_id").to_pylist()]
    with build_person_index(tmp_path / "index.duckdb", records, {r: r for r in ids}) as index:
        from_index = term_frequencies_in_index(index, model)
    from_records = term_frequency_tables(records, model)
    assert set(from_index) == set(from_records) == {"forename1", "surname", "postcode"}
    for column, table in from_records.items():
        expected = as_dict(table)
        assert len(expected) > 20
        assert as_dict(from_index[column]) == pytest.approx(expected, abs=1e-12)


@pytest.mark.django_db
def test_link_writes_the_index_real_time_matching_uses(imported: Path) -> None:
    result = link_everyone("analyst")
    with open_person_index(person_index_path()) as index:
        assert persons_in_index(index, set(result.person_of)) == result.person_of
        assert index.linkable_count() == len(result.person_of) - result.run.summary["unlinkable"]
    with index_for_update(result.run, progress=pytest.fail):
        pass  # in step with the database: opened, not rebuilt


@pytest.mark.django_db
def test_an_index_another_process_holds_is_reported_not_replaced(imported: Path) -> None:
    run = link_everyone("analyst").run
    path = person_index_path()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('holding', flush=True); time.sleep(60)", str(path)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        with pytest.raises(ConfigurationError, match="in use by another joinedup process"):
            with index_for_update(run):
                pass
        with pytest.raises(ConfigurationError, match="in use"):
            link_everyone("analyst")
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    assert path.exists()
