"""`joinedup audit verify` finds every kind of tampering and names the entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from joinedup.cli.main import cli
from joinedup.web.audit.chain import entry_hash
from joinedup.web.audit.checking import anchor_chain, verify_audit_log
from joinedup.web.audit.models import AuditEntry
from tests.web.audit.conftest import Tamper

pytestmark = pytest.mark.usefixtures("chain")


def messages(anchors: Path | None = None) -> list[str]:
    return [p.message for p in verify_audit_log(anchors).problems]


def verify(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "240"}).invoke(cli, ["audit", "verify", *args])


def rehash(tamper: Tamper, sequence: int, prev_hash: str | None = None) -> str:
    """Recompute an entry's hash as an attacker who knows the format would."""
    entry = AuditEntry.objects.values().get(sequence=sequence)
    if prev_hash is not None:
        entry["prev_hash"] = prev_hash
    new = entry_hash(entry["prev_hash"], entry)
    tamper(
        "UPDATE audit_auditentry SET prev_hash = %s, hash = %s WHERE sequence = %s",
        entry["prev_hash"], new, sequence,
    )  # fmt: skip
    return new


def test_intact_chain_verifies_with_exit_0(tmp_path: Path) -> None:
    assert messages(tmp_path / "none.jsonl") == []
    result = verify("--anchors", str(tmp_path / "none.jsonl"))
    assert result.exit_code == 0, result.output
    assert "Audit log intact: 5 entries" in result.output


def test_altered_purpose_is_named(tamper: Tamper, tmp_path: Path) -> None:
    tamper("UPDATE audit_auditentry SET purpose = 'routine' WHERE sequence = 4")
    assert messages() == ["entry 4 was altered: its hash does not match its contents"]
    result = verify()
    assert result.exit_code == 1
    assert "entry 4 was altered" in result.output


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("actor_username", "carol"),
        ("target_id", "P-9"),
        ("occurred_at", "2020-01-01 00:00:00"),
        ("detail", '{"reason": "routine"}'),
        ("basis", "allocation"),
    ],
)
def test_any_altered_field_is_named(tamper: Tamper, column: str, value: str) -> None:
    tamper(f"UPDATE audit_auditentry SET {column} = %s WHERE sequence = 4", value)
    assert messages() == ["entry 4 was altered: its hash does not match its contents"]


def test_removed_entry_is_named(tamper: Tamper) -> None:
    tamper("DELETE FROM audit_auditentry WHERE sequence = 3")
    assert messages() == ["entry 3 is missing or the chain was broken between 2 and 4"]
    result = verify()
    assert result.exit_code == 1
    assert "entry 3 is missing or the chain was broken between 2 and 4" in result.output


def test_removed_run_of_entries_is_named(tamper: Tamper) -> None:
    tamper("DELETE FROM audit_auditentry WHERE sequence IN (2, 3)")
    assert messages() == ["entries 2–3 are missing or the chain was broken between 1 and 4"]


def test_removed_first_entry_is_named(tamper: Tamper) -> None:
    tamper("DELETE FROM audit_auditentry WHERE sequence = 1")
    assert messages() == [
        "entry 1 is missing or the chain was broken before 2 (the log starts there)"
    ]


def test_removed_last_entry_is_caught_by_the_chain_head(tamper: Tamper) -> None:
    tamper("DELETE FROM audit_auditentry WHERE sequence = 5")
    assert messages() == [
        "entry 5 is missing from the end of the log (the chain head records entry 5)"
    ]


def test_removed_last_entry_with_head_rewound_is_caught_by_an_anchor(
    tamper: Tamper, tmp_path: Path
) -> None:
    anchors = tmp_path / "anchors.jsonl"
    anchor_chain(anchors)
    fourth = AuditEntry.objects.get(sequence=4).hash
    tamper("DELETE FROM audit_auditentry WHERE sequence = 5")
    tamper("UPDATE audit_audithead SET sequence = 4, hash = %s", fourth)
    assert messages(tmp_path / "none.jsonl") == []  # undetectable without the anchor...
    found = messages(anchors)  # ...and caught with it
    assert len(found) == 1
    assert found[0].startswith("the anchor written at ")
    assert found[0].endswith("records entry 5, but the log ends at entry 4: entries were removed")


