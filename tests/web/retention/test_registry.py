"""Another app's records, retained through the registry without the retention app
knowing their models: found due, listed, destroyed on approval or refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.retention import registry
from joinedup.web.retention.models import DestructionLog, RetentionDecision
from joinedup.web.retention.registry import (
    Destroyed,
    DestructionRefused,
    RecordKind,
    RetainedRecord,
)
from joinedup.web.retention.services.decisions import Choice, approve, decide
from joinedup.web.retention.services.due import current_record, records_due
from joinedup.web.retention.services.schedule import Schedule

pytestmark = pytest.mark.django_db

MINUTES = {"M-1": date(1980, 5, 1)}  # meeting key -> the day of the meeting
DESTROYED: list[str] = []


def _find_due(as_of: date, schedule: Schedule) -> Iterator[RetainedRecord]:
    from joinedup.web.retention.services.rules import Facts

    for key, held in MINUTES.items():
        due = schedule.due("mace_minutes", Facts(recorded=held, about_a_person=False))
        if due is not None and due.on <= as_of:
            yield RetainedRecord("mace_minutes", key, f"Minutes {key}", "", due.trigger,
                                 due.on, "mace_minutes")  # fmt: skip


def _destroy(key: str, decision: Any) -> Destroyed:
    if key == "REFUSE":
        raise DestructionRefused("An action from this meeting is still open.")
    DESTROYED.append(key)
    return Destroyed({"meetings.Minutes": 1})


@pytest.fixture
def minutes_kind() -> Iterator[None]:
    registry.register(RecordKind("mace_minutes", "MACE minutes", _find_due, _destroy))
    DESTROYED.clear()
    yield
    registry.unregister("mace_minutes")


def test_a_registered_kind_is_listed_when_due_and_destroyed_on_approval(
    minutes_kind: None, make_user: Any
) -> None:
    due = [d for d in records_due(timezone.localdate()) if d.record.kind == "mace_minutes"]
    assert [(d.record.key, d.kind_label, d.record.due) for d in due] == [
        ("M-1", "MACE minutes", date(2015, 5, 1))
    ]
    record = current_record("mace_minutes", "M-1", timezone.localdate())
    assert record is not None
    decision = decide(make_user("administrator"), record, Choice("destroy", "35 years on"))
    log = approve(make_user("administrator"), decision, "Checked")
    assert DESTROYED == ["M-1"] and log.counts == {"meetings.Minutes": 1}


def test_a_kind_that_refuses_leaves_the_decision_awaiting_and_no_log(
    minutes_kind: None, make_user: Any
) -> None:
    MINUTES["REFUSE"] = date(1970, 1, 1)
    try:
        record = current_record("mace_minutes", "REFUSE", timezone.localdate())
        assert record is not None
        decision = decide(make_user("administrator"), record, Choice("destroy", "Old"))
        with pytest.raises(DestructionRefused, match="still open"):
            approve(make_user("administrator"), decision, "Checked")
    finally:
        del MINUTES["REFUSE"]
    assert RetentionDecision.objects.get().status == "awaiting"
    assert not DestructionLog.objects.exists()


def test_the_built_in_kinds_are_registered() -> None:
    assert {"agency_record", "case"} <= {k.code for k in registry.kinds()}
