"""DuckDB's SQL functions and operators in Python, NULL for NULL, as the compiled model runs them.

`realtime_compile.py` turns the model's Splink SQL into Python calling these. Each one
follows DuckDB 2's own rule, so a pair scores the same in Python as in DuckDB (tested on
every pair of the small borough):

- NULL (None) in, NULL out, except where SQL says otherwise (AND, OR, coalesce,
  greatest, IS NULL); CASE takes a branch only when its condition is true;
- `jaro_winkler_similarity` is DuckDB's (after rapidfuzz's jarowinkler-cpp): over
  characters, transpositions halved by integer division, the Winkler boost (0.1 per
  common prefix character, up to 4) above 0.7;
- `levenshtein` counts characters; list functions ignore NULL elements;
- SQL indexes are 1-based; sqlglot hands list subscripts over 0-based.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

__all__ = ["FUNCTIONS", "damerau_levenshtein", "jaro_winkler_similarity", "levenshtein"]


@lru_cache(maxsize=1 << 16)
def jaro_winkler_similarity(left: str, right: str) -> float:
    """DuckDB's `jaro_winkler_similarity(left, right)` (left is the pattern).

    DuckDB adds the Winkler boost in one fused multiply-add (one rounding), and so does
    this (`_fused_multiply_add`).
    """
    prefix = 0
    for a, b in zip(left[:4], right[:4], strict=False):
        if a != b:
            break
        prefix += 1
    similarity = _jaro(left, right)
    if similarity > 0.7 and prefix:
        similarity = _fused_multiply_add(prefix * 0.1, 1.0 - similarity, similarity)
    return similarity


def _fused_multiply_add(a: float, b: float, c: float) -> float:
    """a * b + c rounded once: Dekker's exact product, then a correctly rounded sum."""
    product = a * b
    a_high, a_low = _split(a)
    b_high, b_low = _split(b)
    error = ((a_high * b_high - product) + a_high * b_low + a_low * b_high) + a_low * b_low
    return math.fsum((product, error, c))


def _split(value: float) -> tuple[float, float]:
    scaled = 134217729.0 * value  # 2**27 + 1
    high = scaled - (scaled - value)
    return high, value - high


