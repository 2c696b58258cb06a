"""The person index file the real-time matcher works on, kept in step with the database.

The database (Person, PersonLink) is the person index of record. Real-time matching
(`joinedup.linkage.realtime`) needs it as a DuckDB file of features and blocking keys:
`person_index.duckdb` in the data folder (`JOINEDUP_DATA_DIR`). It is a copy that can
always be rebuilt from the database, and it is:

- rebuilt by every `joinedup link` (from the run's records and person IDs);
- updated by every `joinedup import` that links the records it brings;
- rebuilt from the linked SourcePersons when it is missing, unreadable, made by another
  version of joinedup, or stale.

Stale is decided by a stamp kept in the file: the LinkageRun (id and start time) whose
result it holds. Before an update the stamp is cleared; once the update's database rows
are written it names the update's run. So when an update fails half way, when its
database transaction rolls back, or when another machine sharing the database ran an
import or a link, the stamp does not name the latest run and the file is rebuilt before
it is used. One process at a time may have it open (DuckDB's rule); a second is told so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa

from joinedup import config
from joinedup.errors import ConfigurationError, InputError
from joinedup.linkage.explain import tf_columns
from joinedup.linkage.index import (
    RECORDS_TABLE,
    TF_COLUMNS,
    PersonIndex,
    build_person_index,
    open_person_index,
    tf_table,
)
from joinedup.linkage.model import LinkageModel
from joinedup.web.people import models as pm
from joinedup.web.people.sync import person_table_from_database, record_id
from joinedup.web.records import models as m

__all__ = [
    "INDEX_FILE",
    "build_index_for_run",
    "index_for_update",
    "person_index_path",
    "persons_in_index",
    "stamp_index",
    "term_frequencies_in_index",
    "unlinkable_in_index",
]

INDEX_FILE = "person_index.duckdb"
STAMP_TABLE = "joinedup_system_of_record"
_UPDATING = "updating"
_RECORD_IDS = pa.schema([("record_id", pa.string())])

Progress = Callable[[str], None]


def person_index_path() -> Path:
    return config.data_dir() / INDEX_FILE


def _stamp_of(run: pm.LinkageRun) -> str:
    return f"{run.pk}@{run.started_at.isoformat()}"


def stamp_index(index: PersonIndex, run: pm.LinkageRun | None) -> None:
    """Record that the file holds `run`'s result (None: an update is under way)."""
    index.con.execute(
        f"CREATE TABLE IF NOT EXISTS {STAMP_TABLE} (key VARCHAR PRIMARY KEY, value VARCHAR)"
    )
    value = _UPDATING if run is None else _stamp_of(run)
    index.con.execute(f"INSERT OR REPLACE INTO {STAMP_TABLE} VALUES ('linkage_run', $1)", [value])


def _stamp(index: PersonIndex) -> str | None:
    try:
        rows = index.con.execute(
            f"SELECT value FROM {STAMP_TABLE} WHERE key = 'linkage_run'"
        ).fetchall()
    except duckdb.CatalogException:
        return None
    return str(rows[0][0]) if rows else None


def build_index_for_run(records: pa.Table, person_of: dict[str, str]) -> PersonIndex:
    """Replace the file with an index of `records` and their person IDs (not yet stamped)."""
    path = person_index_path()
    _check_not_in_use(path)
    return build_person_index(path, records, person_of)


@contextmanager
def index_for_update(
    latest: pm.LinkageRun, progress: Progress | None = None
) -> Iterator[PersonIndex]:
    """The index holding `latest`'s result, opened (or rebuilt), its stamp cleared."""
    path = person_index_path()
    index = _open_if_current(path, latest)
    if index is None:
        if progress:
            progress("rebuilding the person index from the database")
        index = _rebuild(path)
    try:
        stamp_index(index, None)
        yield index
    finally:
        index.close()


def _open_if_current(path: Path, latest: pm.LinkageRun) -> PersonIndex | None:
    try:
        index = open_person_index(path)
    except FileNotFoundError:
        return None
    except duckdb.IOException as error:
        _raise_if_in_use(path, error)
        return None
    except (duckdb.Error, ValueError, KeyError):
        return None  # unreadable or from another version: rebuilt from the database
    if _stamp(index) == _stamp_of(latest):
        return index
    index.close()
    return None


def _rebuild(path: Path) -> PersonIndex:
    """The index of every linked SourcePerson with its person, from the database."""
    linked = m.SourcePerson.objects.filter(link__isnull=False)
    records, _ = person_table_from_database(linked)
    rows = pm.PersonLink.objects.values_list(
        "source_person__agency__code", "source_person__source_id", "person__person_id"
    )
    person_of = {record_id(agency, sid): person for agency, sid, person in rows}
    _check_not_in_use(path)
    return build_person_index(path, records, person_of)


def _check_not_in_use(path: Path) -> None:
    """Building unlinks the old file, so first make sure no other process holds it."""
    if not path.exists():
        return
    try:
        duckdb.connect(str(path)).close()
    except duckdb.IOException as error:
        _raise_if_in_use(path, error)
    except duckdb.Error:
        return  # unreadable: replaced


def _raise_if_in_use(path: Path, error: duckdb.IOException) -> None:
    if "lock" in str(error).lower():
        raise ConfigurationError(
            f"{path}: the person index is in use by another joinedup process (an import "
            "or a link); try again when it has finished"
        ) from error


def persons_in_index(index: PersonIndex, record_ids: set[str]) -> dict[str, str]:
    """record_id -> person_id in the index, for those of `record_ids` it holds."""
    wanted = pa.table({"record_id": sorted(record_ids)}, schema=_RECORD_IDS)
    index.con.register("joinedup_wanted_records", wanted)
    try:
        rows = index.con.execute(
            f"SELECT record_id, person_id FROM {RECORDS_TABLE} "
            "WHERE record_id IN (SELECT record_id FROM joinedup_wanted_records)"
        ).fetchall()
    finally:
        index.con.unregister("joinedup_wanted_records")
    return {str(record): str(person) for record, person in rows}


def unlinkable_in_index(index: PersonIndex, record_ids: set[str] | None = None) -> list[str]:
    """Records with nothing to link on (no name, date of birth or identifier), sorted."""
    rows = index.con.execute(
        f"SELECT record_id FROM {RECORDS_TABLE} WHERE NOT linkable ORDER BY record_id"
    ).fetchall()
    found = [str(row[0]) for row in rows]
    return found if record_ids is None else [r for r in found if r in record_ids]


def term_frequencies_in_index(index: PersonIndex, model: LinkageModel) -> dict[str, pa.Table]:
    """The term-frequency tables `explain.explain_pairs` needs, read from the index.

    The same numbers as `explain.term_frequency_tables` over the indexed records (the
    share of linkable records holding each value), without featuring them again.
    """
    missing = sorted(set(tf_columns(model)) - set(TF_COLUMNS))
    if missing:
        raise InputError(
            f"the model adjusts {', '.join(missing)} for term frequency; the person index "
            f"keeps term frequencies of {', '.join(TF_COLUMNS)} only"
        )
    tables = {}
    for column in tf_columns(model):
        tables[column] = index.con.sql(
            f"SELECT value AS {column}, count / sum(count) OVER () AS tf_{column} "
            f"FROM {tf_table(column)} WHERE count > 0 ORDER BY value"
        ).to_arrow_table()
    return tables
