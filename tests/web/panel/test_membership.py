"""Membership: staff add members under display names; members leave, and may withdraw
what they said from publication; only the inquiry team and current members read the panel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.audit.models import AuditEntry
from joinedup.web.panel import services
from joinedup.web.panel.models import PanelMember, Proposal
from tests.web.panel.conftest import Panel

pytestmark = pytest.mark.django_db


def test_staff_add_a_member_under_the_name_they_chose(
    panel: Panel, make_user: Callable[..., Any], client_for: Callable[[Any], Any]
) -> None:
    account = make_user("survivor_panel", first_name="Jordan")
    page = client_for(panel.staff).post(
        "/panel/members/add/", {"user": str(account.pk), "display_name": "  Sam  "}
    )
    assert page.status_code == 302
    member = PanelMember.objects.get(user=account)
    assert member.display_name == "Sam" and member.is_active
    entry = AuditEntry.objects.get(action="panel.member_added", target_id=str(member.pk))
    assert entry.detail == {"user_id": account.pk}, "ids only, never a name"


def test_a_display_name_is_used_once_and_only_panel_accounts_join(
    panel: Panel, make_user: Callable[..., Any]
) -> None:
    with pytest.raises(InputError, match="already has this name"):
        services.add_member(panel.staff, make_user("survivor_panel"), "panel MEMBER 2")
    with pytest.raises(InputError, match="survivors' panel role"):
        services.add_member(panel.staff, make_user("specialist_practitioner"), "Panel member 9")
    with pytest.raises(InputError, match="already on the panel"):
        services.add_member(panel.staff, panel.members[0].user, "Panel member 9")


def test_the_add_form_shows_the_error_summary(
    panel: Panel, client_for: Callable[[Any], Any]
) -> None:
    page = client_for(panel.staff).post("/panel/members/add/", {"user": "", "display_name": ""})
    assert page.status_code == 200
    html = page.content.decode()
    assert "There is a problem" in html and "Choose the member&#x27;s account" in html


def test_other_members_see_only_display_names(
    panel: Panel, proposal: Proposal, client_for: Callable[[Any], Any]
) -> None:
    page = client_for(panel.members[1].user).get(f"/panel/proposals/{proposal.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and "Panel member 1" in html
    owner = panel.members[0].user
    assert owner.username not in html and "Rowan" not in html and "Ellis" not in html


def test_a_member_leaves_and_can_no_longer_read_the_panel(
    panel: Panel, proposal: Proposal, client_for: Callable[[Any], Any]
) -> None:
    member = panel.members[0]
    client = client_for(member.user)
    page = client.post("/panel/leave/", {"publication": "keep"})
    assert page.status_code == 302
    member.refresh_from_db()
    assert member.left_at is not None and member.withdrawn_at is None
    assert Proposal.objects.filter(member=member).count() == 1, "contributions stay"
    assert client.get(f"/panel/proposals/{proposal.pk}/").status_code == 403
    assert "You left the panel" in client.get("/panel/").content.decode()


def test_leaving_needs_a_choice_about_publication(
    panel: Panel, client_for: Callable[[Any], Any]
) -> None:
    page = client_for(panel.members[0].user).post("/panel/leave/", {})
    assert page.status_code == 200 and "There is a problem" in page.content.decode()
    assert PanelMember.objects.get(pk=panel.members[0].pk).left_at is None


def test_staff_end_a_membership_with_withdrawal(
    panel: Panel, client_for: Callable[[Any], Any]
) -> None:
    member = panel.members[2]
    page = client_for(panel.staff).post(
        f"/panel/members/{member.pk}/end/", {"publication": "withdraw"}
    )
    assert page.status_code == 302
    member.refresh_from_db()
    assert member.left_at is not None and member.withdrawn_at is not None
    with pytest.raises(InputError, match="already ended"):
        services.end_membership(panel.staff, member, False)


def test_a_panel_account_not_on_the_panel_reads_nothing(
    panel: Panel, proposal: Proposal, signed_in_client: Callable[..., Any]
) -> None:
    outsider = signed_in_client("survivor_panel")
    assert outsider.get("/panel/").status_code == 200
    assert "not a member" in outsider.get("/panel/").content.decode()
    for url in ("/panel/proposals/", f"/panel/proposals/{proposal.pk}/", "/panel/you-said-we-did/"):
        assert outsider.get(url).status_code == 403, url


def test_council_staff_cannot_see_the_panel(
    panel: Panel, proposal: Proposal, signed_in_client: Callable[..., Any]
) -> None:
    for role in ("team_manager", "administrator", "auditor", "core_participant"):
        client = signed_in_client(role)
        assert client.get("/panel/").status_code == 403, role
        assert client.get(f"/panel/proposals/{proposal.pk}/").status_code == 403, role


# --- Rejoining ---------------------------------------------------------------------------


def test_staff_bring_a_member_back_and_their_proposals_are_still_theirs(
    panel: Panel, proposal: Proposal, client_for: Callable[[Any], Any]
) -> None:
    member = panel.members[0]
    services.end_membership(member.user, member, False)
    staff = client_for(panel.staff)
    listing = staff.get("/panel/members/").content.decode()
    assert f'action="/panel/members/{member.pk}/rejoin/"' in listing
    reason = "Asked to come back at the June meeting"
    page = staff.post(f"/panel/members/{member.pk}/rejoin/", {"reason": reason}, follow=True)
    html = page.content.decode()
    assert "Panel member 1 is back on the panel" in html and "withdrew" not in html
    member.refresh_from_db()
    assert member.is_active and member.rejoined_at is not None
    assert "rejoined" in html and "Left " in html, "the members page shows both"
    entry = AuditEntry.objects.get(action="panel.member_rejoined", target_id=str(member.pk))
    assert entry.detail == {"user_id": member.user_id, "reason_length": len(reason)}
    assert "June" not in str(entry.detail), "no free text in the audit log"
    own = client_for(member.user)
    assert own.get(f"/panel/proposals/{proposal.pk}/").status_code == 200
    assert "How taxi drivers were checked" in own.get("/panel/").content.decode()
    assert Proposal.objects.get(pk=proposal.pk).member == member


def test_a_withdrawal_stands_when_a_member_rejoins(
    panel: Panel, client_for: Callable[[Any], Any]
) -> None:
    member = panel.members[2]
    services.end_membership(panel.staff, member, True)
    page = client_for(panel.staff).post(
        f"/panel/members/{member.pk}/rejoin/", {"reason": "Wants to take part"}, follow=True
    )
    html = page.content.decode()
    assert "withdrew it from publication" in html and "that still stands" in html
    member.refresh_from_db()
    assert member.is_active and member.withdrawn_at is not None
    assert "Withdrawn from publication" in html


def test_rejoining_needs_a_reason_and_an_ended_membership(
    panel: Panel, client_for: Callable[[Any], Any]
) -> None:
    member = panel.members[1]
    staff = client_for(panel.staff)
    page = staff.post(f"/panel/members/{member.pk}/rejoin/", {"reason": "Back"})
    assert page.status_code == 200 and "already on the panel" in page.content.decode()
    services.end_membership(panel.staff, member, False)
    page = staff.post(f"/panel/members/{member.pk}/rejoin/", {"reason": "  "})
    html = page.content.decode()
    assert page.status_code == 200 and "There is a problem" in html
    assert "Say why the member is coming back" in html
    assert PanelMember.objects.get(pk=member.pk).left_at is not None
    assert not AuditEntry.objects.filter(action="panel.member_rejoined").exists()


def test_rejoining_is_refused_when_another_member_now_has_the_name(
    panel: Panel, make_user: Callable[..., Any], client_for: Callable[[Any], Any]
) -> None:
    member = panel.members[1]
    services.end_membership(panel.staff, member, False)
    PanelMember.objects.create(
        inquiry=panel.inquiry, user=make_user("survivor_panel"), display_name="PANEL MEMBER 2",
        joined_at=timezone.now(), added_by=panel.staff,
    )  # fmt: skip
    page = client_for(panel.staff).post(f"/panel/members/{member.pk}/rejoin/", {"reason": "Back"})
    html = page.content.decode()
    assert page.status_code == 200 and "There is a problem" in html
    assert "Another member now uses the name Panel member 2" in html
    assert PanelMember.objects.get(pk=member.pk).left_at is not None


def test_only_the_inquiry_team_brings_members_back(
    panel: Panel, client_for: Callable[[Any], Any], signed_in_client: Callable[..., Any]
) -> None:
    member = panel.members[0]
    services.end_membership(member.user, member, False)
    url = f"/panel/members/{member.pk}/rejoin/"
    assert client_for(member.user).post(url, {"reason": "Me"}).status_code == 403
    assert client_for(panel.members[1].user).post(url, {"reason": "Them"}).status_code == 403
    assert signed_in_client("administrator").post(url, {"reason": "Them"}).status_code == 403
    assert client_for(panel.staff).get(url).status_code == 405
    with pytest.raises(PermissionDenied):
        services.rejoin_member(panel.members[1].user, member, "Them")
    assert PanelMember.objects.get(pk=member.pk).left_at is not None
