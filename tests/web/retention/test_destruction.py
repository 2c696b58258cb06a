"""Decision, then destruction: two people, one transaction, nothing personal in the log,
and a refusal when the record is still needed or now held."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.forms.models import model_to_dict
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.audit.models import AuditEntry
from joinedup.web.people.models import Person, PersonLink
from joinedup.web.records.models import (
    Event,
    EventParticipant,
    PersonOtherName,
    RecordVersion,
    SourcePerson,
)
from joinedup.web.retention.kinds import cases as case_kind
from joinedup.web.retention.kinds.common import delete_counting
from joinedup.web.retention.models import DestructionLog, LegalHold, RetentionDecision
from joinedup.web.retention.registry import DestructionRefused
from joinedup.web.retention.services.decisions import Choice, approve, decide, reject
from joinedup.web.retention.services.due import current_record, records_due
from tests.web.conftest import SignedInClient
from tests.web.retention.conftest import MakeRecord

pytestmark = pytest.mark.django_db

LOOKED_AFTER = [("looked_after_start", "1950-01-01"), ("placement_move", "1951-06-02")]
DESTROY = Choice("destroy", "Past the statutory period; no hold, no survivor request")


@pytest.fixture
def due_record(make_record: MakeRecord) -> SourcePerson:
    """A looked-after child's record due since 2015, one of whose events is shared."""
    record = make_record("CSC", "C-1", dob="1940-03-10", person_id="P-0000001",
                         events=LOOKED_AFTER)  # fmt: skip
    other = make_record("CSC", "C-2", dob="1990-01-01", person_id="P-0000002")
    shared = Event.objects.get(source_id="C-1-E2")
    EventParticipant.objects.create(event=shared, person=other, role="witness")
    return record


def _decided(decider: Any) -> RetentionDecision:
    record = current_record("agency_record", "CSC:C-1", timezone.localdate())
    assert record is not None
    return decide(decider, record, DESTROY)


def test_the_decider_cannot_approve_their_own_decision(
    due_record: SourcePerson, records_managers: tuple[Any, Any]
) -> None:
    decider, _ = records_managers
    decision = _decided(decider)
    assert decision.status == "awaiting"
    with pytest.raises(InputError, match="another records manager must approve"):
        approve(decider, decision, "Checked")
    assert SourcePerson.objects.filter(pk=due_record.pk).exists()
    assert not DestructionLog.objects.exists()


def test_approval_destroys_the_record_and_what_only_it_held(
    due_record: SourcePerson, records_managers: tuple[Any, Any]
) -> None:
    decider, approver = records_managers
    log = approve(approver, _decided(decider), "Rule and dates checked; no hold")
    assert not SourcePerson.objects.filter(pk=due_record.pk).exists()
    assert not PersonOtherName.objects.filter(person_id=due_record.pk).exists()
    assert not PersonLink.objects.filter(source_person_id=due_record.pk).exists()
    assert list(Event.objects.filter(source_id__startswith="C-1-")
                .values_list("source_id", flat=True)) == ["C-1-E2"]  # fmt: skip
    assert list(EventParticipant.objects.filter(event__source_id="C-1-E2")
                .values_list("person__source_id", flat=True)) == ["C-2"]  # fmt: skip
    versions = set(RecordVersion.objects.values_list("kind", "source_id"))
    assert versions == {("person", "C-2"), ("event", "C-1-E2")}
    assert Person.objects.get(person_id="P-0000001").active is False
    assert Person.objects.get(person_id="P-0000002").active is True
    assert log.counts["records.SourcePerson"] == 1 and log.counts["records.Event"] == 1
    assert (log.kind, log.agency, log.source_key, log.record_type) == (
        "agency_record",
        "CSC",
        "CSC:C-1",
        "looked_after",
    )
    assert (log.decided_by, log.approved_by) == (decider.username, approver.username)


def test_the_log_and_the_decision_keep_no_name_or_date_of_birth(
    due_record: SourcePerson, records_managers: tuple[Any, Any]
) -> None:
    decider, approver = records_managers
    log = approve(approver, _decided(decider), "Checked")
    decision = RetentionDecision.objects.get()
    kept = repr(model_to_dict(log)) + repr(model_to_dict(decision))
    for personal in ("Testchild", "Jordan", "1940-03-10", "P-0000001"):
        assert personal not in kept
    assert decision.status == "destroyed" and decision.approved_by == approver


