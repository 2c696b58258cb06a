"""docs/screening.md documents every shipped rule, floor and `when:` key."""

from __future__ import annotations

from pathlib import Path

from joinedup.screening import load_rule_file, shipped_rule_files
from joinedup.screening.conditions import KEYS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "screening.md").read_text(encoding="utf-8")


def test_every_shipped_rule_and_file_is_documented() -> None:
    for path in shipped_rule_files():
        assert path.name in DOC
        missing = [r.id for r in load_rule_file(path).rules if f"`{r.id}`" not in DOC]
        assert missing == []


def test_every_condition_key_is_documented() -> None:
    assert [k for k in KEYS if f"`{k}`" not in DOC] == []
