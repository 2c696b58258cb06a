"""A small panel for tests/web/panel: the inquiry, a member of its staff and three members.

- `panel`: a `Panel` with the inquiry, `staff` (inquiry team), `members` (three, under
  display names "Panel member 1" to "3"; the first account is called Rowan Ellis).
- `client_for(user)`: a test client signed in as that user.
- `proposal`, `draft`: a waiting proposal by the first member; a draft open for comment.
- Draft files go to a fresh data folder for each test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.inquiry.models import Inquiry
from joinedup.web.panel import services
from joinedup.web.panel.models import Draft, PanelMember, Proposal


@dataclass
class Panel:
    inquiry: Inquiry
    staff: Any
    members: list[PanelMember]


@pytest.fixture(autouse=True)
def _draft_folder(settings: Any, tmp_path: Any) -> None:
    settings.DATA_DIR = tmp_path


@pytest.fixture
def panel(make_user: Callable[..., Any]) -> Panel:
    staff = make_user("inquiry_team")
    inquiry = Inquiry.objects.create(
        title="Invented inquiry (2031)", created_at=timezone.now(), created_by=staff
    )
    accounts = [
        make_user("survivor_panel", first_name="Rowan", last_name="Ellis"),
        make_user("survivor_panel"),
        make_user("survivor_panel"),
    ]
    members = [
        services.add_member(staff, user, f"Panel member {n}")
        for n, user in enumerate(accounts, start=1)
    ]
    return Panel(inquiry, staff, members)


@pytest.fixture
def client_for(signed_in_client: Callable[..., Any]) -> Callable[[Any], Any]:
    def make(user: Any) -> Any:
        return signed_in_client(user=user)

    return make


@pytest.fixture
def proposal(panel: Panel) -> Proposal:
    draft = services.ProposalDraft(
        "line_of_inquiry", "How taxi drivers were checked", "Look at the checks.", "They failed."
    )
    return services.make_proposal(panel.members[0], draft)


@pytest.fixture
def draft(panel: Panel) -> Draft:
    shared = services.DraftToShare(
        "How we hear from survivors",
        "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.",
        timezone.localdate() + timedelta(days=10),
    )
    return services.share_draft(panel.staff, shared)


def close_comments(draft: Draft) -> Draft:
    """Move the draft's deadline to yesterday, as if the comment period had ended."""
    Draft.objects.filter(pk=draft.pk).update(deadline=timezone.localdate() - timedelta(days=1))
    draft.refresh_from_db()
    return draft
