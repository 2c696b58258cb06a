"""docs/disclosure.md documents every shipped profile: its version, levels and sources."""

from __future__ import annotations

from pathlib import Path

from joinedup.disclosure import load_profile, shipped_profile_names

DOC = (Path(__file__).resolve().parents[2] / "docs" / "disclosure.md").read_text(encoding="utf-8")


def test_every_shipped_profile_level_and_source_is_documented() -> None:
    for name in shipped_profile_names():
        profile = load_profile(name)
        assert f"`{name}` v{profile.version}" in DOC
        assert f"`{name}.yaml`" in DOC
        missing = [level for level in profile.levels if f"`{level}`" not in DOC]
        assert missing == [], name
        assert [s.url for s in profile.sources if s.url not in DOC] == [], name


def test_the_command_contract_is_documented() -> None:
    assert "joinedup disclose TABLE.csv --profile nhs|ons10|dfe" in DOC
    assert "`row,column,reason`" in DOC
