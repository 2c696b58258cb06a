"""The `when:` vocabulary of a rule: what an event must show for the rule to match it.

A condition is a mapping; every key in it must hold (AND). `any:` and `all:` take a list
of conditions. Each key becomes one SQL predicate over `child_events`, one row per event
a child took part in (see `evaluate.py`). The keys, documented in docs/screening.md:

    event_types, agencies, roles, summary_words, summary_excludes, place_kinds,
    at_night, with_vehicle, with_phone, with_older_person, with_other_child,
    place_named_in, any, all

A `ConditionProblem` carries what is wrong; `rules.py` names the file and rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from joinedup.records import vocabularies

__all__ = ["DEFAULT_CHILD_ROLES", "KEYS", "Condition", "ConditionProblem", "parse_condition"]

DEFAULT_CHILD_ROLES = ("subject", "victim")
"""The child's roles that count when a rule names none: not witness, reporter, etc."""

_OTHER_ROLES = ("subject", "victim", "suspect", "associate", "driver", "licence_holder")
"""Roles of another participant that count as being with them (not professionals)."""


class ConditionProblem(ValueError):
    """A `when:` condition is not valid; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class Condition:
    """One validated condition: its SQL predicate and whether it names the child's role."""

    sql: str
    names_roles: bool


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _in_list(column: str, values: tuple[str, ...]) -> str:
    return f"{column} in ({', '.join(_quote(v) for v in values)})"


def _strings(key: str, value: Any, vocabulary: str | None = None) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ConditionProblem(f"{key}: expected a non-empty list of text, found {value!r}")
    if vocabulary is not None:
        unknown = sorted(set(value) - vocabularies.codes(vocabulary))
        if unknown:
            raise ConditionProblem(
                f"{key}: {', '.join(unknown)} not in the {vocabulary} vocabulary"
            )
    return tuple(value)


def _flag(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConditionProblem(f"{key}: expected true or false, found {value!r}")
    return value


def _words_pattern(words: tuple[str, ...]) -> str:
    """Case-insensitive whole words or phrases: 'car' matches 'a car' but not 'cards'."""
    alternatives = "|".join(re.escape(w.strip()) for w in words)
    return _quote(rf"(?i)(?:^|\W)(?:{alternatives})(?:\W|$)")


def _summary_words(value: Any) -> str:
    pattern = _words_pattern(_strings("summary_words", value))
    return f"regexp_matches(coalesce(summary, ''), {pattern})"


def _summary_excludes(value: Any) -> str:
    pattern = _words_pattern(_strings("summary_excludes", value))
    return f"not regexp_matches(coalesce(summary, ''), {pattern})"


def _at_night(value: Any) -> str:
    night = "(occurred_precision = 'minute' and (hour_of_day >= 22 or hour_of_day < 6))"
    return night if _flag("at_night", value) else f"not {night}"


def _entity_flag(column: str) -> Callable[[Any], str]:
    def predicate(value: Any) -> str:
        return column if _flag(column, value) else f"not {column}"

    return predicate


def _settings(key: str, value: Any, allowed: set[str]) -> dict[str, Any]:
    if value is True:
        return {}
    if not isinstance(value, dict) or set(value) - allowed:
        raise ConditionProblem(f"{key}: expected true or a mapping of {sorted(allowed)}")
    return value


def _other_roles(key: str, settings: dict[str, Any]) -> str:
    roles = _strings(f"{key}.roles", settings.get("roles", list(_OTHER_ROLES)), "participant_role")
    return _in_list("o.role", roles)


def _with_older_person(value: Any) -> str:
    settings = _settings("with_older_person", value, {"years_older", "roles"})
    years = settings.get("years_older", 5)
    if not isinstance(years, int) or isinstance(years, bool) or years < 1:
        raise ConditionProblem(
            f"with_older_person.years_older: expected a whole number ≥ 1, found {years!r}"
        )
    roles = _other_roles("with_older_person", settings)
    older = f"o.dob <= child_dob - interval {years} year"
    return f"len(list_filter(others, lambda o: {roles} and {older})) > 0"


def _with_other_child(value: Any) -> str:
    roles = _other_roles("with_other_child", _settings("with_other_child", value, {"roles"}))
    child = "(o.dob > occurred_on - interval 18 year or (o.dob is null and o.age_group = 'child'))"
    return f"len(list_filter(others, lambda o: {roles} and {child})) > 0"


def _place_named_in(value: Any) -> str:
    kinds = ", ".join(_quote(k) for k in _strings("place_named_in", value, "event_type"))
    return f"list_has_any(named_before, [{kinds}])"


_LEAVES: dict[str, Callable[[Any], str]] = {
    "event_types": lambda v: _in_list("event_type", _strings("event_types", v, "event_type")),
    "agencies": lambda v: _in_list("agency", _strings("agencies", v)),
    "roles": lambda v: _in_list("role", _strings("roles", v, "participant_role")),
    "summary_words": _summary_words,
    "summary_excludes": _summary_excludes,
    "place_kinds": lambda v: _in_list("place_kind", _strings("place_kinds", v, "place_kind")),
    "at_night": _at_night,
    "with_vehicle": _entity_flag("has_vehicle"),
    "with_phone": _entity_flag("has_phone"),
    "with_older_person": _with_older_person,
    "with_other_child": _with_other_child,
    "place_named_in": _place_named_in,
}

KEYS = (*_LEAVES, "any", "all")
"""Every key a `when:` mapping may use (docs/screening.md documents each)."""


def _group(key: str, value: Any) -> Condition:
    if not isinstance(value, list) or not value:
        raise ConditionProblem(f"{key}: expected a non-empty list of conditions")
    parts = [parse_condition(v) for v in value]
    joiner = " or " if key == "any" else " and "
    sql = "(" + joiner.join(f"({p.sql})" for p in parts) + ")"
    return Condition(sql, any(p.names_roles for p in parts))


def parse_condition(when: Any) -> Condition:
    """Validate a `when:` mapping and compile it to one SQL predicate."""
    if not isinstance(when, dict) or not when:
        raise ConditionProblem(f"when: expected a non-empty mapping, found {when!r}")
    unknown = sorted(set(when) - set(KEYS))
    if unknown:
        raise ConditionProblem(f"unknown condition {unknown[0]!r}; known: {', '.join(KEYS)}")
    parts = [
        _group(k, v) if k in ("any", "all") else Condition(_LEAVES[k](v), k == "roles")
        for k, v in when.items()
    ]
    sql = " and ".join(f"({p.sql})" for p in parts)
    return Condition(sql, any(p.names_roles for p in parts))
