"""Lines of inquiry (L1, L2 ..., retired not deleted) and core participants (an
individual known by a cipher only)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from joinedup.errors import InputError
from joinedup.web.audit.models import AuditEntry
from joinedup.web.inquiry.models import CoreParticipant, Inquiry
from joinedup.web.inquiry.services.lines import add_line, change_line, retire_line
from joinedup.web.inquiry.services.participants import ParticipantDraft, designate_participant
from joinedup.web.records.models import Agency

pytestmark = pytest.mark.django_db


def test_lines_are_numbered_and_a_retired_reference_is_never_reused(
    inquiry: Inquiry, lead: Any
) -> None:
    first = add_line(lead, inquiry, "What agencies knew", "")
    second = add_line(lead, inquiry, "Missing children", "")
    assert (first.reference, second.reference) == ("L1", "L2")
    retire_line(lead, second)
    assert add_line(lead, inquiry, "Licensing", "").reference == "L3"
    with pytest.raises(InputError, match="retired"):
        change_line(lead, second, "Changed", "")
    with pytest.raises(InputError, match="already retired"):
        retire_line(lead, second)
    assert AuditEntry.objects.filter(action="inquiry.line_retired").count() == 1


def test_lines_pages_add_change_and_retire(
    inquiry: Inquiry, signed_in_client: Callable[..., Any]
) -> None:
    client = signed_in_client("inquiry_team")
    assert client.post(reverse("inquiry:line-add"), {"title": ""}).status_code == 200
    assert client.post(reverse("inquiry:line-add"), {"title": "Missing"}).status_code == 302
    line = inquiry.lines.get()
    edited = client.post(
        reverse("inquiry:line-edit", args=[line.pk]),
        {"title": "Children missing", "description": "Why"},
    )
    assert edited.status_code == 302
    assert b"Retire this line" in client.get(reverse("inquiry:line-retire", args=[line.pk])).content
    assert client.post(reverse("inquiry:line-retire", args=[line.pk])).status_code == 302
    line.refresh_from_db()
    assert line.title == "Children missing" and line.retired_at is not None
    assert b"Retired" in client.get(reverse("inquiry:lines")).content


@pytest.mark.parametrize("name", ["Jane Smith", "cp-1", "CP1", "Jane-1", "JANE-1"])
def test_an_individual_must_be_named_by_a_cipher(inquiry: Inquiry, lead: Any, name: str) -> None:
    with pytest.raises(InputError, match="cipher only"):
        designate_participant(
            lead, inquiry, ParticipantDraft("individual", name, "", date(2026, 10, 1))
        )
    assert not CoreParticipant.objects.exists()


def test_a_cipher_is_unique_and_only_representatives_accounts_link(
    inquiry: Inquiry, lead: Any, make_user: Callable[..., Any]
) -> None:
    rep = make_user("core_participant")
    made = designate_participant(
        lead, inquiry, ParticipantDraft("individual", "CP-7", "", date(2026, 10, 1), users=[rep])
    )
    assert made.name == "CP-7" and list(made.users.all()) == [rep]
    entry = AuditEntry.objects.get(action="inquiry.participant_designated")
    assert "CP-7" not in str(entry.detail), "the audit holds ids, not names or ciphers"
    with pytest.raises(InputError, match="already a core participant"):
        designate_participant(
            lead, inquiry, ParticipantDraft("individual", "CP-7", "", date(2026, 10, 1))
        )
    with pytest.raises(InputError, match="representatives"):
        designate_participant(
            lead,
            inquiry,
            ParticipantDraft(
                "organisation",
                "A charity",
                "",
                date(2026, 10, 1),
                users=[make_user("team_manager")],
            ),
        )


def test_designating_an_agency_on_the_page(
    inquiry: Inquiry,
    agencies: dict[str, Agency],
    make_user: Callable[..., Any],
    signed_in_client: Callable[..., Any],
) -> None:
    rep = make_user("core_participant")
    client = signed_in_client("inquiry_team")
    page = client.get(reverse("inquiry:participant-add"))
    assert b"cipher only" in page.content and rep.username.encode() in page.content
    refused = client.post(
        reverse("inquiry:participant-add"),
        {
            "kind": "individual",
            "name": "Jane Smith",
            "designated_day": "1",
            "designated_month": "10",
            "designated_year": "2026",
        },
    )
    assert refused.status_code == 200 and b"cipher only" in refused.content
    posted = client.post(
        reverse("inquiry:participant-add"),
        {
            "kind": "organisation",
            "name": "Children's social care",
            "agency": "CSC",
            "designated_day": "1",
            "designated_month": "10",
            "designated_year": "2026",
            "users": [str(rep.pk)],
        },
    )
    assert posted.status_code == 302
    made = inquiry.core_participants.get()
    assert made.agency == agencies["CSC"] and list(made.users.all()) == [rep]
    changed = client.post(
        reverse("inquiry:participant-edit", args=[made.pk]),
        {
            "kind": "organisation",
            "name": "Children's social care",
            "agency": "CSC",
            "represented_by": "Council solicitor",
            "designated_day": "1",
            "designated_month": "10",
            "designated_year": "2026",
        },
    )
    assert changed.status_code == 302
    made.refresh_from_db()
    assert made.represented_by == "Council solicitor" and not made.users.exists()
