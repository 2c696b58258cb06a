"""The retention schedule (data/schedule.yaml): record types, their rules and sources.

The file is data: each record type has a label, what is kept for how long (`keep`), the
rule the dates are worked out by (services/rules.py), what it counts from, its basis
(statute, guidance or local policy) and its sources. `JOINEDUP_RETENTION_SCHEDULE` names
another file to use instead (docs/retention.md). A bad file raises ConfigurationError
naming the file and the entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from joinedup import config
from joinedup.errors import ConfigurationError
from joinedup.web.retention.services.rules import Due, Facts, check_rule, due_date

__all__ = ["SETTING", "RecordType", "Schedule", "load_schedule", "schedule_path"]

SETTING = "JOINEDUP_RETENTION_SCHEDULE"
SHIPPED = Path(__file__).resolve().parent.parent / "data" / "schedule.yaml"
BASES = {"statute": "Statute", "guidance": "Guidance", "local policy": "Local policy"}


@dataclass(frozen=True, slots=True)
class RecordType:
    code: str
    label: str
    keep: str
    rule: Mapping[str, Any]
    counts_from: str
    basis: str
    sources: tuple[str, ...]
    note: str = ""

    @property
    def basis_label(self) -> str:
        return BASES[self.basis]


@dataclass(frozen=True, slots=True)
class Schedule:
    version: str
    path: str
    sources: Mapping[str, str]
    record_types: Mapping[str, RecordType]
    classify_by_events: Mapping[str, frozenset[str]]
    agency_defaults: Mapping[str, str]

    def record_type(self, code: str) -> RecordType:
        return self.record_types[code]

    def classify(self, event_types: set[str], agency_kind: str) -> RecordType:
        """The first type whose events the record carries, else the agency's default."""
        for code, events in self.classify_by_events.items():
            if events & event_types:
                return self.record_types[code]
        code = self.agency_defaults.get(agency_kind) or self.agency_defaults["*"]
        return self.record_types[code]

    def due(self, code: str, facts: Facts) -> Due | None:
        return due_date(self.record_types[code].rule, facts)


def schedule_path() -> Path:
    """The schedule file: JOINEDUP_RETENTION_SCHEDULE if set, else the shipped one."""
    chosen = config.get(SETTING)
    return Path(chosen) if chosen else SHIPPED


def load_schedule(path: Path | None = None) -> Schedule:
    """The schedule, read again whenever the file changes."""
    path = path or schedule_path()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as error:
        raise ConfigurationError(f"{path}: the retention schedule cannot be read") from error
    return _read(str(path), stamp)


@lru_cache(maxsize=4)
def _read(path: str, stamp: int) -> Schedule:
    data = yaml.safe_load(Path(path).read_text("utf-8"))
    if not isinstance(data, dict) or not data.get("version") or not data.get("record_types"):
        raise ConfigurationError(f"{path}: expected a mapping with version and record_types")
    sources = {str(k): str(v) for k, v in (data.get("sources") or {}).items()}
    types = {str(code): _record_type(path, str(code), entry, sources)
             for code, entry in data["record_types"].items()}  # fmt: skip
    classify = {str(code): frozenset(events or ())
                for code, events in (data.get("classify_by_events") or {}).items()}  # fmt: skip
    defaults = {str(k): str(v) for k, v in (data.get("agency_defaults") or {}).items()}
    _check_references(path, types, [*classify, *defaults.values()], "*" in defaults)
    return Schedule(str(data["version"]), path, sources, types, classify, defaults)


def _record_type(path: str, code: str, entry: Any, sources: Mapping[str, str]) -> RecordType:
    where = f"{path}: record_types: {code}"
    if not isinstance(entry, dict):
        raise ConfigurationError(f"{where}: expected a mapping")
    missing = [k for k in ("label", "keep", "rule", "counts_from", "basis") if not entry.get(k)]
    if missing:
        raise ConfigurationError(f"{where}: missing {', '.join(missing)}")
    if entry["basis"] not in BASES:
        raise ConfigurationError(f"{where}: basis must be one of {', '.join(BASES)}")
    cited = tuple(str(s) for s in entry.get("sources") or ())
    if not cited or set(cited) - set(sources):
        raise ConfigurationError(f"{where}: sources must name entries of `sources`")
    check_rule(entry["rule"], where)
    return RecordType(code, str(entry["label"]), str(entry["keep"]), entry["rule"],
                      str(entry["counts_from"]), str(entry["basis"]), cited,
                      str(entry.get("note") or ""))  # fmt: skip


def _check_references(path: str, types: Mapping[str, RecordType], named: list[str],
                      has_fallback: bool) -> None:  # fmt: skip
    unknown = sorted(set(named) - set(types))
    if unknown:
        raise ConfigurationError(f"{path}: unknown record types named: {', '.join(unknown)}")
    if not has_fallback:
        raise ConfigurationError(f'{path}: agency_defaults needs a "*" entry')
