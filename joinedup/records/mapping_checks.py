"""Typed checks of a mapping file's values, each raising MappingError naming its key."""

from __future__ import annotations

from typing import Any, NoReturn

from joinedup.errors import MappingError
from joinedup.records import vocabularies

__all__ = ["KeyChecker"]


class KeyChecker:
    """Small typed checks that raise MappingError naming the key that is wrong."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, key: str, problem: str) -> NoReturn:
        raise MappingError(self.path, key, problem)

    def keys(self, data: dict[str, Any], key: str, allowed: frozenset[str]) -> None:
        for name in data:
            if name not in allowed:
                where = f"{key}.{name}" if key else str(name)
                self.fail(where, f"unknown key; expected one of {', '.join(sorted(allowed))}")

    def mapping(self, raw: Any, key: str) -> dict[str, Any]:
        if not isinstance(raw, dict):
            self.fail(key, f"found {type(raw).__name__}, expected a mapping of keys to values")
        return raw

    def sequence(self, raw: Any, key: str) -> list[Any]:
        if not isinstance(raw, list):
            self.fail(key, f"found {type(raw).__name__}, expected a list")
        return raw

    def text(self, raw: Any, key: str, strip: bool = True) -> str:
        if not isinstance(raw, str) or not (raw.strip() if strip else raw):
            self.fail(key, f"found {raw!r}, expected some text")
        return raw.strip() if strip else raw

    def optional_text(self, raw: Any, key: str) -> str | None:
        return None if raw is None else self.text(raw, key)

    def code(self, raw: Any, key: str, vocabulary: str) -> str:
        code = self.constant(raw, key)
        accepted = vocabularies.codes(vocabulary)
        if code not in accepted:
            shown = ", ".join(sorted(accepted)[:20])
            self.fail(key, f"found {code!r}, expected a code of vocabulary {vocabulary}: {shown}")
        return code

    def constant(self, raw: Any, key: str) -> str:
        if isinstance(raw, bool) or raw is None:
            self.fail(key, f"found {raw!r}; quote yes/no/on/off values, e.g. 'Yes'")
        if isinstance(raw, dict | list):
            self.fail(key, f"found a {type(raw).__name__}, expected a single value")
        return str(raw)
