"""Audit fixtures: a short chain, and a way to tamper with it behind the triggers' back."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.db import connection

from joinedup.web.audit import triggers
from joinedup.web.audit.models import AuditEntry
from joinedup.web.audit.services import record_event


@dataclass
class FakeUser:
    pk: int
    username: str
    role: str
    is_authenticated: bool = True


ALICE = FakeUser(7, "alice", "specialist_practitioner")
BOB = FakeUser(8, "bob", "team_manager")

Tamper = Callable[..., None]


@pytest.fixture
def chain(db: None) -> list[AuditEntry]:
    """Five entries: views of two children by two people, and a failed sign-in."""
    return [
        record_event(ALICE, "person.view", target_type="person", target_id="P-1",
                     purpose="assessment", basis="allocation"),
        record_event(BOB, "person.view", target_type="person", target_id="P-2",
                     purpose="supervision", basis="agreement"),
        record_event(None, "sign_in.failure", detail={"username": "mallory"}),
        record_event(ALICE, "break_glass", target_type="person", target_id="P-3",
                     purpose="urgent", basis="break_glass", detail={"reason": "police at door"}),
        record_event(BOB, "chronology.download", target_type="person", target_id="P-2"),
    ]  # fmt: skip


@pytest.fixture
def tamper(db: None) -> Iterator[Tamper]:
    """Run raw SQL with the append-only triggers lifted (the test's transaction restores them)."""
    triggers.remove(connection)

    def run(sql: str, *params: object) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    yield run
    triggers.install(connection)
