"""Every shipped rule and floor fires on its example history and not on its counter-example.

The cases live in rule_cases.yaml, keyed by rule id: a new rule without a case fails here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from joinedup.screening import load_rule_file, screen_children, shipped_rule_files
from tests.screening.histories import AS_OF, CHILD, build_history

CASES: dict[str, dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "rule_cases.yaml").read_text(encoding="utf-8")
)
RULES = [(p.name, r.id) for p in shipped_rule_files() for r in load_rule_file(p).rules]
FLOORS = [(p.name, f.id) for p in shipped_rule_files() for f in load_rule_file(p).floors]


def _history(specs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], float]:
    age = next((s["child_age"] for s in specs if "child_age" in s), 14)
    return [{k: v for k, v in s.items() if k != "child_age"} for s in specs], age


def _screen(file_name: str, specs: list[dict[str, Any]]) -> Any:
    events, age = _history(specs)
    rules = load_rule_file(next(p for p in shipped_rule_files() if p.name == file_name))
    results = screen_children(build_history(events, age), rules, as_of=AS_OF)
    return next(r for r in results if r.person_id == CHILD)


def test_every_shipped_file_has_rules_and_floors() -> None:
    assert {p.name for p in shipped_rule_files()} >= {
        "seraf.yaml",
        "rag.yaml",
        "high_medium_lower.yaml",
    }
    assert len(RULES) >= 3 * 25 and len(FLOORS) == 3


@pytest.mark.parametrize(("file_name", "rule_id"), RULES)
def test_rule_fires_on_its_example_and_not_its_counter_example(
    file_name: str, rule_id: str
) -> None:
    case = CASES["rules"].get(rule_id)
    assert case is not None, f"{rule_id} in {file_name} has no case in rule_cases.yaml"
    assert rule_id in _screen(file_name, case["fires"]).indicator_ids
    assert rule_id not in _screen(file_name, case["does_not_fire"]).indicator_ids


@pytest.mark.parametrize(("file_name", "floor_id"), FLOORS)
def test_floor_lifts_the_grade_only_when_it_applies(file_name: str, floor_id: str) -> None:
    case = CASES["floors"].get(floor_id)
    assert case is not None, f"{floor_id} in {file_name} has no case in rule_cases.yaml"
    rules = load_rule_file(next(p for p in shipped_rule_files() if p.name == file_name))
    floor = next(f for f in rules.floors if f.id == floor_id)
    lifted, plain = _screen(file_name, case["fires"]), _screen(file_name, case["does_not_fire"])
    assert lifted.score == plain.score
    assert rules.grade_rank(lifted.suggested_grade) >= rules.grade_rank(floor.grade_at_least)
    assert rules.grade_rank(plain.suggested_grade) < rules.grade_rank(floor.grade_at_least)
