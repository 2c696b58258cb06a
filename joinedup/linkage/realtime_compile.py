"""The model's Splink SQL compiled to Python, to score a few dozen pairs in milliseconds.

DuckDB takes tens of milliseconds to run even a prepared statement over one record's few
dozen pairs; plain Python takes about one. So the SQL Splink generates from the model, every
stage of it (the blocked columns, each comparison's CASE, each level's match weight and
term-frequency adjustment, their sum), is parsed with sqlglot and turned into one Python
function over two rows (dicts of feature values):

    scorer = compile_pair_scorer(settings)      # or UnsupportedSQL
    weight = scorer.weigh(left_row, right_row)  # Splink's match weight (prior 0.5)

Operators and functions run with DuckDB's semantics (`realtime_functions.py`); anything the
compiler does not know (a new function in a changed model) raises `UnsupportedSQL` when
the scorer is built, and real-time matching then scores in DuckDB instead. Blocking rules
and the index's key expressions compile the same way (`compile_predicate`,
`compile_row_expression`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import sqlglot
from sqlglot import exp

from joinedup.linkage.index import BLOCKING_KEYS, BlockingKey
from joinedup.linkage.realtime_functions import FUNCTIONS
from joinedup.linkage.realtime_translate import Translator, UnsupportedSQL

__all__ = [
    "CompiledPairScorer",
    "UnsupportedSQL",
    "columns_of",
    "compile_pair_scorer",
    "compile_predicate",
    "compile_row_expression",
    "keys_for_rules",
]

Row = dict[str, Any]


def _parse(sql: str) -> exp.Expression:
    try:
        return cast(exp.Expression, sqlglot.parse_one(sql, read="duckdb"))
    except sqlglot.errors.ParseError as error:
        raise UnsupportedSQL(f"cannot parse {sql!r}") from error


def _function(source: str, name: str) -> Callable[..., Any]:
    namespace: dict[str, Any] = dict(FUNCTIONS)
    exec(compile(source, f"<joinedup compiled {name}>", "exec"), namespace)
    function: Callable[..., Any] = namespace[name]
    return function


def _side_column(node: exp.Column) -> str:
    side = node.table
    if side not in ("l", "r"):
        raise UnsupportedSQL(f"column {node.sql('duckdb')} is not of l or r")
    return f"{side}[{node.name!r}]"


def columns_of(sql: str) -> set[str]:
    """The names of the columns an SQL expression reads."""
    return {column.name for column in _parse(sql).find_all(exp.Column)}


def keys_for_rules(rules: list[str]) -> list[BlockingKey]:
    """The index keys that stand for the model's blocking rules, one for each rule.

    ValueError names a rule the index has no key for (then real-time matching would miss
    pairs a batch run compares).
    """
    by_signature = {_key_signature(key): key for key in BLOCKING_KEYS}
    keys = []
    for rule in rules:
        key = by_signature.get(_rule_signature(rule))
        if key is None:
            raise ValueError(
                f"the person index has no blocking key for the model's rule {rule!r}: "
                "add one to index.BLOCKING_KEYS and build the index again"
            )
        keys.append(key)
    return keys


def _rule_signature(sql: str) -> frozenset[tuple[str, str]]:
    """The rule's equalities as (l's expression, r's expression), l. and r. removed."""
    tree = _parse(sql).unnest()
    conjuncts = list(tree.flatten()) if isinstance(tree, exp.And) else [tree]
    found = set()
    for conjunct in conjuncts:
        conjunct = conjunct.unnest()
        if not isinstance(conjunct, exp.EQ):
            raise UnsupportedSQL(f"blocking rule {sql!r} is not a conjunction of equalities")
        sides = {
            _side(conjunct.this): conjunct.this,
            _side(conjunct.expression): conjunct.expression,
        }
        if set(sides) != {"l", "r"}:
            raise UnsupportedSQL(f"blocking rule {sql!r} compares {conjunct.sql('duckdb')}")
        found.add((_unqualified(sides["l"]), _unqualified(sides["r"])))
    return frozenset(found)


def _key_signature(key: BlockingKey) -> frozenset[tuple[str, str]]:
    return frozenset(
        (_unqualified(_parse(left)), _unqualified(_parse(right))) for left, right in key.parts
    )


def _side(node: exp.Expression) -> str:
    tables = {column.table for column in node.find_all(exp.Column)}
    return tables.pop() if len(tables) == 1 else ""


def _unqualified(node: exp.Expression) -> str:
    bare = node.copy().transform(lambda n: exp.column(n.name) if isinstance(n, exp.Column) else n)
    return str(bare.sql("duckdb"))


def compile_predicate(sql: str) -> Callable[[Row, Row], bool]:
    """A blocking rule over `l.` and `r.` columns: true exactly when the SQL is true."""
    source = Translator(_side_column)(_parse(sql))
    return _function(f"def holds(l, r):\n    return {source} is True\n", "holds")


def compile_row_expression(sql: str) -> Callable[[Row], Any]:
    """An expression over one row's unqualified columns (the index's key expressions)."""
    source = Translator(lambda node: f"row[{node.name!r}]")(_parse(sql))
    return _function(f"def value(row):\n    return {source}\n", "value")


@dataclass(frozen=True)
class CompiledPairScorer:
    """Splink's prediction SQL as one Python function; `columns` are those it reads."""

    weigh: Callable[[Row, Row], float | None]
    columns: frozenset[str]
    source: str


def compile_pair_scorer(settings: Any) -> CompiledPairScorer:
    """Compile a Splink `Settings` object's prediction (prior 0.5) into Python."""
    from splink.internals.predict import predict_from_comparison_vectors_sqls_using_settings

    stages = [
        [_parse(sql) for sql in settings._columns_to_select_for_blocking],
        [_parse(sql) for sql in settings._columns_to_select_for_comparison_vector_values],
    ]
    for step in predict_from_comparison_vectors_sqls_using_settings(settings):
        select = _parse(step["sql"])
        if not isinstance(select, exp.Select):
            raise UnsupportedSQL(f"{step['output_table_name']} is not one SELECT")
        stages.append(list(select.expressions))
    return _Program().build(stages)


class _Program:
    """Assignments stage by stage, ending at the `match_weight` column."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.lines: list[str] = []
        self.read: set[str] = set()

    def build(self, stages: list[list[exp.Expression]]) -> CompiledPairScorer:
        first, *rest = stages
        for node in first:
            self._assign(node, self._side_column)
        for stage in rest:
            for node in stage:
                if node.alias_or_name == "match_weight":
                    return self._finish(node)
                if isinstance(node, exp.Alias):
                    self._assign(node, self._local)
        raise UnsupportedSQL("the prediction SQL computes no match_weight")

    def _side_column(self, node: exp.Column) -> str:
        self.read.add(node.name)
        return _side_column(node)

    def _local(self, node: exp.Column) -> str:
        if node.table or node.name not in self.names:
            raise UnsupportedSQL(f"unknown column {node.sql('duckdb')}")
        return self.names[node.name]

    def _assign(self, node: exp.Expression, column: Callable[[exp.Column], str]) -> None:
        source = Translator(column)(node)
        variable = f"v{len(self.names)}"
        self.lines.append(f"    {variable} = {source}")
        self.names[node.alias_or_name] = variable

    def _finish(self, node: exp.Expression) -> CompiledPairScorer:
        self.lines.append(f"    return {Translator(self._local)(node)}")
        source = "def weigh(l, r):\n" + "\n".join(self.lines) + "\n"
        return CompiledPairScorer(_function(source, "weigh"), frozenset(self.read), source)
