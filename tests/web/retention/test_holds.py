"""Legal holds through the pages: who may place and lift them, what is checked, the audit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from joinedup.web.audit.models import AuditEntry
from joinedup.web.retention.models import LegalHold
from tests.web.conftest import SignedInClient
from tests.web.retention.conftest import MakeRecord

pytestmark = pytest.mark.django_db

SURVIVOR = {"name": "Survivor request 2026/14", "purpose": "survivor_interest",
            "reason": "The survivor asked that their records be kept",
            "scope": "persons", "person_ids": "p-0000001, P-0000002"}  # fmt: skip


def test_the_inquiry_team_places_a_hold_on_named_persons(
    make_record: MakeRecord, signed_in_client: Callable[..., SignedInClient]
) -> None:
    make_record("CSC", "C-1", person_id="P-0000001")
    make_record("CSC", "C-2", person_id="P-0000002")
    client = signed_in_client("inquiry_team")
    placed = client.post("/retention/holds/new/", SURVIVOR)
    hold = LegalHold.objects.get()
    assert (placed.status_code, placed["Location"]) == (302, f"/retention/holds/{hold.pk}/")
    assert hold.person_ids == ["P-0000001", "P-0000002"] and hold.placed_by == client.user
    entry = AuditEntry.objects.get(action="retention.hold_placed")
    assert entry.target_id == str(hold.pk) and entry.detail["scope"] == "persons"
    page = client.get(f"/retention/holds/{hold.pk}/").text
    assert "Named persons: P-0000001, P-0000002" in page and "Lift this hold" in page
    listed = client.get("/retention/holds/").text
    assert "Survivor request 2026/14" in listed and "In place" in listed


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({}, "Enter the name of the hold"),
        ({**SURVIVOR, "person_ids": "P-0000009"}, "No person has the id P-0000009"),
        ({**SURVIVOR, "person_ids": "Jordan"}, "Enter person index ids like P-0000123"),
        ({**SURVIVOR, "scope": "everything"}, "a hold on named persons"),
        ({**SURVIVOR, "purpose": "inquiry", "scope": "agency"}, "Select the agency"),
        ({**SURVIVOR, "purpose": "inquiry", "scope": "record_type", "record_type": "nope"},
         "Select a type of record"),
    ],
)  # fmt: skip
def test_a_hold_that_cannot_be_placed_reshows_the_form_with_the_problem(
    posted: dict[str, str], message: str, make_record: MakeRecord,
    signed_in_client: Callable[..., SignedInClient],
) -> None:  # fmt: skip
    make_record("CSC", "C-1", person_id="P-0000001")
    make_record("CSC", "C-2", person_id="P-0000002")
    page = signed_in_client("administrator").post("/retention/holds/new/", posted)
    assert page.status_code == 200
    assert "There is a problem" in page.text and message in page.text
    assert not LegalHold.objects.exists()
    assert not AuditEntry.objects.filter(action="retention.hold_placed").exists()


def test_lifting_a_hold_needs_a_reason_and_is_audited(
    signed_in_client: Callable[..., SignedInClient], make_user: Callable[..., Any]
) -> None:
    client = signed_in_client("inquiry_team")
    placing = {"name": "Telford inquiry", "purpose": "inquiry", "reason": "Rule 9 request",
               "scope": "everything"}  # fmt: skip
    client.post("/retention/holds/new/", placing)
    hold = LegalHold.objects.get()
    url = f"/retention/holds/{hold.pk}/lift/"
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200 and "Enter why the hold can be lifted" in refused.text
    hold.refresh_from_db()
    assert hold.active
    lifted = client.post(url, {"reason": "The inquiry has reported"})
    assert lifted.status_code == 302
    hold.refresh_from_db()
    assert not hold.active and hold.lift_reason == "The inquiry has reported"
    assert hold.lifted_by == client.user
    assert AuditEntry.objects.get(action="retention.hold_lifted").target_id == str(hold.pk)
    assert "Lifted" in client.get("/retention/holds/").text


@pytest.mark.parametrize("role", ["specialist_practitioner", "police_analyst", "auditor"])
def test_other_roles_cannot_see_place_or_lift_holds(
    role: str, signed_in_client: Callable[..., SignedInClient], make_user: Callable[..., Any]
) -> None:
    from django.utils import timezone

    hold = LegalHold.objects.create(name="Inquiry", purpose="inquiry", reason="-",
                                    scope="everything", placed_by=make_user("inquiry_team"),
                                    placed_at=timezone.now())  # fmt: skip
    client = signed_in_client(role)
    for url in ("/retention/holds/", f"/retention/holds/{hold.pk}/", "/retention/holds/new/"):
        assert client.get(url).status_code == 403
    assert client.post(f"/retention/holds/{hold.pk}/lift/", {"reason": "x"}).status_code == 403
    hold.refresh_from_db()
    assert hold.active