def test_each_step_is_audited(due_record: SourcePerson, records_managers: tuple[Any, Any]) -> None:
    decider, approver = records_managers
    log = approve(approver, _decided(decider), "Checked")
    entries = {e.action: e for e in AuditEntry.objects.filter(action__startswith="retention.")}
    assert entries["retention.decision"].actor_username == decider.username
    assert entries["retention.decision"].detail["person_id"] == "P-0000001"
    assert entries["retention.approved"].actor_username == approver.username
    destroyed = entries["retention.destroyed"]
    assert destroyed.target_id == str(log.pk)
    assert destroyed.detail["counts"]["records.SourcePerson"] == 1


def test_a_person_with_another_record_stays_active(
    due_record: SourcePerson, make_record: MakeRecord, records_managers: tuple[Any, Any]
) -> None:
    make_record("HLT", "H-1", dob="1940-03-10", person_id="P-0000001")
    decider, approver = records_managers
    approve(approver, _decided(decider), "Checked")
    assert Person.objects.get(person_id="P-0000001").active is True


def test_a_hold_placed_after_the_decision_stops_the_destruction(
    due_record: SourcePerson, records_managers: tuple[Any, Any], make_user: Callable[..., Any]
) -> None:
    decider, approver = records_managers
    decision = _decided(decider)
    LegalHold.objects.create(name="Telford inquiry", purpose="inquiry", reason="Terms",
                             scope="everything", placed_by=make_user("inquiry_team"),
                             placed_at=timezone.now())  # fmt: skip
    with pytest.raises(DestructionRefused, match="Telford inquiry"):
        approve(approver, decision, "Checked")
    decision.refresh_from_db()
    assert decision.status == "awaiting"
    assert SourcePerson.objects.filter(pk=due_record.pk).exists()
    assert not AuditEntry.objects.filter(action="retention.destroyed").exists()


class _OpenCases:
    """Stands in for cases.Case: one open case about every person."""

    class _default_manager:  # noqa: N801 (the attribute Django models have)
        @staticmethod
        def filter(**lookups: Any) -> Any:
            class Found:
                @staticmethod
                def values_list(*fields: str, flat: bool = False) -> list[str]:
                    return ["CASE-000123"] if lookups.get("status") == "open" else []

            return Found()


def test_destruction_is_refused_while_a_case_is_open_about_the_person(
    due_record: SourcePerson, records_managers: tuple[Any, Any], monkeypatch: Any
) -> None:
    decider, approver = records_managers
    decision = _decided(decider)
    monkeypatch.setattr(case_kind, "case_model", lambda: _OpenCases)
    with pytest.raises(DestructionRefused, match=r"CASE-000123\).*Close the case first"):
        approve(approver, decision, "Checked")
    assert SourcePerson.objects.filter(pk=due_record.pk).exists()
    assert Event.objects.filter(source_id="C-1-E1").exists()
    assert RetentionDecision.objects.get().status == "awaiting"


def test_destruction_is_refused_while_a_real_case_is_open(
    due_record: SourcePerson, records_managers: tuple[Any, Any]
) -> None:
    decider, approver = records_managers
    model: Any = case_kind.case_model()
    model._default_manager.create(
        reference="CASE-000123", subject_kind="child", status="open",
        person=Person.objects.get(person_id="P-0000001"), opened_at=timezone.now(),
        opened_by=decider,
    )  # fmt: skip
    with pytest.raises(DestructionRefused, match="CASE-000123"):
        approve(approver, _decided(decider), "Checked")
    assert SourcePerson.objects.filter(pk=due_record.pk).exists()


def test_rows_another_record_still_needs_are_not_deleted(due_record: SourcePerson) -> None:
    counts: Counter[str] = Counter()
    with pytest.raises(DestructionRefused, match="event participants"):
        delete_counting(counts, SourcePerson.objects.filter(pk=due_record.pk))
    assert SourcePerson.objects.filter(pk=due_record.pk).exists()


def test_a_rejected_destruction_puts_the_record_back_on_the_list(
    due_record: SourcePerson, records_managers: tuple[Any, Any]
) -> None:
    decider, approver = records_managers
    decision = _decided(decider)
    assert "CSC:C-1" not in {d.record.key for d in records_due(timezone.localdate())}
    reject(approver, decision, "The survivor has asked for the record")
    assert "CSC:C-1" in {d.record.key for d in records_due(timezone.localdate())}
    assert AuditEntry.objects.filter(action="retention.rejected").count() == 1


