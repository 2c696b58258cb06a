"""The chain check on its own (no database): many altered entries stay cheap to report."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from joinedup.web.audit import verification
from joinedup.web.audit.chain import GENESIS, entry_hash
from joinedup.web.audit.verification import Head, check_chain


def make_chain(length: int) -> list[dict[str, Any]]:
    entries, previous = [], GENESIS
    for sequence in range(1, length + 1):
        entry: dict[str, Any] = {
            "sequence": sequence, "occurred_at": datetime(2025, 1, 1, tzinfo=UTC),
            "actor_id": "1", "actor_username": "a", "actor_role": "auditor",
            "action": "person.view", "target_type": "person", "target_id": f"P-{sequence}",
            "purpose": "", "basis": "", "detail": {"n": sequence}, "ip_address": "",
            "user_agent": "", "prev_hash": previous,
        }  # fmt: skip
        entry["hash"] = previous = entry_hash(previous, entry)
        entries.append(entry)
    return entries


def test_an_untouched_chain_is_intact() -> None:
    entries = make_chain(50)
    report = check_chain(entries, Head(50, entries[-1]["hash"]))
    assert report.intact and report.entries_checked == 50


def test_many_altered_entries_are_listed_up_to_a_limit_and_counted_beyond(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(verification, "_LISTED_LIMIT", 100)
    entries = make_chain(300)
    for entry in entries[:250]:
        entry["purpose"] = "changed"
    report = check_chain(entries, Head(300, entries[-1]["hash"]))
    assert not report.intact
    assert len(report.problems) == 100 and report.problems_not_listed == 150
    assert report.first_problem is not None
    assert (
        report.first_problem.message == "entry 1 was altered: its hash does not match its contents"
    )
