"""Auditor pages: who saw what, access outside allocation, break-glass uses, verify."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from joinedup.web.audit.models import AuditEntry
from joinedup.web.audit.services import record_event
from tests.web.audit.conftest import ALICE, Tamper

pytestmark = pytest.mark.usefixtures("chain")

SignIn = Callable[..., Any]


@pytest.fixture
def auditor(signed_in_client: SignIn) -> Any:
    return signed_in_client("auditor")


def rows(html: str) -> list[str]:
    body = html.split('<tbody class="govuk-table__body">')[1].split("</tbody>")[0]
    return body.split("</tr>")[:-1]


@pytest.mark.parametrize(
    "path", ["/audit/", "/audit/outside-allocation/", "/audit/break-glass/", "/audit/verify/"]
)
@pytest.mark.parametrize("role", ["specialist_practitioner", "team_manager", "administrator"])
def test_only_auditors_see_the_audit_pages(signed_in_client: SignIn, role: str, path: str) -> None:
    assert signed_in_client(role).get(path).status_code == 403


def test_signed_out_visitor_is_sent_to_sign_in(client: Any) -> None:
    page = client.get("/audit/")
    assert page.status_code == 302
    assert "/sign-in/" in page["Location"]


def test_who_saw_what_lists_every_entry_newest_first(auditor: Any) -> None:
    page = auditor.get("/audit/")
    assert page.status_code == 200
    listed = rows(page.text)
    assert len(listed) == 5  # the auditor's own audit.view comes after the listing
    assert "Downloaded a chronology" in listed[0] and "bob" in listed[0]
    assert "Viewed a child&#x27;s record" in listed[-1] and "alice" in listed[-1]
    assert "tried mallory" in page.text


def test_filters_by_user_person_action_and_date(auditor: Any) -> None:
    assert len(rows(auditor.get("/audit/", {"username": "ALICE"}).text)) == 2
    assert len(rows(auditor.get("/audit/", {"person": "P-2"}).text)) == 2
    assert len(rows(auditor.get("/audit/", {"action": "person.view", "username": "bob"}).text)) == 1
    today = AuditEntry.objects.get(sequence=1).occurred_at.strftime("%d/%m/%Y")
    assert len(rows(auditor.get("/audit/", {"start": today, "end": today}).text)) >= 5
    page = auditor.get("/audit/", {"end": "01/01/2000"})
    assert "No entries match these filters" in page.text


def test_bad_dates_are_shown_in_an_error_summary(auditor: Any) -> None:
    page = auditor.get("/audit/", {"start": "31/02/2025", "end": "1/1/2025"})
    assert page.status_code == 200
    assert "There is a problem" in page.text
    assert "From date must be a real date" in page.text
    assert "<tbody" not in page.text
    page = auditor.get("/audit/", {"start": "2/1/2025", "end": "1/1/2025"})
    assert "To date must be the same as or after From date" in page.text


def test_pages_are_paginated(auditor: Any) -> None:
    for n in range(60):
        record_event(ALICE, "person.search", detail={"query": f"q{n}"})
    first = auditor.get("/audit/", {"action": "person.search"})
    assert len(rows(first.text)) == 50
    assert "Page 1 of 2" in first.text
    assert 'href="?action=person.search&amp;page=2"' in first.text
    second = auditor.get("/audit/", {"action": "person.search", "page": "2"})
    assert len(rows(second.text)) == 10


def test_outside_allocation_shows_agreement_and_break_glass_only(auditor: Any) -> None:
    page = auditor.get("/audit/outside-allocation/")
    listed = rows(page.text)
    assert len(listed) == 2
    assert "Break-glass" in listed[0] and "police at door" in listed[0]
    assert "Information-sharing agreement" in listed[1] and "P-2" in listed[1]


def test_break_glass_page_shows_the_reason(auditor: Any) -> None:
    listed = rows(auditor.get("/audit/break-glass/").text)
    assert len(listed) == 1
    assert "alice" in listed[0] and "P-3" in listed[0] and "police at door" in listed[0]


def test_viewing_the_audit_pages_is_itself_audited(auditor: Any) -> None:
    auditor.get("/audit/break-glass/", {"username": "alice"})
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert entry is not None
    assert (entry.action, entry.actor_username) == ("audit.view", auditor.user.username)
    assert entry.detail == {"page": "break_glass", "filters": {"username": "alice"},
                            "page_number": 1}  # fmt: skip


def test_verify_page_reports_an_intact_chain(auditor: Any) -> None:
    assert "Verify the chain" in auditor.get("/audit/verify/").text
    page = auditor.post("/audit/verify/")
    assert page.status_code == 200
    assert "The audit log is intact" in page.text
    assert AuditEntry.objects.order_by("-sequence").first().action == "audit.verify"


def test_verify_page_names_the_altered_entry(auditor: Any, tamper: Tamper) -> None:
    tamper("UPDATE audit_auditentry SET purpose = 'routine' WHERE sequence = 2")
    page = auditor.post("/audit/verify/")
    assert "Tampering found: 1 problem" in page.text
    assert "entry 2 was altered" in page.text