def test_deciding_needs_a_reason_and_keeping_a_future_review_date(
    due_record: SourcePerson, records_managers: tuple[Any, Any]
) -> None:
    record = current_record("agency_record", "CSC:C-1", timezone.localdate())
    assert record is not None
    with pytest.raises(InputError, match="reason"):
        decide(records_managers[0], record, Choice("destroy", "  "))
    with pytest.raises(InputError, match="review date"):
        decide(records_managers[0], record, Choice("retain", "Survivor", date(2000, 1, 1)))
    assert not RetentionDecision.objects.exists()


# --- Through the pages --------------------------------------------------------------
def test_a_records_manager_decides_and_another_approves_through_the_pages(
    due_record: SourcePerson, signed_in_client: Callable[..., SignedInClient]
) -> None:
    deciding, approving = signed_in_client("administrator"), signed_in_client("administrator")
    url = "/retention/records/agency_record/CSC:C-1/"
    assert "What should happen to this record?" in deciding.get(url).text
    decided = deciding.post(url, {"outcome": "destroy", "reason": "Past its period"})
    assert (decided.status_code, decided["Location"]) == (302, "/retention/due/")
    decision = RetentionDecision.objects.get()
    page = f"/retention/approvals/{decision.pk}/"
    assert "You recorded this decision" in deciding.get(page).text
    own = deciding.post(page, {"action": "approve", "note": "Checked"})
    assert own.status_code == 200 and "another records manager must approve" in own.text
    assert SourcePerson.objects.filter(pk=due_record.pk).exists()
    approved = approving.post(page, {"action": "approve", "note": "Checked the dates"})
    assert (approved.status_code, approved["Location"]) == (302, "/retention/approvals/")
    assert not SourcePerson.objects.filter(pk=due_record.pk).exists()
    log = approving.get("/retention/log/").text
    assert "CSC:C-1" in log and "Testchild" not in log


def test_the_decision_form_reshows_with_an_error_summary(
    due_record: SourcePerson, signed_in_client: Callable[..., SignedInClient]
) -> None:
    url = "/retention/records/agency_record/CSC:C-1/"
    page = signed_in_client("administrator").post(url, {"outcome": "retain", "reason": ""})
    assert page.status_code == 200
    assert "There is a problem" in page.text
    assert "Enter your reason" in page.text and "Enter the new review date" in page.text
    assert not RetentionDecision.objects.exists()


@pytest.mark.parametrize("role", ["inquiry_team", "team_manager", "auditor"])
def test_only_records_managers_decide_and_approve(
    role: str, due_record: SourcePerson, signed_in_client: Callable[..., SignedInClient],
    records_managers: tuple[Any, Any],
) -> None:  # fmt: skip
    decision = _decided(records_managers[0])
    client = signed_in_client(role)
    url = "/retention/records/agency_record/CSC:C-1/"
    assert client.post(url, {"outcome": "destroy", "reason": "x"}).status_code == 403
    page = f"/retention/approvals/{decision.pk}/"
    assert client.post(page, {"action": "approve", "note": "x"}).status_code == 403
    assert SourcePerson.objects.filter(pk=due_record.pk).exists()


def test_a_closed_case_about_a_context_is_due_6_years_on_and_destroyed(
    records_managers: tuple[Any, Any],
) -> None:
    decider, approver = records_managers
    model: Any = case_kind.case_model()
    closed = timezone.now() - timezone.timedelta(days=7 * 366)
    model._default_manager.create(
        reference="CASE-000777", subject_kind="context", context_kind="place",
        context_name="A car park", status="closed", opened_at=closed, opened_by=decider,
        closed_at=closed,
    )  # fmt: skip
    record = current_record("case", "CASE-000777", timezone.localdate())
    assert record is not None and record.record_type == "specialist_case"
    assert "CASE-000777" in {d.record.key for d in records_due(timezone.localdate())}
    log = approve(approver, decide(decider, record, DESTROY), "Checked")
    assert not model._default_manager.filter(reference="CASE-000777").exists()
    assert log.counts["cases.Case"] == 1
