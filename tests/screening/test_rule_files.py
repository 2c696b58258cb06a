"""An invalid rule file is refused with a message naming the file, the rule and the problem;
a partnership changes a rule by editing YAML only."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from joinedup.errors import InputError
from joinedup.screening import RuleFileError, default_rules_path, load_rule_file, screen_children
from tests.screening.histories import AS_OF, build_history


def _write(
    tmp_path: Path, change: dict[str, object], rule: dict[str, object] | None = None
) -> Path:
    data = yaml.safe_load(default_rules_path().read_text(encoding="utf-8"))
    data.update(change)
    if rule is not None:
        data["rules"] = [*data["rules"], rule]
    path = tmp_path / "local.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


GOOD = {
    "id": "local_taxi_rank",
    "label": "Seen at the taxi rank at night",
    "category": "moderate",
    "source": "JOINEDUP",
    "when": {"place_kinds": ["taxi_firm"]},
}


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        (
            {**GOOD, "when": {"event_types": ["missing"]}},
            "missing not in the event_type vocabulary",
        ),
        ({**GOOD, "when": {"summary_word": ["x"]}}, "unknown condition 'summary_word'"),
        ({**GOOD, "source": "S999"}, "not among the file's sources"),
        ({**GOOD, "category": "severe"}, "category: expected one of"),
        ({**GOOD, "windw": 6}, "unknown key 'windw'"),
        ({**GOOD, "window": -1}, "window: expected months"),
        ({**GOOD, "label": "Child putting themselves at risk"}, "blaming language"),
        ({**GOOD, "min_count": 0}, "min_count"),
        ({**GOOD, "when": {"with_older_person": {"years_older": "five"}}}, "years_older"),
        ({**GOOD, "id": "moderate_sexually_transmitted_infection"}, "same id"),
    ],
)
def test_an_invalid_rule_is_refused_naming_file_rule_and_problem(
    tmp_path: Path, rule: dict[str, object], problem: str
) -> None:
    path = _write(tmp_path, {}, rule)
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(path)
    assert isinstance(caught.value, InputError)
    assert str(path) in str(caught.value) and f"rule {rule['id']!r}" in str(caught.value)
    assert problem in str(caught.value)


@pytest.mark.parametrize(
    ("change", "section"),
    [
        ({"grades": [{"id": "a", "min_score": 3}, {"id": "b", "min_score": 1}]}, "grades"),
        ({"prompt_grades": ["severe"]}, "prompt_grades"),
        ({"sources": []}, "sources"),
    ],
)
def test_an_invalid_section_is_refused_naming_it(
    tmp_path: Path, change: dict[str, object], section: str
) -> None:
    with pytest.raises(RuleFileError, match=f"section {section!r}"):
        load_rule_file(_write(tmp_path, change))


def test_a_file_that_is_not_yaml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("rules: [\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="not valid YAML"):
        load_rule_file(path)


def test_a_partnership_adds_a_rule_without_touching_code(tmp_path: Path) -> None:
    rules = load_rule_file(_write(tmp_path, {"version": "1.1.0-local"}, GOOD))
    history = build_history(
        [{"type": "police_incident", "agency": "POL", "place_kind": "taxi_firm"}]
    )
    [result] = screen_children(history, rules, as_of=AS_OF)
    assert result.indicator_ids == ("local_taxi_rank",) and result.rules_version == "1.1.0-local"


def test_extending_a_file_inherits_its_rules(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        yaml.safe_dump({"extends": str(default_rules_path()), "scheme": "mine", "version": "2"}),
        encoding="utf-8",
    )
    rules = load_rule_file(path)
    assert rules.version == f"2+seraf-{load_rule_file().version}"
    assert [r.id for r in rules.rules] == [r.id for r in load_rule_file().rules]


def test_a_file_extending_itself_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text(yaml.safe_dump({"extends": "loop.yaml"}), encoding="utf-8")
    with pytest.raises(RuleFileError, match="loop"):
        load_rule_file(path)
