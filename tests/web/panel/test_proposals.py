"""Proposals: members propose, support and comment; staff answer with a reason and what
was done, linking a line of inquiry; the proposer is told."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from joinedup.errors import InputError
from joinedup.web.accounts.models import Notification
from joinedup.web.audit.models import AuditEntry
from joinedup.web.inquiry.models import LineOfInquiry
from joinedup.web.panel import services
from joinedup.web.panel.models import Proposal, ProposalComment
from tests.web.panel.conftest import Panel

pytestmark = pytest.mark.django_db

ANSWER = {"outcome": "accepted", "reason": "Survivors told us.", "done": "We look into it."}


def test_a_member_proposes_and_the_proposal_waits_for_an_answer(
    panel: Panel, client_for: Callable[[Any], Any]
) -> None:
    client = client_for(panel.members[1].user)
    data = {"kind": "issue", "title": "Evening hearings", "what": "Hold them late.", "why": "Work."}
    page = client.post("/panel/proposals/new/", data)
    proposal = Proposal.objects.get()
    assert page.status_code == 302 and page["Location"] == f"/panel/proposals/{proposal.pk}/"
    assert (proposal.member, proposal.status) == (panel.members[1], "open")
    listing = client_for(panel.members[2].user).get("/panel/proposals/").content.decode()
    assert "Evening hearings" in listing and "Waiting for an answer" in listing
    entry = AuditEntry.objects.get(action="panel.proposal_made")
    assert "Evening" not in str(entry.detail), "the audit log keeps ids, not what was written"


def test_an_empty_proposal_shows_what_is_missing(
    panel: Panel, client_for: Callable[[Any], Any]
) -> None:
    page = client_for(panel.members[0].user).post("/panel/proposals/new/", {})
    html = page.content.decode()
    assert page.status_code == 200 and "There is a problem" in html
    assert "Give your proposal a short title" in html and "Say why it matters" in html
    assert not Proposal.objects.exists()


def test_staff_cannot_propose_they_answer(panel: Panel, client_for: Callable[[Any], Any]) -> None:
    page = client_for(panel.staff).get("/panel/proposals/new/")
    assert page.status_code == 403 and "inquiry team answers" in page.content.decode()


def test_members_support_once_and_never_their_own(
    panel: Panel, proposal: Proposal, client_for: Callable[[Any], Any]
) -> None:
    other = client_for(panel.members[1].user)
    url = f"/panel/proposals/{proposal.pk}/comment/"
    assert other.post(url, {"supports": "on", "text": "Me too."}).status_code == 302
    again = other.post(url, {"supports": "on"})
    assert "You already support this proposal" in again.content.decode()
    with pytest.raises(InputError, match="your own proposal"):
        services.comment_on_proposal(panel.members[0], proposal, True, "")
    services.comment_on_proposal(panel.members[0], proposal, False, "Thank you all.")
    assert ProposalComment.objects.filter(proposal=proposal, supports=True).count() == 1
    page = other.get(f"/panel/proposals/{proposal.pk}/").content.decode()
    assert "1 member supports" in page and "Me too." in page and "Thank you all." in page


def test_an_answer_with_a_new_line_of_inquiry_tells_the_proposer(
    panel: Panel, proposal: Proposal, client_for: Callable[[Any], Any]
) -> None:
    data = {**ANSWER, "line": "new", "new_line_title": "Taxi licensing"}
    page = client_for(panel.staff).post(f"/panel/proposals/{proposal.pk}/answer/", data)
    assert page.status_code == 302
    proposal.refresh_from_db()
    line = LineOfInquiry.objects.get(inquiry=panel.inquiry)
    assert (proposal.status, proposal.line, line.title) == ("accepted", line, "Taxi licensing")
    note = Notification.objects.get(recipient=panel.members[0].user)
    assert note.kind == "panel.proposal_answered" and "Accepted" in note.body
    seen = client_for(panel.members[0].user).get(f"/panel/proposals/{proposal.pk}/")
    assert (
        "Survivors told us." in seen.content.decode()
        and "We look into it." in seen.content.decode()
    )


def test_a_later_answer_keeps_the_earlier_one(panel: Panel, proposal: Proposal) -> None:
    services.answer_proposal(panel.staff, proposal, services.Answer("partly", "Some.", "Part."))
    services.answer_proposal(panel.staff, proposal, services.Answer("accepted", "All.", "All."))
    assert [a.outcome for a in proposal.answers.all()] == ["accepted", "partly"]
    assert Proposal.objects.get(pk=proposal.pk).status == "accepted"


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"reason": ""}, "Give the reason"),
        ({"done": " "}, "what the inquiry did"),
        ({"outcome": "maybe"}, "Choose the answer"),
    ],
)
def test_every_answer_has_a_reason_and_what_was_done(
    panel: Panel, proposal: Proposal, answer: dict[str, str], message: str
) -> None:
    fields = {"outcome": "accepted", "reason": "Because.", "done": "This.", **answer}
    given = services.Answer(fields["outcome"], fields["reason"], fields["done"])
    with pytest.raises(InputError, match=message):
        services.answer_proposal(panel.staff, proposal, given)
    assert Proposal.objects.get(pk=proposal.pk).status == "open"


def test_a_proposal_not_taken_forward_is_not_linked_to_a_line(
    panel: Panel, proposal: Proposal, client_for: Callable[[Any], Any]
) -> None:
    data = {**ANSWER, "outcome": "not_taken_forward", "line": "new", "new_line_title": "X"}
    page = client_for(panel.staff).post(f"/panel/proposals/{proposal.pk}/answer/", data)
    assert page.status_code == 200 and "Only an accepted or partly" in page.content.decode()
    assert not LineOfInquiry.objects.exists() and not Notification.objects.exists()


def test_members_cannot_answer(
    panel: Panel, proposal: Proposal, client_for: Callable[[Any], Any]
) -> None:
    page = client_for(panel.members[1].user).post(f"/panel/proposals/{proposal.pk}/answer/", ANSWER)
    assert page.status_code == 403
    assert Proposal.objects.get(pk=proposal.pk).status == "open"


# --- A proposal given by phone, letter, e-mail or at a meeting, recorded by staff -------
RECORDED = {"given_by": "phone", "kind": "issue", "title": "Home visits", "what": "Visit us.",
            "why": "Travel is hard."}  # fmt: skip


def test_staff_record_a_phoned_proposal_that_is_the_members_own(
    panel: Panel, client_for: Callable[[Any], Any]
) -> None:
    member = panel.members[1]
    staff = client_for(panel.staff)
    form = staff.get("/panel/proposals/record/").content.decode()
    assert "Panel member 2" in form and member.user.username not in form, "display names only"
    page = staff.post("/panel/proposals/record/", {**RECORDED, "member": str(member.pk)})
    proposal = Proposal.objects.get()
    assert page.status_code == 302 and page["Location"] == f"/panel/proposals/{proposal.pk}/"
    assert (proposal.member, proposal.recorded_by, proposal.given_by) == (
        member,
        panel.staff,
        "phone",
    )
    entry = AuditEntry.objects.get(action="panel.proposal_recorded")
    assert entry.actor_username == panel.staff.username and entry.target_id == str(proposal.pk)
    assert entry.detail == {"member_id": member.pk}, "ids only, never what was said"
    own = client_for(member.user).get("/panel/").content.decode()
    assert "Your proposals" in own and "Home visits" in own


def test_other_members_see_the_team_recorded_it_but_not_who(
    panel: Panel, client_for: Callable[[Any], Any], make_user: Callable[..., Any]
) -> None:
    recorder = make_user("inquiry_team", first_name="Morgan", last_name="Quill")
    draft = services.ProposalDraft("issue", "Home visits", "Visit us.", "Travel is hard.")
    made = services.record_proposal_for_member(recorder, panel.members[1], "letter", draft)
    url = f"/panel/proposals/{made.pk}/"
    seen = client_for(panel.members[2].user).get(url).content.decode()
    assert "Recorded by the inquiry team from a letter on" in seen and "Panel member 2" in seen
    assert "Morgan" not in seen and recorder.username not in seen
    staff_sees = client_for(panel.staff).get(url).content.decode()
    assert (
        "Recorded by the inquiry team from a letter" in staff_sees and "Morgan Quill" in staff_sees
    )
    listing = client_for(panel.staff).get("/panel/proposals/").content.decode()
    assert 'href="/panel/proposals/record/"' in listing


def test_a_members_own_proposal_says_nothing_about_recording(
    panel: Panel, proposal: Proposal, client_for: Callable[[Any], Any]
) -> None:
    seen = client_for(panel.members[1].user).get(f"/panel/proposals/{proposal.pk}/")
    assert "Recorded by the inquiry team" not in seen.content.decode()
    assert (proposal.recorded_by, proposal.given_by) == (None, "")


def test_a_proposal_cannot_be_recorded_for_a_member_who_has_left(
    panel: Panel, client_for: Callable[[Any], Any]
) -> None:
    left = panel.members[2]
    services.end_membership(panel.staff, left, False)
    staff = client_for(panel.staff)
    assert "Panel member 3" not in staff.get("/panel/proposals/record/").content.decode()
    page = staff.post("/panel/proposals/record/", {**RECORDED, "member": str(left.pk)})
    html = page.content.decode()
    assert page.status_code == 200 and "There is a problem" in html
    assert "Panel member 3 has left the panel" in html
    assert not Proposal.objects.exists()
    assert not AuditEntry.objects.filter(action="panel.proposal_recorded").exists()


def test_recording_needs_a_member_and_how_they_gave_it(
    panel: Panel, client_for: Callable[[Any], Any]
) -> None:
    page = client_for(panel.staff).post("/panel/proposals/record/", {"given_by": "fax"})
    html = page.content.decode()
    assert page.status_code == 200 and "There is a problem" in html
    assert "Choose the member who gave the proposal" in html
    assert "Choose how the member gave the proposal" in html
    with pytest.raises(InputError, match="how the member gave"):
        draft = services.ProposalDraft("issue", "T", "W", "Y")
        services.record_proposal_for_member(panel.staff, panel.members[0], "fax", draft)
    assert not Proposal.objects.exists()


def test_only_the_inquiry_team_records_proposals_for_members(
    panel: Panel, client_for: Callable[[Any], Any], signed_in_client: Callable[..., Any]
) -> None:
    data = {**RECORDED, "member": str(panel.members[0].pk)}
    member = client_for(panel.members[1].user)
    assert member.get("/panel/proposals/record/").status_code == 403
    assert member.post("/panel/proposals/record/", data).status_code == 403
    assert (
        signed_in_client("team_manager").post("/panel/proposals/record/", data).status_code == 403
    )
    draft = services.ProposalDraft("issue", "T", "W", "Y")
    with pytest.raises(PermissionDenied):
        services.record_proposal_for_member(panel.members[1].user, panel.members[0], "phone", draft)
    assert not Proposal.objects.exists()
    listing = member.get("/panel/proposals/").content.decode()
    assert "/panel/proposals/record/" not in listing
