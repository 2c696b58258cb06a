"""Scoring pairs of feature rows with a model, exactly as Splink's prediction SQL does.

Splink writes, from the model, the SQL of every comparison level, its match weight and
term-frequency adjustment; the prior is left out (generated at 0.5, weight 0) and added for
the linkable count at hand, so one scorer serves as records come and go. Rows are dicts
of features plus `tf_<column>` (the value's term frequency, `IndexMemory.term_frequency`).

The SQL runs as compiled Python (`realtime_compile.py`, milliseconds for a record's few
dozen pairs). When the model's SQL uses something the compiler does not translate, the
same SQL runs in an in-memory DuckDB instead (`_DuckDBPairs`): slower, the same weights.
Blocking rules (which pairs between two persons were compared at all) go the same way.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
from splink import SettingsCreator
from splink.internals.misc import prob_to_match_weight
from splink.internals.predict import predict_from_comparison_vectors_sqls_using_settings

from joinedup.linkage import index as stored
from joinedup.linkage.features import features_table
from joinedup.linkage.model import LinkageModel
from joinedup.linkage.realtime_compile import (
    UnsupportedSQL,
    columns_of,
    compile_pair_scorer,
    compile_predicate,
    keys_for_rules,
)
from joinedup.linkage.settings import settings_with_prior

__all__ = ["PairScorer", "Row", "probabilities", "scorer_for"]

Row = dict[str, Any]


class PairScorer:
    """A model's match weights and blocking rules over pairs of rows."""

    def __init__(self, model: LinkageModel, compiled: bool = True) -> None:
        settings = SettingsCreator.from_path_or_dict(
            settings_with_prior(model.splink_settings, 0.5)
        ).get_settings("duckdb")
        self.model = model
        self.tf_columns = [column.unquote().name for column in settings._term_frequency_columns]
        unknown = set(self.tf_columns) - set(stored.TF_COLUMNS)
        if unknown:
            raise ValueError(f"the index keeps no term frequencies for {sorted(unknown)}")
        self.rules = [
            rule.blocking_rule_sql for rule in settings._blocking_rules_to_generate_predictions
        ]
        self.keys = keys_for_rules(self.rules)
        """The index keys to look candidates up by, one for each of the model's rules."""
        self._duckdb = _DuckDBPairs(settings, self.rules)
        self._weigh, self._holds = None, None
        self.columns: list[str] | None = None
        """The feature columns the compiled scorer reads (None: every column)."""
        if compiled:
            try:
                program = compile_pair_scorer(settings)
                self._holds = [compile_predicate(rule) for rule in self.rules]
            except UnsupportedSQL:
                return
            self._weigh = program.weigh
            read = set(program.columns).union(*(columns_of(rule) for rule in self.rules))
            tf = {f"tf_{column}" for column in self.tf_columns}
            self.columns = sorted(read - tf | {"record_id", *self.tf_columns})

    @property
    def compiled(self) -> bool:
        """Whether pairs are scored in Python (else in DuckDB)."""
        return self._weigh is not None

    def weights(self, pairs: Sequence[tuple[Row, Row]]) -> list[float]:
        """Match weight of each (left, right) pair, prior 0.5; a NULL weight is -inf."""
        if self._weigh is None:
            return self._duckdb.weights(pairs)
        weigh = self._weigh
        return [_weight(weigh(left, right)) for left, right in pairs]

    def blocked(self, pairs: Sequence[tuple[Row, Row]]) -> list[bool]:
        """Whether each pair meets a prediction blocking rule (left as `l`, right as `r`)."""
        if self._holds is None:
            return self._duckdb.blocked(pairs)
        holds = self._holds
        return [any(rule(left, right) for rule in holds) for left, right in pairs]

    def prior_weight(self, linkable: int) -> float:
        """The prior's match weight for an index of `linkable` linkable records."""
        return float(prob_to_match_weight(self.model.prior_for(linkable)))


