"""Named, versioned disclosure-control profiles, loaded from `data/profiles/*.yaml`.

A profile has one or more *levels* (NHS: sub-national and national; DfE: local authority,
regional and national); a table is published at one level. A level can suppress a band of
small counts behind a symbol, round the other counts, write a symbol for counts that would
round to zero, and sets the protection margin secondary suppression must reach
(docs/disclosure.md, "Protection criterion").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from joinedup.errors import ConfigurationError, InputError

__all__ = [
    "PROFILE_DIR",
    "Level",
    "Profile",
    "Source",
    "load_profile",
    "round_count",
    "shipped_profile_names",
]

PROFILE_DIR = Path(__file__).resolve().parent / "data" / "profiles"
_PROFILE_KEYS = {
    "name", "version", "title", "sources", "decisions", "symbols", "default_level", "levels",
}  # fmt: skip
_LEVEL_KEYS = {"suppress", "round_to", "rounds_to_zero_symbol", "protection", "note"}


@dataclass(frozen=True, slots=True)
class Source:
    """Where a profile's rule comes from, and what that source says."""

    title: str
    url: str
    says: str


@dataclass(frozen=True, slots=True)
class Level:
    """The rules for one level of geography (or the only level)."""

    name: str
    suppress_from: int | None = None
    suppress_to: int | None = None
    symbol: str | None = None
    round_to: int | None = None
    rounds_to_zero_symbol: str | None = None
    protection: int = 0

    @property
    def suppresses(self) -> bool:
        return self.suppress_from is not None

    def is_primary(self, value: int) -> bool:
        """Whether `value` falls in the band this level suppresses."""
        if self.suppress_from is None or self.suppress_to is None:
            return False
        return self.suppress_from <= value <= self.suppress_to

    def rounds_to_zero(self, value: int) -> bool:
        """Whether `value` is non-zero but rounds to 0 and has its own symbol (DfE 'k')."""
        return (
            self.rounds_to_zero_symbol is not None
            and value > 0
            and round_count(value, self.round_to) == 0
        )


@dataclass(frozen=True, slots=True)
class Profile:
    """A named, versioned set of levels."""

    name: str
    version: int
    title: str
    sources: tuple[Source, ...]
    decisions: tuple[str, ...]
    symbols: Mapping[str, str]
    default_level: str
    levels: Mapping[str, Level]

    @property
    def id(self) -> str:
        """`nhs v1`: what every output records."""
        return f"{self.name} v{self.version}"

    def level(self, name: str | None = None) -> Level:
        chosen = name or self.default_level
        if chosen not in self.levels:
            raise InputError(
                f"profile {self.id} has no level {chosen!r}; expected one of "
                f"{', '.join(sorted(self.levels))}"
            )
        return self.levels[chosen]


def round_count(value: int, base: int | None) -> int:
    """`value` to the nearest multiple of `base`, halves up (base 10: 5 → 10); None: as is."""
    if not base:
        return value
    return (value + base // 2) // base * base


def shipped_profile_names() -> list[str]:
    return sorted(p.stem for p in PROFILE_DIR.glob("*.yaml"))


def load_profile(name_or_path: str | Path) -> Profile:
    """A shipped profile by name (`nhs`, `ons10`, `dfe`) or a profile file by path."""
    path = Path(name_or_path)
    if path.suffix not in {".yaml", ".yml"}:
        if str(name_or_path) not in shipped_profile_names():
            raise InputError(
                f"unknown disclosure profile {str(name_or_path)!r}; expected one of "
                f"{', '.join(shipped_profile_names())} or a profile .yaml file"
            )
        path = PROFILE_DIR / f"{name_or_path}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ConfigurationError(f"{path}: cannot read the profile: {error}") from error
    return _profile_from(data, str(path))


def _profile_from(data: Any, where: str) -> Profile:
    if not isinstance(data, dict):
        raise ConfigurationError(f"{where}: a profile is a mapping")
    _only(data, _PROFILE_KEYS, where)
    levels_data = _need(data, "levels", dict, where)
    levels = {
        str(n): _level_from(str(n), v, f"{where}: levels.{n}") for n, v in levels_data.items()
    }
    default = str(_need(data, "default_level", str, where))
    if default not in levels:
        raise ConfigurationError(f"{where}: default_level {default!r} is not one of the levels")
    sources = tuple(
        Source(str(s.get("title", "")), str(s.get("url", "")), str(s.get("says", "")))
        for s in _need(data, "sources", list, where)
    )
    if not sources or any(not s.url for s in sources):
        raise ConfigurationError(f"{where}: every profile cites at least one source with a url")
    return Profile(
        name=str(_need(data, "name", str, where)),
        version=int(_need(data, "version", int, where)),
        title=str(_need(data, "title", str, where)),
        sources=sources,
        decisions=tuple(str(d) for d in data.get("decisions") or ()),
        symbols={str(k): str(v) for k, v in (data.get("symbols") or {}).items()},
        default_level=default,
        levels=levels,
    )


def _level_from(name: str, data: Any, where: str) -> Level:
    if not isinstance(data, dict):
        raise ConfigurationError(f"{where}: a level is a mapping")
    _only(data, _LEVEL_KEYS, where)
    band = _band(data.get("suppress"), where)
    protection = data.get("protection", 0)
    if band and (not isinstance(protection, int) or protection < 1):
        raise ConfigurationError(f"{where}: a level that suppresses needs protection >= 1")
    round_to = data.get("round_to")
    if round_to is not None and (not isinstance(round_to, int) or round_to < 2):
        raise ConfigurationError(f"{where}: round_to is a whole number of at least 2")
    return Level(
        name=name,
        suppress_from=band[0] if band else None,
        suppress_to=band[1] if band else None,
        symbol=band[2] if band else None,
        round_to=round_to,
        rounds_to_zero_symbol=data.get("rounds_to_zero_symbol"),
        protection=int(protection),
    )


def _band(suppress: Any, where: str) -> tuple[int, int, str] | None:
    """`suppress: {from: 1, to: 7, symbol: "*"}` as (1, 7, "*"); None when absent."""
    if not suppress:
        return None
    low, high, symbol = suppress.get("from"), suppress.get("to"), suppress.get("symbol")
    if not isinstance(low, int) or not isinstance(high, int) or not symbol:
        raise ConfigurationError(f"{where}: suppress needs from, to (whole numbers) and symbol")
    if not 1 <= low <= high:
        raise ConfigurationError(f"{where}: suppress needs 1 <= from <= to")
    return low, high, str(symbol)


def _need(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    if not isinstance(data.get(key), kind):
        raise ConfigurationError(f"{where}: {key} is missing or not a {kind.__name__}")
    return data[key]


def _only(data: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ConfigurationError(f"{where}: unknown key(s) {', '.join(unknown)}")
