"""SQL expressions to Python expressions, with SQL's NULLs (for `realtime_compile.py`).

`Translator(column)(node)` turns a sqlglot expression into the source of a Python
expression calling the helpers of `realtime_functions.py`; `column` says how a column
reference reads its value. Comparisons of names and constants, and AND/OR/NOT of values
that can never be NULL, are written inline (most of a comparison's CASE); anything not
known raises `UnsupportedSQL`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlglot import exp

__all__ = ["Translator", "UnsupportedSQL"]


class UnsupportedSQL(ValueError):
    """The SQL uses something the compiler does not translate (DuckDB scores instead)."""


_COMPARISONS: dict[type[exp.Expression], str] = {
    exp.EQ: "==",
    exp.NEQ: "!=",
    exp.GT: ">",
    exp.GTE: ">=",
    exp.LT: "<",
    exp.LTE: "<=",
}
_LOGICAL: dict[type[exp.Expression], tuple[str, str]] = {
    exp.And: ("_and", "and"),
    exp.Or: ("_or", "or"),
}
_BINARY: dict[type[exp.Expression], str] = {
    exp.EQ: "_eq", exp.NEQ: "_neq", exp.GT: "_gt", exp.GTE: "_gte", exp.LT: "_lt",
    exp.LTE: "_lte", exp.Add: "_add", exp.Sub: "_sub",
    exp.Mul: "_mul", exp.Div: "_div", exp.Pow: "_pow", exp.DPipe: "_concat",
    exp.Levenshtein: "_levenshtein", exp.JarowinklerSimilarity: "_jaro_winkler",
    exp.ArrayOverlaps: "_has_any", exp.ArrayContains: "_contains",
    exp.StartsWith: "_starts_with",
}  # fmt: skip
_UNARY: dict[type[exp.Expression], str] = {
    exp.Neg: "_neg",
    exp.Length: "_length",
    exp.ArraySize: "_length",
}
_ANONYMOUS = {"damerau_levenshtein": ("_damerau_levenshtein", 2)}
_LAMBDAS: dict[type[exp.Expression], str] = {
    exp.ArrayFilter: "_list_filter",
    exp.Transform: "_list_transform",
}
_CASTS = {
    **dict.fromkeys(("DOUBLE", "FLOAT"), "_double"),
    **dict.fromkeys(("INT", "BIGINT", "SMALLINT", "TINYINT"), "_integer"),
    **dict.fromkeys(("TEXT", "VARCHAR"), "_text"),
}


@dataclass(frozen=True)
class _Code:
    """Python source of an expression; `never_null` when it cannot be None, `atom` when it
    is a name or a constant (cheap to repeat)."""

    source: str
    never_null: bool = False
    atom: bool = False


class Translator:
    """SQL expression -> Python expression source; `column` names the value of a column.

    Comparisons of names and constants, AND/OR/NOT, COALESCE and negated constants are
    written inline (most of a comparison's CASE); AND and OR stop at the first operand
    that decides them, as SQL allows (nothing has side effects). The rest call
    `realtime_functions`.
    """

    def __init__(self, column: Callable[[exp.Column], str]) -> None:
        self.column = column
        self.bound: dict[str, str] = {}
        """Lambda parameters in scope: SQL name -> Python name."""
        self.temporaries = 0

    def __call__(self, node: exp.Expression) -> str:
        return self.code(node).source

    def code(self, node: exp.Expression) -> _Code:
        kind = type(node)
        if kind in _COMPARISONS:
            return self._comparison(node, _COMPARISONS[kind], _BINARY[kind])
        if kind in _LOGICAL:
            return self._logical(node, *_LOGICAL[kind])
        if kind in _BINARY:
            return _Code(f"{_BINARY[kind]}({self(node.this)}, {self(node.expression)})")
        if kind is exp.Neg and isinstance(node.this, exp.Literal) and not node.this.is_string:
            return _Code(f"(-{self(node.this)})", never_null=True, atom=True)
        if kind in _UNARY:
            return _Code(f"{_UNARY[kind]}({self(node.this)})")
        if kind in _LAMBDAS:
            return _Code(f"{_LAMBDAS[kind]}({self(node.this)}, {self(node.expression)})")
        method = getattr(self, f"_{kind.__name__.lower()}", None)
        if method is None:
            raise UnsupportedSQL(f"cannot compile {kind.__name__}: {node.sql('duckdb')}")
        code: _Code = method(node)
        return code

    def _comparison(self, node: exp.Expression, operator: str, function: str) -> _Code:
        left, right = self.code(node.this), self.code(node.expression)
        if not (left.atom and right.atom):
            return _Code(f"{function}({left.source}, {right.source})")
        tests = [f"{c.source} is None" for c in (left, right) if not c.never_null]
        compared = f"{left.source} {operator} {right.source}"
        if not tests:
            return _Code(f"({compared})", never_null=True)
        return _Code(f"(None if {' or '.join(tests)} else {compared})")

    def _logical(self, node: exp.Expression, function: str, operator: str) -> _Code:
        left, right = self.code(node.this), self.code(node.expression)
        if left.never_null and right.never_null:
            return _Code(f"({left.source} {operator} {right.source})", never_null=True)
        decides, otherwise = ("False", "True") if operator == "and" else ("True", "False")
        first, second = self._temporary(), self._temporary()
        return _Code(
            f"({decides} if ({first} := {left.source}) is {decides} else "
            f"({decides} if ({second} := {right.source}) is {decides} else "
            f"(None if {first} is None or {second} is None else {otherwise})))"
        )

    def _temporary(self) -> str:
        self.temporaries += 1
        return f"t{self.temporaries}"

    def _not(self, node: exp.Not) -> _Code:
        inner = self.code(node.this)
        if inner.never_null:
            return _Code(f"(not {inner.source})", never_null=True)
        return _Code(f"_not({inner.source})")

    def _column(self, node: exp.Column) -> _Code:
        if not node.table and node.name in self.bound:
            return _Code(self.bound[node.name], atom=True)
        return _Code(self.column(node), atom=True)

    def _identifier(self, node: exp.Identifier) -> _Code:
        if node.name not in self.bound:
            raise UnsupportedSQL(f"unknown name {node.name!r}")
        return _Code(self.bound[node.name], atom=True)

    def _lambda(self, node: exp.Lambda) -> _Code:
        names = [parameter.name for parameter in node.expressions]
        outer = dict(self.bound)
        self.bound.update({name: f"p{len(outer) + n}" for n, name in enumerate(names)})
        try:
            body = self(node.this)
            parameters = ", ".join(self.bound[name] for name in names)
        finally:
            self.bound = outer
        return _Code(f"(lambda {parameters}: {body})")

    def _anonymous(self, node: exp.Anonymous) -> _Code:
        name = str(node.name).lower()
        if name not in _ANONYMOUS or len(node.expressions) != _ANONYMOUS[name][1]:
            raise UnsupportedSQL(f"cannot compile the function {node.sql('duckdb')}")
        arguments = ", ".join(self(argument) for argument in node.expressions)
        return _Code(f"{_ANONYMOUS[name][0]}({arguments})")

    def _paren(self, node: exp.Paren) -> _Code:
        inner = self.code(node.this)
        return _Code(f"({inner.source})", inner.never_null, inner.atom)

    def _alias(self, node: exp.Alias) -> _Code:
        return self.code(node.this)

    def _literal(self, node: exp.Literal) -> _Code:
        if node.is_string:
            return _Code(repr(str(node.this)), never_null=True, atom=True)
        text = str(node.this)
        value = repr(int(text)) if text.isdigit() else repr(float(text))
        return _Code(value, never_null=True, atom=True)

    def _null(self, node: exp.Null) -> _Code:
        return _Code("None", atom=True)

    def _boolean(self, node: exp.Boolean) -> _Code:
        return _Code(repr(bool(node.this)), never_null=True, atom=True)

    def _is(self, node: exp.Is) -> _Code:
        if not isinstance(node.expression, exp.Null):
            raise UnsupportedSQL(f"cannot compile IS other than IS NULL: {node.sql('duckdb')}")
        return _Code(f"({self(node.this)} is None)", never_null=True)

    def _cast(self, node: exp.Cast) -> _Code:
        target = node.to.this.name
        if target not in _CASTS:
            raise UnsupportedSQL(f"cannot compile a cast to {target}")
        inner = self.code(node.this)
        if _CASTS[target] == "_double" and _is_number(node.this):
            return _Code(repr(float(inner.source.strip("()"))), never_null=True, atom=True)
        return _Code(f"{_CASTS[target]}({inner.source})")

    def _case(self, node: exp.Case) -> _Code:
        if node.this is not None:
            raise UnsupportedSQL("cannot compile CASE x WHEN ...")
        source = self(node.args["default"]) if node.args.get("default") else "None"
        for branch in reversed(node.args["ifs"]):
            condition = self.code(branch.this)
            test = condition.source if condition.never_null else f"{condition.source} is True"
            source = f"({self(branch.args['true'])} if {test} else {source})"
        return _Code(source)

    def _coalesce(self, node: exp.Coalesce) -> _Code:
        *values, last = [self.code(e) for e in [node.this, *node.expressions]]
        source = last.source
        for value in reversed(values):
            if value.atom:
                source = f"({value.source} if {value.source} is not None else {source})"
            else:
                held = self._temporary()
                source = f"({held} if ({held} := {value.source}) is not None else {source})"
        return _Code(source, never_null=last.never_null)

    def _greatest(self, node: exp.Greatest) -> _Code:
        return _Code(f"_greatest({', '.join(self(e) for e in [node.this, *node.expressions])})")

    def _least(self, node: exp.Least) -> _Code:
        return _Code(f"_least({', '.join(self(e) for e in [node.this, *node.expressions])})")

    def _log(self, node: exp.Log) -> _Code:
        base = node.this.sql("duckdb") if node.expression is not None else None
        if base not in ("2", "10"):
            raise UnsupportedSQL(f"cannot compile a logarithm: {node.sql('duckdb')}")
        return _Code(f"_log{base}({self(node.expression)})")

    def _substring(self, node: exp.Substring) -> _Code:
        length = node.args.get("length")
        tail = f", {self(length)}" if length is not None else ""
        return _Code(f"_substring({self(node.this)}, {self(node.args['start'])}{tail})")

    def _bracket(self, node: exp.Bracket) -> _Code:
        if len(node.expressions) != 1 or node.args.get("offset") not in (None, 0, 1):
            raise UnsupportedSQL(f"cannot compile a subscript: {node.sql('duckdb')}")
        return _Code(f"_element({self(node.this)}, {self(node.expressions[0])})")


def _is_number(node: exp.Expression) -> bool:
    """A numeric constant, or a negated one."""
    inner = node.this if isinstance(node, exp.Neg) else node
    return isinstance(inner, exp.Literal) and not inner.is_string
