"""Cells and the sums that tie them together, across one table or many.

A cell is named by what it counts: a `CellKey` is the sorted (variable, category) pairs that
select it, and a margin simply leaves its variable out. So the "Total" row of an ethnicity ×
year table and the "Total" row of a sex × year table both name `(("year", "2024"),)`: the same
cell, wherever it is published. From the set of published keys come the additive
`Relation`s an attacker can use: a key without variable V equals the sum of the keys that add
each top-level category of V, and a parent category (in a declared hierarchy) equals the sum
of its children. A relation is added only when every part is published somewhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from scipy.sparse import csr_array

__all__ = [
    "CellKey",
    "Hierarchies",
    "Relation",
    "find_relations",
    "key_of",
    "relation_matrix",
    "unbalanced",
]

CellKey = tuple[tuple[str, str], ...]
Hierarchies = Mapping[str, Mapping[str, Sequence[str]]]
"""variable → parent category → its child categories (e.g. age: Under 16 → 0-12, 13-15)."""


def key_of(pairs: Iterable[tuple[str, str]]) -> CellKey:
    """A CellKey from (variable, category) pairs, in a canonical order."""
    return tuple(sorted(pairs))


@dataclass(frozen=True, slots=True)
class Relation:
    """`total` is the sum of `parts`; `variable` is what the parts break the total down by."""

    total: CellKey
    parts: tuple[CellKey, ...]
    variable: str


def find_relations(
    keys: Iterable[CellKey], hierarchies: Hierarchies | None = None
) -> list[Relation]:
    """Every additive relation among `keys` (each with all its parts present)."""
    present = set(keys)
    hierarchies = hierarchies or {}
    categories = _categories(present)
    top = {
        variable: sorted(found - _children(hierarchies.get(variable, {})))
        for variable, found in categories.items()
    }
    relations: dict[tuple[CellKey, str, tuple[CellKey, ...]], Relation] = {}
    for key in sorted(present):
        for variable in sorted(categories):
            for parts in _breakdowns(key, variable, top[variable], hierarchies.get(variable, {})):
                if parts and all(p in present for p in parts):
                    relation = Relation(key, tuple(parts), variable)
                    relations[(key, variable, relation.parts)] = relation
    return list(relations.values())


def unbalanced(relations: Iterable[Relation], values: Mapping[CellKey, int]) -> list[Relation]:
    """The relations whose total is not the sum of its parts in `values`."""
    return [r for r in relations if values[r.total] != sum(values[p] for p in r.parts)]


def relation_matrix(relations: Sequence[tuple[int, Sequence[int]]], n: int) -> csr_array:
    """One row per relation over `n` cells by index: +1 for each part, -1 for the total."""
    rows, columns, signs = [], [], []
    for r, (total, parts) in enumerate(relations):
        for column, sign in [*((p, 1.0) for p in parts), (total, -1.0)]:
            rows.append(r)
            columns.append(column)
            signs.append(sign)
    return csr_array((signs, (rows, columns)), shape=(max(len(relations), 1), n))


def _categories(keys: set[CellKey]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        for variable, category in key:
            found[variable].add(category)
    return found


def _children(hierarchy: Mapping[str, Sequence[str]]) -> set[str]:
    return {child for children in hierarchy.values() for child in children}


def _breakdowns(
    key: CellKey, variable: str, top: list[str], hierarchy: Mapping[str, Sequence[str]]
) -> list[list[CellKey]]:
    """The ways `key` breaks down over `variable`: into its top-level categories when `key`
    is a margin over it, into its children when `key` holds a parent category."""
    others = [pair for pair in key if pair[0] != variable]
    held = [category for name, category in key if name == variable]
    if not held:
        return [[key_of([*others, (variable, c)]) for c in top]]
    children = hierarchy.get(held[0])
    if not children:
        return []
    return [[key_of([*others, (variable, c)]) for c in children]]
