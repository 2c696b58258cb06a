"""The compliance view per agency and person, and its CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from joinedup.web.audit.models import AuditEntry
from joinedup.web.inquiry.models import EvidenceRequest, Inquiry
from joinedup.web.inquiry.services import compliance, compliance_csv
from joinedup.web.inquiry.services.requests import change_status

pytestmark = pytest.mark.django_db
Make = Callable[..., EvidenceRequest]


def test_each_recipient_has_its_counts_most_overdue_first(
    inquiry: Inquiry, lead: Any, make_request: Make
) -> None:
    today = timezone.localdate()
    make_request(agency="CSC", issued=40, deadline=-10)
    make_request(agency="CSC", issued=40, deadline=-3)
    done = make_request(agency="CSC", issued=40, deadline=-20)
    change_status(lead, done, "complied", today)
    part = make_request(agency="POL", issued=10, deadline=5)
    change_status(lead, part, "partly_returned", today)
    make_request(agency="HLT")  # a draft: not counted
    make_request(kind="voluntary", agency=None, name="A  former manager", issued=3, deadline=9)
    make_request(kind="voluntary", agency=None, name="a former manager", issued=3, deadline=9)
    found = compliance(inquiry, today)
    table = [
        (
            r.recipient,
            r.issued,
            r.outstanding,
            r.overdue,
            r.partly_returned,
            r.complied,
            r.most_days_overdue,
        )
        for r in found.rows
    ]
    assert table == [
        ("Children's social care", 3, 2, 2, 0, 1, 10),
        ("A former manager", 2, 2, 0, 0, 0, 0),
        ("Police", 1, 1, 0, 1, 0, 0),
    ]
    total = found.total
    assert (total.issued, total.outstanding, total.overdue, total.most_days_overdue) == (
        6,
        5,
        2,
        10,
    )
    assert found.rows[0].overdue_references == ["R9-0001", "R9-0002"]


def test_the_csv_has_a_row_per_recipient_and_the_total(
    inquiry: Inquiry, make_request: Make
) -> None:
    make_request(agency="CSC", issued=40, deadline=-10)
    make_request(kind="voluntary", agency=None, name="=cmd|' /C calc'!A0", issued=3, deadline=9)
    rows = list(
        csv.DictReader(io.StringIO(compliance_csv(compliance(inquiry, timezone.localdate()))))
    )
    assert [r["recipient"] for r in rows] == [
        "Children's social care",
        "'=cmd|' /C calc'!A0",
        "All recipients",
    ]
    assert rows[0]["agency_code"] == "CSC" and rows[0]["overdue_requests"] == "R9-0001"
    assert rows[0]["most_days_overdue"] == "10"


def test_the_compliance_pages_are_audited(
    inquiry: Inquiry, make_request: Make, signed_in_client: Callable[..., Any]
) -> None:
    make_request(agency="POL", issued=40, deadline=-10)
    client = signed_in_client("inquiry_team")
    page = client.get(reverse("inquiry:compliance"))
    assert page.status_code == 200 and b"Police" in page.content
    download = client.get(reverse("inquiry:compliance-csv"))
    assert (
        download["Content-Type"].startswith("text/csv") and b"Police,POL,1,1,1" in download.content
    )
    actions = set(
        AuditEntry.objects.filter(actor_username=client.user.username).values_list(
            "action", flat=True
        )
    )
    assert {"inquiry.compliance_viewed", "inquiry.compliance_csv"} <= actions
