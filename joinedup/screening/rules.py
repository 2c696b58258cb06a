"""Screening rule files: loaded, checked and frozen.

A rule file (YAML, format in docs/screening.md) names its scheme and version, cites its
sources, sets points and windows per category, the grade bands, the grades that prompt
a referral, hard floors and the indicator rules. A file may `extends:` another (by path
relative to itself) and replace its grading while keeping its rules. Anything invalid
raises `RuleFileError` naming the file, the rule and the problem; nothing is half-loaded.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from joinedup.screening import rules_parse as parse
from joinedup.screening.errors import RuleFileError

__all__ = [
    "Floor",
    "GradeBand",
    "PointsBand",
    "Rule",
    "RuleFile",
    "default_rules_path",
    "load_rule_file",
    "shipped_rule_files",
]

PointsBand = parse.PointsBand
GradeBand = parse.GradeBand
Floor = parse.Floor
Rule = parse.Rule


@dataclass(frozen=True, slots=True)
class RuleFile:
    """A validated scheme: everything evaluation needs, and where it came from."""

    path: str
    scheme: str
    title: str
    version: str
    """The file's version; `own+parent-version` when it extends another file."""
    digest: str
    """SHA-256 (first 12 hex digits) of the file and any file it extends."""
    sources: dict[str, str]
    grades: tuple[GradeBand, ...]
    prompt_grades: tuple[str, ...]
    floors: tuple[Floor, ...]
    rules: tuple[Rule, ...]
    protective_actions: tuple[str, ...]
    """Event types that count as a protective action (could-have-known analysis)."""

    def rule(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)

    def grade_rank(self, grade: str) -> int:
        return [g.id for g in self.grades].index(grade)


def shipped_rule_files() -> list[Path]:
    """The rule files that come with joinedup (seraf.yaml is the default)."""
    folder = resources.files("joinedup.screening").joinpath("rules")
    return sorted(Path(str(folder)).glob("*.yaml"))


def default_rules_path() -> Path:
    return Path(str(resources.files("joinedup.screening").joinpath("rules/seraf.yaml")))


def _read(path: Path) -> tuple[dict[str, Any], bytes]:
    try:
        raw = path.read_bytes()
        data = yaml.safe_load(raw)
    except OSError as error:
        raise RuleFileError(str(path), f"cannot be read: {error.strerror}") from error
    except yaml.YAMLError as error:
        raise RuleFileError(str(path), f"is not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise RuleFileError(str(path), "expected a mapping with scheme, version and rules")
    return data, raw


def _merged(path: Path, seen: tuple[Path, ...] = ()) -> tuple[dict[str, Any], str, bytes]:
    """The file's data over its parent's; its version string; the bytes of both."""
    data, raw = _read(path)
    if "extends" not in data:
        return data, str(data.get("version", "")), raw
    parent_path = (path.parent / str(data["extends"])).resolve()
    if parent_path in seen or parent_path == path.resolve():
        raise RuleFileError(str(path), "extends itself in a loop", section="extends")
    parent, parent_version, parent_raw = _merged(parent_path, (*seen, path.resolve()))
    merged = {**parent, **{k: v for k, v in data.items() if k != "extends"}}
    merged["sources"] = {**parent.get("sources", {}), **data.get("sources", {})}
    version = f"{data.get('version', '')}+{parent.get('scheme', '')}-{parent_version}"
    return merged, version, parent_raw + raw


@cache
def _load_cached(path: Path, mtime_ns: int) -> RuleFile:
    data, version, raw = _merged(path)
    checker = parse.Checker(str(path))
    return RuleFile(
        path=str(path),
        scheme=checker.text(data, "scheme"),
        title=str(data.get("title", data.get("scheme", ""))),
        version=version if checker.text(data, "version") else "",
        digest=hashlib.sha256(raw).hexdigest()[:12],
        sources=checker.sources(data),
        grades=(grades := checker.grades(data)),
        prompt_grades=checker.prompt_grades(data, grades),
        floors=checker.floors(data, grades),
        rules=checker.rules(data),
        protective_actions=checker.protective_actions(data),
    )


def load_rule_file(path: Path | str | None = None) -> RuleFile:
    """Load and validate a rule file (the shipped SERAF file when `path` is None)."""
    chosen = Path(path) if path is not None else default_rules_path()
    if not chosen.is_file():
        raise RuleFileError(str(chosen), "no such rule file")
    return _load_cached(chosen.resolve(), chosen.stat().st_mtime_ns)