def _jaro(pattern: str, text: str) -> float:
    p_len, t_len = len(pattern), len(text)
    if not p_len or not t_len:
        return 0.0
    if p_len == 1 and t_len == 1:
        return float(pattern[0] == text[0])
    bound = (max(p_len, t_len) // 2) - 1
    flagged_p = [False] * p_len
    matched_t: list[int] = []
    for j, char in enumerate(text):
        for i in range(max(0, j - bound), min(p_len, j + bound + 1)):
            if not flagged_p[i] and pattern[i] == char:
                flagged_p[i] = True
                matched_t.append(j)
                break
    common = len(matched_t)
    if not common:
        return 0.0
    matched_p = [i for i, flag in enumerate(flagged_p) if flag]
    transpositions = sum(pattern[i] != text[j] for i, j in zip(matched_p, matched_t, strict=True))
    transpositions //= 2
    similarity = 0.0
    similarity += common / p_len
    similarity += common / t_len
    similarity += (common - transpositions) / common
    return similarity / 3.0


@lru_cache(maxsize=1 << 16)
def levenshtein(left: str, right: str) -> int:
    """Edit distance in characters (insert, delete, substitute; each costs 1).

    Hyyrö's bit-parallel form of Myers' algorithm: one pass over the longer string with
    the shorter one's positions as bits of a Python int.
    """
    if len(left) < len(right):
        left, right = right, left
    size = len(right)
    if not size:
        return len(left)
    positions: dict[str, int] = {}
    for index, char in enumerate(right):
        positions[char] = positions.get(char, 0) | (1 << index)
    full, last = (1 << size) - 1, 1 << (size - 1)
    plus, minus, score = full, 0, size
    for char in left:
        equal = positions.get(char, 0)
        vertical = equal | minus
        horizontal = ((((equal & plus) + plus) & full) ^ plus) | equal
        h_plus = (minus | ~(horizontal | plus)) & full
        h_minus = plus & horizontal
        if h_plus & last:
            score += 1
        elif h_minus & last:
            score -= 1
        h_plus = ((h_plus << 1) | 1) & full
        h_minus = (h_minus << 1) & full
        plus = (h_minus | ~(vertical | h_plus)) & full
        minus = h_plus & vertical
    return score


@lru_cache(maxsize=1 << 16)
def damerau_levenshtein(left: str, right: str) -> int:
    """Edit distance with transpositions of neighbours, unrestricted (Lowrance-Wagner)."""
    rows, columns = len(left), len(right)
    far = rows + columns
    table = [[0] * (columns + 2) for _ in range(rows + 2)]
    table[0][0] = far
    for i in range(rows + 1):
        table[i + 1][0], table[i + 1][1] = far, i
    for j in range(columns + 1):
        table[0][j + 1], table[1][j + 1] = far, j
    last_row: dict[str, int] = {}
    for i in range(1, rows + 1):
        last_column = 0
        for j in range(1, columns + 1):
            k, same = last_row.get(right[j - 1], 0), left[i - 1] == right[j - 1]
            table[i + 1][j + 1] = min(
                table[i][j] + (0 if same else 1),
                table[i + 1][j] + 1,
                table[i][j + 1] + 1,
                table[k][last_column] + (i - k - 1) + 1 + (j - last_column - 1),
            )
            if same:
                last_column = j
        last_row[left[i - 1]] = i
    return table[rows + 1][columns + 1]


def _damerau_levenshtein(left: str | None, right: str | None) -> int | None:
    return None if left is None or right is None else damerau_levenshtein(left, right)


def _list_filter(values: Sequence[Any] | None, keep: Any) -> list[Any] | None:
    return None if values is None else [value for value in values if keep(value) is True]


def _list_transform(values: Sequence[Any] | None, change: Any) -> list[Any] | None:
    return None if values is None else [change(value) for value in values]


def _jaro_winkler(left: str | None, right: str | None) -> float | None:
    return None if left is None or right is None else jaro_winkler_similarity(left, right)


def _levenshtein(left: str | None, right: str | None) -> int | None:
    return None if left is None or right is None else levenshtein(left, right)


def _eq(a: Any, b: Any) -> bool | None:
    return None if a is None or b is None else bool(a == b)


def _neq(a: Any, b: Any) -> bool | None:
    return None if a is None or b is None else bool(a != b)


def _gt(a: Any, b: Any) -> bool | None:
    return None if a is None or b is None else bool(a > b)


def _gte(a: Any, b: Any) -> bool | None:
    return None if a is None or b is None else bool(a >= b)


def _lt(a: Any, b: Any) -> bool | None:
    return None if a is None or b is None else bool(a < b)


def _lte(a: Any, b: Any) -> bool | None:
    return None if a is None or b is None else bool(a <= b)


def _and(a: bool | None, b: bool | None) -> bool | None:
    if a is False or b is False:
        return False
    return None if a is None or b is None else True


def _or(a: bool | None, b: bool | None) -> bool | None:
    if a is True or b is True:
        return True
    return None if a is None or b is None else False


def _not(a: bool | None) -> bool | None:
    return None if a is None else not a


def _add(a: Any, b: Any) -> Any:
    return None if a is None or b is None else a + b


def _sub(a: Any, b: Any) -> Any:
    return None if a is None or b is None else a - b


def _mul(a: Any, b: Any) -> Any:
    return None if a is None or b is None else a * b


def _div(a: Any, b: Any) -> float | None:
    if a is None or b is None:
        return None
    if b == 0:
        return math.nan if a == 0 or math.isnan(a) else math.copysign(math.inf, a)
    return float(a) / float(b)


def _neg(a: Any) -> Any:
    return None if a is None else -a


def _pow(a: Any, b: Any) -> float | None:
    return None if a is None or b is None else math.pow(a, b)


def _log2(a: Any) -> float | None:
    if a is None:
        return None
    if a < 0:
        raise ValueError("cannot take logarithm of a negative number")
    return -math.inf if a == 0 else math.log2(a)


def _log10(a: Any) -> float | None:
    if a is None:
        return None
    if a < 0:
        raise ValueError("cannot take logarithm of a negative number")
    return -math.inf if a == 0 else math.log10(a)


def _double(a: Any) -> float | None:
    return None if a is None else float(a)


def _integer(a: Any) -> int | None:
    if a is None or isinstance(a, int):
        return None if a is None else int(a)
    if isinstance(a, float):
        return int(math.floor(a + 0.5)) if a >= 0 else -int(math.floor(-a + 0.5))
    return int(str(a).strip())


def _text(a: Any) -> str | None:
    if a is None or isinstance(a, str):
        return a
    if isinstance(a, bool):
        return "true" if a else "false"
    return str(a)


def _concat(a: Any, b: Any) -> str | None:
    if a is None or b is None:
        return None
    return f"{_text(a)}{_text(b)}"


def _coalesce(*values: Any) -> Any:
    return next((value for value in values if value is not None), None)


def _greatest(*values: Any) -> Any:
    present = [value for value in values if value is not None]
    return max(present) if present else None


def _least(*values: Any) -> Any:
    present = [value for value in values if value is not None]
    return min(present) if present else None


def _length(a: Sequence[Any] | None) -> int | None:
    return None if a is None else len(a)


def _has_any(a: Sequence[Any] | None, b: Sequence[Any] | None) -> bool | None:
    if a is None or b is None:
        return None
    if len(a) * len(b) > 16:
        return not {x for x in a if x is not None}.isdisjoint(x for x in b if x is not None)
    for x in a:
        if x is not None and x in b:
            return True
    return False


def _contains(values: Sequence[Any] | None, value: Any) -> bool | None:
    if values is None or value is None:
        return None
    return value in values


def _starts_with(a: str | None, b: str | None) -> bool | None:
    return None if a is None or b is None else a.startswith(b)


def _substring(text: str | None, start: int | None, length: int | None = None) -> str | None:
    """1-based `substring`, for the positive starts and lengths the model uses."""
    if text is None or start is None:
        return None
    if start < 1 or (length is not None and length < 0):
        raise ValueError("substring: only positive starts and lengths are supported")
    return text[start - 1 :] if length is None else text[start - 1 : start - 1 + length]


def _element(values: Sequence[Any] | None, index: int | None) -> Any:
    """`values[index + 1]` in SQL: sqlglot gives the index 0-based; out of range is NULL."""
    if values is None or index is None or not 0 <= index < len(values):
        return None
    return values[index]


FUNCTIONS: dict[str, Any] = {
    name: value
    for name, value in globals().items()
    if name.startswith("_") and not name.startswith("__") and callable(value)
}
"""The helpers compiled code calls, by name."""
