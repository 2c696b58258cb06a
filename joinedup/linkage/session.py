"""One DuckDB database holding a table's features, and a Splink linker over it.

Training and prediction both: build features in DuckDB, set aside the records with
nothing to link on, and hand the rest to Splink by table name (no copy through Python).
"""

from __future__ import annotations

import logging
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa
from splink import DuckDBAPI, Linker, SettingsCreator

from joinedup.linkage.features import build_features

__all__ = ["LinkageSession", "quiet_splink"]

LINKABLE_TABLE = "joinedup_linkable"


def quiet_splink() -> None:
    """Keep Splink's progress messages and training notes out of our output.

    Splink logs through `logging` ("splink" logger): which levels it could not train,
    default-argument advice. Only its errors are let through.
    """
    logger = logging.getLogger("splink")
    logger.setLevel(logging.ERROR)
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())


class LinkageSession:
    """Features of one person table in an in-memory DuckDB; use as a context manager."""

    def __init__(self, records: pa.Table, memory_limit: str | None = None) -> None:
        quiet_splink()
        self.con = duckdb.connect()
        self.con.execute("SET enable_progress_bar = false").fetchall()
        if memory_limit:
            self.con.execute(f"SET memory_limit = '{memory_limit}'").fetchall()
        features = build_features(self.con, records)
        self.con.execute(
            f"CREATE TABLE {LINKABLE_TABLE} AS SELECT * FROM {features} WHERE linkable"
        ).fetchall()
        self.linkable_count = self._count(LINKABLE_TABLE)
        self.db_api = DuckDBAPI(self.con)
        self._registered = self.db_api.register(LINKABLE_TABLE)

    def _count(self, table: str) -> int:
        rows = self.con.execute(f"SELECT count(*) FROM {table}").fetchall()
        return int(rows[0][0])

    def unlinkable_record_ids(self) -> list[str]:
        """Records with no name, no date of birth and no identifier."""
        rows = self.con.execute(
            "SELECT record_id FROM joinedup_features WHERE NOT linkable ORDER BY record_id"
        ).fetchall()
        return [str(row[0]) for row in rows]

    def all_record_ids(self) -> pa.Table:
        ids: pa.Table = self.con.table("joinedup_features").select("record_id").to_arrow_table()
        return ids

    def linker(self, settings: SettingsCreator | dict[str, Any]) -> Linker:
        return Linker(self._registered, settings, log_level=None)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> LinkageSession:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
