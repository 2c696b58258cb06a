"""Meeting papers: a PDF marked OFFICIAL-SENSITIVE with its purpose, each child's
screening prompts and chronology as the requester may see them; audited per child."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pypdf
import pytest

from joinedup.web.audit.models import AuditEntry
from joinedup.web.meetings.services.arranging import NewItem, add_item
from joinedup.web.people.models import Person
from joinedup.web.records.models import Place
from tests.web.conftest import SignedInClient
from tests.web.meetings.conftest import Borough, agency

pytestmark = pytest.mark.django_db

Client = Callable[..., SignedInClient]


def _text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def meeting(signed_in_client: Client, borough: Borough, allocate: Any, arrange: Any) -> Any:
    """A manager's client and an operational meeting about their child and a location."""
    client = signed_in_client("team_manager", agency=agency("CSC"))
    allocate(borough.child, client.user)
    found = arrange(client.user, agencies=("CSC", "POL"))
    add_item(
        client.user, found, NewItem("child", person=Person.objects.get(person_id=borough.child))
    )
    add_item(client.user, found, NewItem("location", place=Place.objects.get(pk=borough.place)))
    client.meeting = found  # type: ignore[attr-defined]
    return client


def test_the_papers_hold_the_childs_chronology_and_say_why_and_how_to_handle_them(
    meeting: Any, borough: Borough
) -> None:
    response = meeting.get(f"/meetings/{meeting.meeting.reference}/papers/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    assert "OFFICIAL-SENSITIVE" in text
    assert f"Preparing for a MACE meeting: {meeting.meeting.reference}, 3 March 2026" in text
    assert "Meeting papers: Operational MACE" in text
    assert f"({borough.child})" in text, "the child is named on the agenda"
    assert "screening prompts" in text and "Chronology" in text
    papers = AuditEntry.objects.get(action="meetings.papers")
    assert papers.detail["children"] == [borough.child] and papers.purpose == "mace_preparation"
    seen = AuditEntry.objects.get(action="person.view", target_id=borough.child)
    assert seen.detail == {"section": "meeting_papers", "meeting": meeting.meeting.reference}
    assert (seen.purpose, seen.basis) == ("mace_preparation", "allocation")


def test_a_partner_without_access_gets_papers_without_the_child(
    meeting: Any, signed_in_client: Client, borough: Borough
) -> None:
    police = signed_in_client("police_analyst", agency=agency("POL"))
    response = police.get(f"/meetings/{meeting.meeting.reference}/papers/")
    text = _text(response.content)
    assert "A child (restricted" in text and borough.child not in text
    assert "1 item is restricted" in " ".join(text.split())
    assert AuditEntry.objects.get(action="meetings.papers").detail["children"] == []
    assert not AuditEntry.objects.filter(action="person.view", target_id=borough.child).exists()
