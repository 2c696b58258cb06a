"""Which written names mean the same name: nicknames, spellings and transliterations.

Two data files (in `joinedup/linkage/data`, each citing its source) are read once:

- `nicknames.csv`: formal English forenames and their nicknames (Bob → Robert);
- `name_variants.csv`: groups of spellings agencies write for one name (Kayleigh, Kayley,
  Kaylee; Mohammed, Muhammad, Mohamed), with a kind saying what varies.

Each name gets a set of *roots*: itself, the formal names it is a nickname of, and the
canonical spelling of every group it belongs to (plus those spellings' formal names).
Two forenames are equivalent when their roots overlap. Roots are not chained, so "Ron"
matches Ronald and Aaron but Ronald never matches Aaron. `forename_key` (the smallest
canonical spelling of the name's groups, else its smallest root) is a single value for
blocking only.
"""

from __future__ import annotations

import csv
import unicodedata
from collections import defaultdict
from functools import cache
from pathlib import Path

import pyarrow as pa

DATA_DIR = Path(__file__).resolve().parent / "data"
SURNAME_KINDS = frozenset({"transliteration", "surname"})

__all__ = [
    "DATA_DIR",
    "forename_roots",
    "forename_roots_table",
    "names_equivalent",
    "surname_key",
    "surname_keys_table",
]


def _data_rows(name: str) -> list[dict[str, str]]:
    text = (DATA_DIR / name).read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


@cache
def _formal_names_of() -> dict[str, frozenset[str]]:
    """nickname -> the formal names it is a nickname of."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in _data_rows("nicknames.csv"):
        found[row["nickname"].strip().lower()].add(row["formal"].strip().lower())
    return {name: frozenset(formals) for name, formals in found.items()}


def _variant_groups(kinds: frozenset[str] | None = None) -> dict[str, set[str]]:
    """spelling -> canonical spellings of the groups it belongs to."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in _data_rows("name_variants.csv"):
        if kinds is not None and row["kind"] not in kinds:
            continue
        canonical = _clean(row["canonical"])
        for spelling in [row["canonical"], *row["variants"].split(";")]:
            found[_clean(spelling)].add(canonical)
    return found


_FOLD = str.maketrans("łøßæđı", "losadi")


def _clean(name: str) -> str:
    """Lower case ASCII letters only, as the SQL features clean names."""
    folded = unicodedata.normalize("NFKD", name.strip().lower().translate(_FOLD))
    return "".join(ch for ch in folded if "a" <= ch <= "z")


@cache
def _forename_keys() -> dict[str, str]:
    """Blocking key: the smallest spelling-group canonical, else the smallest root."""
    groups = _variant_groups()
    return {
        name: min(groups[name]) if groups.get(name) else roots[0]
        for name, roots in _all_forename_roots().items()
    }


@cache
def _all_forename_roots() -> dict[str, tuple[str, ...]]:
    formal_names_of = _formal_names_of()
    groups = _variant_groups()
    roots: dict[str, tuple[str, ...]] = {}
    for name in set(formal_names_of) | set(groups) | _all_formal_names():
        found = {name, *formal_names_of.get(name, ())}
        for canonical in groups.get(name, ()):
            found |= {canonical, *formal_names_of.get(canonical, ())}
        roots[name] = tuple(sorted(found))
    return roots


def _all_formal_names() -> set[str]:
    return {formal for formals in _formal_names_of().values() for formal in formals}


def forename_roots(name: str) -> tuple[str, ...]:
    """The roots of one cleaned forename (the name itself when it is in no table)."""
    cleaned = _clean(name)
    return _all_forename_roots().get(cleaned, (cleaned,))


def names_equivalent(first: str, second: str) -> bool:
    """True when two forenames are the same name written differently (or identical)."""
    return bool(set(forename_roots(first)) & set(forename_roots(second)))


@cache
def _surname_keys() -> dict[str, str]:
    return {
        spelling: min(canonicals) for spelling, canonicals in _variant_groups(SURNAME_KINDS).items()
    }


def surname_key(surname: str) -> str:
    """The canonical spelling of a surname (itself when it is in no group)."""
    cleaned = _clean(surname)
    return _surname_keys().get(cleaned, cleaned)


def forename_roots_table() -> pa.Table:
    """name, roots (list), key: for joining onto features in DuckDB."""
    roots = _all_forename_roots()
    names = sorted(roots)
    return pa.table(
        {
            "name": names,
            "roots": [list(roots[name]) for name in names],
            "key": [_forename_keys()[name] for name in names],
        }
    )


def surname_keys_table() -> pa.Table:
    """name, key: transliterated and variant surnames to one spelling."""
    keys = _surname_keys()
    names = sorted(keys)
    return pa.table({"name": names, "key": [keys[name] for name in names]})
