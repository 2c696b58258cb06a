"""Logging an item: the form, what is stored (the text encrypted), the owner and the
deadline from the moment it is logged, the subjects, and the audit entry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from joinedup.web.audit.models import AuditEntry
from joinedup.web.intelligence.models import IntelligenceItem, ItemSubject
from tests.web.conftest import SignedInClient
from tests.web.intelligence.conftest import Index

pytestmark = pytest.mark.django_db

FORM = {
    "received_day": "2",
    "received_month": "3",
    "received_year": "2026",
    "source_agency": "POL",
    "source_type": "member_of_public",
    "grade_source": "2",
    "grade_intelligence": "C",
    "grade_handling": "P",
    "summary": "Adult seen collecting children from school",
    "text": "A silver car waits outside the school most afternoons.",
    "people": "Man known as 'Dee', about 30",
    "vehicles": "ab12 cde\nXY70 ZZZ",
    "phones": "07700 900123",
}


def test_a_police_analyst_logs_an_item_and_owns_it(
    signed_in_client: Callable[..., SignedInClient], index: Index
) -> None:
    client = signed_in_client("police_analyst", agency=index.pol)
    response = client.post("/intelligence/new/", FORM)
    item = IntelligenceItem.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/intelligence/{item.reference}/"
    )
    assert item.reference == f"INT-{item.pk:06d}"
    assert (item.owner, item.logged_by, item.status) == (client.user, client.user, "logged")
    assert (item.grade, item.source_agency, item.source_type) == (
        "2CP",
        index.pol,
        "member_of_public",
    )
    assert item.text == FORM["text"]
    entry = AuditEntry.objects.get(action="intelligence.logged")
    assert (entry.target_id, entry.actor_username) == (item.reference, client.user.username)
    assert entry.detail["grade"] == "2CP" and FORM["text"] not in str(entry.detail)


def test_the_text_is_encrypted_at_rest(
    signed_in_client: Callable[..., SignedInClient], index: Index
) -> None:
    signed_in_client("police_analyst", agency=index.pol).post("/intelligence/new/", FORM)
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM intelligence_intelligenceitem")
        stored = cursor.fetchone()[0]
    assert stored and "silver car" not in stored


def test_vehicles_and_phones_are_normalised_and_linked_to_the_index(
    signed_in_client: Callable[..., SignedInClient], index: Index
) -> None:
    signed_in_client("police_analyst", agency=index.pol).post("/intelligence/new/", FORM)
    subjects = {s.key or s.label: s for s in ItemSubject.objects.all()}
    assert subjects["AB12CDE"].vehicle == index.vehicle
    assert subjects["XY70ZZZ"].vehicle is None
    assert subjects["+447700900123"].kind == "phone"
    assert subjects["Man known as 'Dee', about 30"].kind == "described"


def test_the_deadline_is_set_from_the_grade_in_working_days(
    signed_in_client: Callable[..., SignedInClient], index: Index, monkeypatch: Any
) -> None:
    friday = timezone.make_aware(datetime(2026, 3, 6, 15, 0))
    monkeypatch.setattr(timezone, "now", lambda: friday)
    client = signed_in_client("police_analyst", agency=index.pol)
    client.post("/intelligence/new/", FORM)
    client.post("/intelligence/new/", {**FORM, "grade_intelligence": "A"})
    two_days, one_day = IntelligenceItem.objects.order_by("pk")
    assert timezone.localtime(two_days.decide_by) == timezone.make_aware(datetime(2026, 3, 10, 17))
    assert timezone.localtime(one_day.decide_by) == timezone.make_aware(datetime(2026, 3, 9, 17))


def test_the_form_shows_the_meaning_of_each_grade(
    signed_in_client: Callable[..., SignedInClient], index: Index
) -> None:
    page = signed_in_client("team_manager").get("/intelligence/new/")
    assert page.status_code == 200
    assert "Known indirectly to the source but corroborated" in page.text
    assert "The source saw, heard or took part in what they report" in page.text
    assert "Lawful sharing permitted with conditions" in page.text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"grade_source": ""}, "Select the source evaluation (1, 2 or 3)"),
        (
            {"received_day": "", "received_month": "", "received_year": ""},
            "Enter the date it was received",
        ),
        ({"received_year": "2099"}, "The date it was received must be today or in the past"),
        ({"text": ""}, "Enter the intelligence as it was received"),
        ({"grade_handling": "C"}, "Enter the conditions for sharing (code C)"),
        ({"vehicles": "not a car!"}, "is not a vehicle registration"),
    ],
)
def test_bad_input_is_shown_in_the_error_summary_and_nothing_is_logged(
    signed_in_client: Callable[..., SignedInClient],
    index: Index,
    change: dict[str, str],
    message: str,
) -> None:
    page = signed_in_client("police_analyst", agency=index.pol).post(
        "/intelligence/new/", {**FORM, **change}
    )
    assert page.status_code == 200
    summary = page.text.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    assert message in summary.replace("&#x27;", "'")
    assert "Error: Log an intelligence item" in page.text
    assert not IntelligenceItem.objects.exists()
    assert not AuditEntry.objects.filter(action="intelligence.logged").exists()


@pytest.mark.parametrize(
    "role",
    [
        "health_safeguarding_lead",
        "school_safeguarding_lead",
        "inquiry_team",
        "auditor",
        "administrator",
    ],
)
def test_roles_without_the_capability_cannot_log(
    signed_in_client: Callable[..., SignedInClient], index: Index, role: str
) -> None:
    client = signed_in_client(role)
    assert client.get("/intelligence/new/").status_code == 403
    assert client.post("/intelligence/new/", FORM).status_code == 403
    assert not IntelligenceItem.objects.exists()
