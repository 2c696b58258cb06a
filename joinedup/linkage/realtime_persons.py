"""Which person each record of the index in memory belongs to, and each person's records.

Positions are those of `realtime_memory.IndexMemory`. Person IDs are held once, as codes:
a numpy array gives the code of every record read from the file, a dict those of rows
added since. A person's records are found through the records sorted by code (read from
the file), copied into a set the first time the person changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa

__all__ = ["PersonTable"]

_NONE = -1


class PersonTable:
    """Person of each position, and positions of each person."""

    def __init__(self, persons: pa.Array[Any]) -> None:
        encoded = persons.dictionary_encode()
        self.names: list[str] = [str(name) for name in encoded.dictionary.to_pylist()]
        self.codes = np.array(encoded.indices.fill_null(_NONE).to_numpy(), dtype=np.int32)
        self._code_of = {name: code for code, name in enumerate(self.names)}
        self._size = len(self.codes)
        self._extra: dict[int, int] = {}
        present = self.codes[self.codes != _NONE]
        self._order = np.argsort(self.codes, kind="stable").astype(np.int32)[
            len(self.codes) - len(present) :
        ]
        counts = np.bincount(present, minlength=len(self.names))
        self._starts = np.concatenate([[0], np.cumsum(counts)])
        self._members: dict[int, set[int]] = {}

    def person_at(self, position: int) -> str | None:
        code = self._code_at(position)
        return None if code == _NONE else self.names[code]

    def members(self, person: str) -> set[int]:
        """The positions of `person`'s records (a live set: copy before changing persons)."""
        code = self._code_of.get(person)
        return set() if code is None else self._members_of(code)

    def assign(self, position: int, person: str | None, undo: list[Callable[[], None]]) -> None:
        """Move a position to `person` (None: to no person), logging how to move it back."""
        old = self._code_at(position)
        new = _NONE if person is None else self._code(person)
        if old == new:
            return
        if old != _NONE:
            self._members_of(old).discard(position)
        if new != _NONE:
            self._members_of(new).add(position)
        if position < self._size:
            self.codes[position] = new
        else:
            self._extra[position] = new
        previous = None if old == _NONE else self.names[old]
        undo.append(lambda: self.assign(position, previous, []))

    def _code_at(self, position: int) -> int:
        if position < self._size:
            return int(self.codes[position])
        return self._extra.get(position, _NONE)

    def _code(self, person: str) -> int:
        code = self._code_of.get(person)
        if code is None:
            code = self._code_of[person] = len(self.names)
            self.names.append(person)
            self._members[code] = set()
        return code

    def _members_of(self, code: int) -> set[int]:
        found = self._members.get(code)
        if found is None:
            start, end = self._starts[code], self._starts[code + 1]
            found = self._members[code] = set(self._order[start:end].tolist())
        return found