class _DuckDBPairs:
    """The same SQL run by DuckDB on an in-memory copy of the pairs (the fallback)."""

    def __init__(self, settings: Any, rules: list[str]) -> None:
        self.settings, self.rules = settings, rules

    def weights(self, pairs: Sequence[tuple[Row, Row]]) -> list[float]:
        if not pairs:
            return []
        sql = _pair_sql(self.settings, "joinedup_left", "joinedup_right")
        found = dict(self._run(pairs, sql))
        return [_weight(found.get(str(number))) for number in range(len(pairs))]

    def blocked(self, pairs: Sequence[tuple[Row, Row]]) -> list[bool]:
        if not pairs:
            return []
        rules = " OR ".join(f"({rule})" for rule in self.rules)
        sql = (
            "SELECT l.record_id, true FROM joinedup_left l JOIN joinedup_right r "
            f"ON l.record_id = r.record_id AND ({rules})"
        )
        found = dict(self._run(pairs, sql))
        return [bool(found.get(str(number))) for number in range(len(pairs))]

    def _run(self, pairs: Sequence[tuple[Row, Row]], sql: str) -> list[tuple[Any, Any]]:
        """Rows of `sql` over the pairs, each side's record_id replaced by its pair number."""
        schema = _row_schema()
        sides = []
        for side in (0, 1):
            rows = [{**pair[side], "record_id": str(n)} for n, pair in enumerate(pairs)]
            names = [name for name in schema.names if name in rows[0]]
            sides.append(pa.Table.from_pylist(rows, pa.schema([schema.field(n) for n in names])))
        with duckdb.connect() as con:
            con.execute("SET enable_progress_bar = false")
            for name, table in zip(("joinedup_left", "joinedup_right"), sides, strict=True):
                con.register(f"{name}_arrow", table)
                con.execute(f"CREATE TEMP TABLE {name} AS SELECT * FROM {name}_arrow")
            return [(str(a), b) for a, b in con.execute(sql).fetchall()]


@cache
def _row_schema() -> pa.Schema:
    """Arrow types of feature rows: the features', text keys, double term frequencies."""
    features = features_table(pa.table({"record_id": pa.array([], pa.string())})).schema
    keys = [pa.field(key.column, pa.string()) for key in stored.BLOCKING_KEYS]
    shares = [pa.field(f"tf_{column}", pa.float64()) for column in stored.TF_COLUMNS]
    return pa.schema([*features, *keys, *shares])


def _pair_sql(settings: Any, left: str, right: str) -> str:
    """One query: the pairs of `left` x `right` with the same record_id, with match weights."""
    blocking = ", ".join(settings._columns_to_select_for_blocking)
    vectors = ", ".join(settings._columns_to_select_for_comparison_vector_values)
    stages = [
        ("joinedup_blocked", f"SELECT {blocking}, 0 AS match_key FROM {left} AS l "
         f"JOIN {right} AS r ON l.record_id = r.record_id"),
        ("__splink__df_comparison_vectors", f"SELECT {vectors} FROM joinedup_blocked"),
    ] + [
        (step["output_table_name"], step["sql"])
        for step in predict_from_comparison_vectors_sqls_using_settings(settings)
    ]  # fmt: skip
    ctes = ", ".join(f"{name} AS ({sql})" for name, sql in stages)
    return f"WITH {ctes} SELECT record_id_l, CAST(match_weight AS DOUBLE) FROM __splink__df_predict"


def probabilities(
    model: LinkageModel, weights: Sequence[float], prior_weight: float | None = None
) -> list[float]:
    """Calibrated when the model carries a calibration, otherwise Splink's."""
    values = np.asarray(weights, dtype=np.float64)
    if model.calibration is not None:
        calibrated: list[float] = model.calibration.probability(values, prior_weight).tolist()
        return calibrated
    return [1.0 / (1.0 + math.pow(2.0, -min(w, 1000.0))) for w in values.tolist()]


def _weight(value: Any) -> float:
    """A missing weight counts as -inf, as in batch scoring."""
    return float("-inf") if value is None else float(value)


_SCORERS: dict[int, tuple[LinkageModel, PairScorer]] = {}


def scorer_for(model: LinkageModel) -> PairScorer:
    """The scorer of `model`, generated on first use and kept while the process runs."""
    kept = _SCORERS.get(id(model))
    if kept is None or kept[0] is not model:
        kept = _SCORERS[id(model)] = (model, PairScorer(model))
    return kept[1]
