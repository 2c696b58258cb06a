"""Checking each section of a rule file, and the frozen values it becomes.

Every problem raises `RuleFileError` with the file, the rule id (or section) and what
was expected. Labels are checked for blaming language: children do not put themselves
at risk, and exploitation is never "child prostitution" (DOMAIN.md §C, S38, S3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NoReturn

from joinedup.screening.conditions import (
    DEFAULT_CHILD_ROLES,
    ConditionProblem,
    parse_condition,
)
from joinedup.screening.errors import RuleFileError

__all__ = ["Checker", "Floor", "GradeBand", "PointsBand", "Rule"]

CATEGORIES = ("vulnerability", "moderate", "significant")
_ID = re.compile(r"^[a-z][a-z0-9_]{1,63}$")
_RULE_KEYS = {"id", "label", "category", "points", "window", "min_count", "source", "when"}
_FLOOR_KEYS = {"id", "label", "source", "child_age_under", "categories", "grade_at_least"}
BLAMING_PHRASES = (
    "putting themselves at risk", "puts themselves at risk", "put themselves at risk",
    "child prostitution", "prostitute", "promiscuous", "lifestyle choice", "consensual",
)  # fmt: skip
"""Phrases a label may not use (Southampton SERAF guidance, S38; IITCSE findings, S3)."""


@dataclass(frozen=True, slots=True)
class PointsBand:
    """`points` if the latest matching event is within `within_months` (None: ever)."""

    within_months: int | None
    points: int


@dataclass(frozen=True, slots=True)
class GradeBand:
    id: str
    label: str
    min_score: int


@dataclass(frozen=True, slots=True)
class Floor:
    """A hard rule: the grade is never below `grade_at_least` when its conditions hold."""

    id: str
    label: str
    source: str
    child_age_under: int | None
    categories: tuple[str, ...]
    """At least one indicator of one of these categories must be found (empty: none)."""
    grade_at_least: str


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    label: str
    category: str
    source: str
    points: tuple[PointsBand, ...]
    """Most recent band first; the first band the latest event falls in gives the points."""
    window_months: int | None
    """Events older than this (months before the evaluation date) are not evidence."""
    min_count: int
    when_sql: str


def _months(value: Any) -> int | None:
    if value == "ever":
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    raise ValueError(f"window: expected months (a whole number > 0) or 'ever', found {value!r}")


def _widest_last(band: tuple[int | None, Any]) -> tuple[bool, int]:
    return band[0] is None, band[0] or 0


def _bands(points: Any, window: Any) -> tuple[tuple[PointsBand, ...], int | None]:
    if isinstance(points, int) and not isinstance(points, bool) and points >= 0:
        months = _months(window)
        return (PointsBand(months, points),), months
    if not isinstance(points, dict) or not points:
        raise ValueError(f"points: expected a number or {{months: points}}, found {points!r}")
    bands = sorted(((_months(m), p) for m, p in points.items()), key=_widest_last)
    if any(not isinstance(p, int) or isinstance(p, bool) or p < 0 for _, p in bands):
        raise ValueError("points: each band's points must be a whole number ≥ 0")
    if window is not None and _months(window) != bands[-1][0]:
        raise ValueError("window: must equal the widest points band (or be left out)")
    return tuple(PointsBand(m, p) for m, p in bands), bands[-1][0]


class Checker:
    """Validates the sections of one (merged) rule file, naming `path` in every error."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.source_ids: set[str] = set()

    def fail(
        self, problem: str, rule_id: str | None = None, section: str | None = None
    ) -> NoReturn:
        raise RuleFileError(self.path, problem, rule_id=rule_id, section=section)

    def text(self, data: dict[str, Any], key: str, rule_id: str | None = None) -> str:
        value = data.get(key)
        if not isinstance(value, str | int | float) or not str(value).strip():
            self.fail(f"{key}: expected text, found {value!r}", rule_id, key)
        return str(value)

    def sources(self, data: dict[str, Any]) -> dict[str, str]:
        found = data.get("sources")
        if not isinstance(found, dict) or not found:
            self.fail("expected a mapping of source id to citation", section="sources")
        self.source_ids = {str(k) for k in found}
        return {str(k): str(v) for k, v in found.items()}

    def cited(self, value: Any, rule_id: str) -> str:
        ids = value if isinstance(value, list) else [value]
        missing = [str(i) for i in ids if str(i) not in self.source_ids]
        if not ids or missing or not all(isinstance(i, str) for i in ids):
            self.fail(f"source: {missing or value!r} not among the file's sources", rule_id)
        return ", ".join(ids)

    def label(self, data: dict[str, Any], rule_id: str) -> str:
        label = self.text(data, "label", rule_id)
        blaming = [p for p in BLAMING_PHRASES if p in label.lower()]
        if blaming:
            self.fail(f"label uses blaming language ({blaming[0]!r}); describe what an "
                      "adult does to the child or what is seen", rule_id)  # fmt: skip
        return label

    def protective_actions(self, data: dict[str, Any]) -> tuple[str, ...]:
        found = data.get("protective_actions")
        if not isinstance(found, dict) or set(found) - {"event_types", "source"}:
            self.fail("expected event_types and source", section="protective_actions")
        self.cited(found.get("source"), "protective_actions")
        try:
            parse_condition({"event_types": found.get("event_types")})
        except ConditionProblem as error:
            self.fail(str(error), section="protective_actions")
        return tuple(found["event_types"])

    def grades(self, data: dict[str, Any]) -> tuple[GradeBand, ...]:
        found = data.get("grades")
        if not isinstance(found, list) or len(found) < 2:
            self.fail("expected a list of at least two bands with id, label, min_score",
                      section="grades")  # fmt: skip
        bands = []
        for band in found:
            if not isinstance(band, dict) or not isinstance(band.get("min_score"), int):
                self.fail(f"each band needs id, label and a whole-number min_score: {band!r}",
                          section="grades")  # fmt: skip
            bands.append(GradeBand(str(band.get("id")), str(band.get("label", band.get("id"))),
                                   band["min_score"]))  # fmt: skip
        scores = [b.min_score for b in bands]
        if scores[0] != 0 or scores != sorted(set(scores)):
            self.fail("min_score must start at 0 and rise band by band", section="grades")
        return tuple(bands)

    def prompt_grades(self, data: dict[str, Any], grades: tuple[GradeBand, ...]) -> tuple[str, ...]:
        ids = [g.id for g in grades]
        found = data.get("prompt_grades", ids[-2:])
        if not isinstance(found, list) or not found or set(found) - set(ids):
            self.fail(f"expected grade ids among {ids}, found {found!r}", section="prompt_grades")
        return tuple(str(g) for g in found)

    def floors(self, data: dict[str, Any], grades: tuple[GradeBand, ...]) -> tuple[Floor, ...]:
        return tuple(self._floor(f, grades) for f in data.get("floors") or [])

    def _floor(self, floor: Any, grades: tuple[GradeBand, ...]) -> Floor:
        floor_id = str(floor.get("id")) if isinstance(floor, dict) else "?"
        if not isinstance(floor, dict) or set(floor) - _FLOOR_KEYS:
            self.fail(f"a floor takes only {sorted(_FLOOR_KEYS)}", floor_id)
        age, categories = floor.get("child_age_under"), floor.get("categories", [])
        if age is not None and (not isinstance(age, int) or not 0 < age <= 18):
            self.fail(f"child_age_under: expected an age 1-18, found {age!r}", floor_id)
        if not isinstance(categories, list) or set(categories) - set(CATEGORIES):
            self.fail(f"categories: expected some of {list(CATEGORIES)}", floor_id)
        if floor.get("grade_at_least") not in [g.id for g in grades]:
            self.fail(f"grade_at_least: {floor.get('grade_at_least')!r} is not a grade", floor_id)
        source = self.cited(floor.get("source"), floor_id)
        return Floor(floor_id, self.label(floor, floor_id), source, age, tuple(categories),
                     str(floor["grade_at_least"]))  # fmt: skip

    def rules(self, data: dict[str, Any]) -> tuple[Rule, ...]:
        found, defaults = data.get("rules"), data.get("categories") or {}
        if not isinstance(found, list) or not found:
            self.fail("expected a non-empty list of rules", section="rules")
        if not isinstance(defaults, dict) or set(defaults) - set(CATEGORIES):
            self.fail(f"expected defaults for some of {list(CATEGORIES)}", section="categories")
        rules = [self._rule(r, i, defaults) for i, r in enumerate(found, start=1)]
        seen: set[str] = set()
        for rule in rules:
            if rule.id in seen:
                self.fail("the same id is used by two rules", rule.id)
            seen.add(rule.id)
        return tuple(rules)

    def _rule(self, rule: Any, number: int, defaults: dict[str, Any]) -> Rule:
        rule_id = str(rule.get("id")) if isinstance(rule, dict) else f"#{number}"
        if not isinstance(rule, dict) or not _ID.match(rule_id):
            self.fail("id: expected lower_case_with_underscores (2-64 characters)", rule_id)
        if set(rule) - _RULE_KEYS:
            self.fail(f"unknown key {sorted(set(rule) - _RULE_KEYS)[0]!r}; "
                      f"a rule takes {sorted(_RULE_KEYS)}", rule_id)  # fmt: skip
        category = rule.get("category")
        if category not in CATEGORIES:
            self.fail(f"category: expected one of {list(CATEGORIES)}, found {category!r}", rule_id)
        return self._build(rule, rule_id, str(category), defaults.get(category) or {})

    def _build(self, rule: dict[str, Any], rule_id: str, category: str, default: Any) -> Rule:
        try:
            bands, window = _bands(rule.get("points", default.get("points")),
                                   rule.get("window", default.get("window")))  # fmt: skip
            condition = parse_condition(rule.get("when"))
        except (ValueError, ConditionProblem) as error:
            raise RuleFileError(self.path, str(error), rule_id=rule_id) from error
        min_count = rule.get("min_count", 1)
        if not isinstance(min_count, int) or isinstance(min_count, bool) or min_count < 1:
            self.fail(f"min_count: expected a whole number ≥ 1, found {min_count!r}", rule_id)
        sql = condition.sql
        if not condition.names_roles:
            roles = ", ".join(f"'{r}'" for r in DEFAULT_CHILD_ROLES)
            sql = f"({sql}) and role in ({roles})"
        source = self.cited(rule.get("source"), rule_id)
        label = self.label(rule, rule_id)
        return Rule(rule_id, label, category, source, bands, window, min_count, sql)