def test_swapped_entries_are_reported_as_reordered(tamper: Tamper) -> None:
    tamper("UPDATE audit_auditentry SET sequence = -2 WHERE sequence = 2")
    tamper("UPDATE audit_auditentry SET sequence = 2 WHERE sequence = 3")
    tamper("UPDATE audit_auditentry SET sequence = 3 WHERE sequence = -2")
    assert messages() == [
        "entry 2 holds what was recorded as entry 3: entries were renumbered or reordered",
        "entry 3 holds what was recorded as entry 2: entries were renumbered or reordered",
    ]
    result = verify()
    assert result.exit_code == 1
    assert "entry 2 holds what was recorded as entry 3" in result.output


def test_altered_and_rehashed_entry_breaks_the_next_link(tamper: Tamper) -> None:
    tamper("UPDATE audit_auditentry SET purpose = 'routine' WHERE sequence = 3")
    rehash(tamper, 3)
    assert messages() == [
        "the chain was broken between 3 and 4: entry 4 does not follow entry 3 (one of them "
        "was altered and re-hashed, or entries were removed and renumbered)"
    ]


def test_removed_and_renumbered_entries_are_found(tamper: Tamper) -> None:
    tamper("DELETE FROM audit_auditentry WHERE sequence = 3")
    tamper("UPDATE audit_auditentry SET sequence = 3 WHERE sequence = 4")
    tamper("UPDATE audit_auditentry SET sequence = 4 WHERE sequence = 5")
    assert messages() == [
        "entry 3 holds what was recorded as entry 4: entries were renumbered or reordered",
        "entry 4 holds what was recorded as entry 5: entries were renumbered or reordered",
        "entry 5 is missing from the end of the log (the chain head records entry 5)",
    ]


def test_rewritten_tail_with_recomputed_hashes_is_caught_by_an_anchor(
    tamper: Tamper, tmp_path: Path
) -> None:
    anchors = tmp_path / "anchors.jsonl"
    anchor_chain(anchors)
    tamper("UPDATE audit_auditentry SET purpose = 'routine' WHERE sequence = 4")
    fourth = rehash(tamper, 4)
    fifth = rehash(tamper, 5, prev_hash=fourth)
    tamper("UPDATE audit_audithead SET hash = %s", fifth)
    assert messages(tmp_path / "none.jsonl") == []  # a perfect forgery inside the database
    found = messages(anchors)
    assert len(found) == 1
    assert found[0].startswith("entry 5 does not match the anchor written at ")
    result = verify("--anchors", str(anchors))
    assert result.exit_code == 1
    assert "entry 5 does not match the anchor" in result.output


def test_anchor_command_appends_and_verify_agrees(tmp_path: Path) -> None:
    anchors = tmp_path / "anchors.jsonl"
    runner = CliRunner()
    assert runner.invoke(cli, ["audit", "anchor", "--anchors", str(anchors)]).exit_code == 0
    assert runner.invoke(cli, ["audit", "anchor", "--anchors", str(anchors)]).exit_code == 0
    lines = [json.loads(line) for line in anchors.read_text().splitlines()]
    assert [line["sequence"] for line in lines] == [5, 5]
    assert lines[0]["hash"] == AuditEntry.objects.get(sequence=5).hash
    result = verify("--anchors", str(anchors))
    assert result.exit_code == 0
    assert "2 anchor(s) agree" in result.output


def test_unreadable_anchor_file_exits_2(tmp_path: Path) -> None:
    anchors = tmp_path / "anchors.jsonl"
    anchors.write_text("not json\n")
    result = verify("--anchors", str(anchors))
    assert result.exit_code == 2
    assert "line 1: expected an anchor" in result.output
