"""Records due for review: typed by their events or agency, dated by the schedule, left
out while held or decided, and shown (and audited) to records managers only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.audit.models import AuditEntry
from joinedup.web.people.models import Person
from joinedup.web.records.models import Agency
from joinedup.web.retention.models import LegalHold, RetentionDecision
from joinedup.web.retention.services.due import records_due
from tests.web.conftest import SignedInClient
from tests.web.retention.conftest import MakeRecord

pytestmark = pytest.mark.django_db


def _due(as_of: date) -> dict[str, Any]:
    return {d.record.key: d.record for d in records_due(as_of)}


def test_a_looked_after_record_is_due_on_the_75th_birthday_and_not_the_day_before(
    make_record: MakeRecord,
) -> None:
    make_record("CSC", "C-1", dob="1940-03-10", person_id="P-0000001",
                events=[("looked_after_start", "1950-01-01")])  # fmt: skip
    assert "CSC:C-1" not in _due(date(2015, 3, 9))
    record = _due(date(2015, 3, 10))["CSC:C-1"]
    assert (record.record_type, record.trigger, record.due) == (
        "looked_after",
        date(1940, 3, 10),
        date(2015, 3, 10),
    )
    assert record.subject_person_id == "P-0000001" and record.agency == "CSC"
    assert "Testchild" not in record.description and "1940" not in record.description


def test_a_year_of_birth_makes_the_record_due_at_the_end_of_that_year(
    make_record: MakeRecord,
) -> None:
    make_record("CSC", "C-2", dob="1940", events=[("placement_move", "1952-05")])
    assert "CSC:C-2" not in _due(date(2015, 12, 30))
    assert _due(date(2015, 12, 31))["CSC:C-2"].due == date(2015, 12, 31)


def test_a_child_protection_record_counts_35_years_from_its_last_event(
    make_record: MakeRecord,
) -> None:
    make_record("POL", "P-9", dob="1960-01-01",
                events=[("arrest", "1974-02-01"), ("plan_start", "1975-06")])  # fmt: skip
    assert "POL:P-9" not in _due(date(2010, 6, 29))
    record = _due(date(2010, 6, 30))["POL:P-9"]
    assert (record.record_type, record.counts_from) == ("child_protection", "closed")


def test_other_records_take_their_agencys_default(make_record: MakeRecord) -> None:
    make_record("HLT", "H-1", dob="1980-01-01")
    make_record("YTH", "Y-1", dob="1980-01-01")  # no events: counts from its import (2020)
    due = _due(date(2025, 12, 31))
    assert due["HLT:H-1"].record_type == "health_record"
    assert due["HLT:H-1"].due == date(2006, 1, 1)
    assert "YTH:Y-1" not in due
    assert _due(date(2026, 1, 1))["YTH:Y-1"].record_type == "other_agency_record"


def test_a_record_without_a_date_of_birth_is_never_listed(make_record: MakeRecord) -> None:
    make_record("CSC", "C-3", dob="", events=[("looked_after_start", "1950-01-01")])
    assert "CSC:C-3" not in _due(date(2100, 1, 1))


def _hold(user: Any, **scope: Any) -> LegalHold:
    return LegalHold.objects.create(name="Inquiry", purpose="inquiry", reason="Terms",
                                    placed_by=user, placed_at=timezone.now(), **scope)  # fmt: skip


@pytest.mark.parametrize(
    "scope",
    [
        {"scope": "everything"},
        {"scope": "record_type", "record_type": "looked_after"},
        {"scope": "agency", "agency": "CSC"},
        {"scope": "persons", "person_ids": ["P-0000001"]},
    ],
)
def test_a_record_on_a_hold_never_appears_as_due_until_the_hold_is_lifted(
    make_record: MakeRecord, make_user: Callable[..., Any], scope: dict[str, Any]
) -> None:
    make_record("CSC", "C-1", dob="1940-03-10", person_id="P-0000001",
                events=[("looked_after_start", "1950-01-01")])  # fmt: skip
    make_record("HLT", "H-1", dob="1941-01-01", person_id="P-0000002")
    if "agency" in scope:
        scope["agency"] = Agency.objects.get(code="CSC")
    hold = _hold(make_user("inquiry_team"), **scope)
    due = _due(date(2020, 1, 1))
    assert "CSC:C-1" not in due
    assert ("HLT:H-1" in due) is (scope["scope"] != "everything")
    hold.lifted_at = timezone.now()
    hold.save()
    assert "CSC:C-1" in _due(date(2020, 1, 1))


def test_a_hold_on_a_person_follows_them_when_merged_into_another(
    make_record: MakeRecord, make_user: Callable[..., Any]
) -> None:
    make_record("CSC", "C-1", dob="1940-03-10", person_id="P-0000002",
                events=[("looked_after_start", "1950-01-01")])  # fmt: skip
    kept = Person.objects.get(person_id="P-0000002")
    Person.objects.create(person_id="P-0000001", active=False, merged_into=kept,
                          created_in=kept.created_in, updated_in=kept.updated_in)  # fmt: skip
    _hold(make_user("inquiry_team"), scope="persons", person_ids=["P-0000001"])
    assert "CSC:C-1" not in _due(date(2020, 1, 1))


def _decide(user: Any, outcome: str, status: str, **more: Any) -> RetentionDecision:
    return RetentionDecision.objects.create(
        kind="agency_record", key="CSC:C-1", record_type="looked_after",
        trigger_date=date(1940, 3, 10), due_date=date(2015, 3, 10), rule="-",
        schedule_version="-", outcome=outcome, reason="-", decided_by=user,
        decided_at=timezone.now(), status=status, **more,
    )  # fmt: skip


def test_decisions_that_stand_keep_a_record_off_the_list(
    make_record: MakeRecord, make_user: Callable[..., Any]
) -> None:
    make_record("CSC", "C-1", dob="1940-03-10", events=[("looked_after_start", "1950-01-01")])
    admin, today = make_user("administrator"), timezone.localdate()
    kept = _decide(admin, "retain", "recorded", review_date=today + timedelta(days=30))
    assert "CSC:C-1" not in _due(today)
    assert "CSC:C-1" in _due(today + timedelta(days=30))
    kept.delete()
    waiting = _decide(admin, "destroy", "awaiting")
    assert "CSC:C-1" not in _due(today)
    waiting.status = "rejected"
    waiting.save()
    assert "CSC:C-1" in _due(today)
    _decide(admin, "archive", "recorded")
    assert "CSC:C-1" not in _due(today)


def test_the_list_shows_why_each_record_is_due_and_audits_the_persons_named(
    make_record: MakeRecord, signed_in_client: Callable[..., SignedInClient]
) -> None:
    make_record("CSC", "C-1", dob="1940-03-10", person_id="P-0000001",
                events=[("looked_after_start", "1950-01-01")])  # fmt: skip
    client = signed_in_client("administrator")
    page = client.get("/retention/due/", {"as_of_day": "10", "as_of_month": "3",
                                          "as_of_year": "2015"})  # fmt: skip
    assert page.status_code == 200
    assert "1 record due for review on 10 March 2015" in page.text
    assert "CSC:C-1" in page.text and "P-0000001" in page.text
    assert "Until the 75th birthday" in page.text and "Testchild" not in page.text
    entry = AuditEntry.objects.get(action="retention.due_viewed")
    assert entry.actor_username == client.user.username
    assert entry.detail["person_ids"] == ["P-0000001"]
    assert entry.detail["records"] == ["agency_record:CSC:C-1"]
    earlier = client.get("/retention/due/", {"as_of_day": "9", "as_of_month": "3",
                                             "as_of_year": "2015"})  # fmt: skip
    assert "No records are due for review on 9 March 2015" in earlier.text


def test_a_date_that_is_not_a_date_is_shown_in_the_error_summary(
    signed_in_client: Callable[..., SignedInClient],
) -> None:
    page = signed_in_client("administrator").get(
        "/retention/due/", {"as_of_day": "31", "as_of_month": "2", "as_of_year": "2015"}
    )
    assert page.status_code == 200
    assert "There is a problem" in page.text and "The date must be a real date" in page.text


@pytest.mark.parametrize("role", ["team_manager", "police_analyst", "inquiry_team", "auditor"])
def test_only_records_managers_see_the_records_due(
    role: str, signed_in_client: Callable[..., SignedInClient]
) -> None:
    client = signed_in_client(role)
    assert client.get("/retention/due/").status_code == 403
    assert client.get("/retention/records/agency_record/CSC:C-1/").status_code == 403
    assert not AuditEntry.objects.filter(action="retention.due_viewed").exists()


def test_a_record_that_is_not_held_is_not_found(
    signed_in_client: Callable[..., SignedInClient],
) -> None:
    client = signed_in_client("administrator")
    assert client.get("/retention/records/agency_record/CSC:NOPE/").status_code == 404
    assert client.get("/retention/records/no_such_kind/X/").status_code == 404
