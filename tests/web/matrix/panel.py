"""Permission-matrix rows for the survivors' panel (/panel/).

Only roles with `take_part_in_panel` reach the panel (the inquiry team and the survivors'
panel role); no council role does. Inside it:

- the front page answers every panel role, member or not (it says where they stand);
- the pages that read the panel (proposals, drafts, the log) need the inquiry team or a
  current member: the matrix's survivor_panel user is not a member, so it is refused
  (tests/web/panel/test_access.py shows a member reading them);
- running the panel (members, answers, responses, publication, sharing drafts) needs
  `inquiry_work`;
- a member's own writes (proposing, commenting, leaving) need a current membership, so
  the inquiry team is refused them too;
- recording a proposal a member gave by phone, letter, e-mail or at a meeting, and
  bringing a member who left back onto the panel (a POST: the matrix's empty one shows
  the form's error), need `inquiry_work`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.web.matrix.common import LOGIN, NO, OK, START, Borough

PANEL_ROLES = (LOGIN, NO, NO, NO, NO, NO, OK, NO, NO, NO, OK)
STAFF = (LOGIN, NO, NO, NO, NO, NO, OK, NO, NO)
READERS = STAFF  # the inquiry team, and current members (none in the matrix)
MEMBERS = (LOGIN, NO, NO, NO, NO, NO, NO, NO, NO)  # current members (none in the matrix)
POSTED_BY_STAFF = (START, NO, NO, NO, NO, NO, OK, NO, NO)  # a POST signed out: to sign-in

# fmt: off
PAGES: dict[str, tuple[str, ...]] = {
    # columns: anon, prac, mgr, police, health, school, inq, audit, admin[, cp, panel]
    "panel:index": PANEL_ROLES,
    "panel:members": STAFF,
    "panel:member-add": STAFF,
    "panel:member-end": STAFF,
    "panel:member-rejoin": POSTED_BY_STAFF,
    "panel:leave": MEMBERS,
    "panel:proposals": READERS,
    "panel:proposal-add": MEMBERS,
    "panel:proposal-record": STAFF,
    "panel:proposal": READERS,
    "panel:proposal-comment": MEMBERS,
    "panel:proposal-answer": STAFF,
    "panel:proposal-publish": STAFF,
    "panel:drafts": READERS,
    "panel:draft-add": STAFF,
    "panel:draft": READERS,
    "panel:draft-file": READERS,
    "panel:draft-comment": MEMBERS,
    "panel:comment-respond": STAFF,
    "panel:comment-publish": STAFF,
    "panel:log": READERS,
}
# fmt: on
POSTED = {"panel:member-rejoin"}
PAGE_ARGS: dict[str, dict[str, str]] = {
    "panel:member-end": {"member_id": "panel_member"},
    "panel:member-rejoin": {"member_id": "panel_left_member"},
    "panel:proposal": {"proposal_id": "panel_proposal"},
    "panel:proposal-comment": {"proposal_id": "panel_proposal"},
    "panel:proposal-answer": {"proposal_id": "panel_proposal"},
    "panel:proposal-publish": {"proposal_id": "panel_proposal"},
    "panel:draft": {"draft_id": "panel_draft"},
    "panel:draft-file": {"draft_id": "panel_draft"},
    "panel:draft-comment": {"draft_id": "panel_draft"},
    "panel:comment-respond": {"comment_id": "panel_comment"},
    "panel:comment-publish": {"comment_id": "panel_comment"},
}


def make_objects(borough: Borough, make_user: Callable[..., Any]) -> dict[str, str]:
    """The inquiry (if no other module made it), a member with a proposal, a member who
    left, and a draft with a file and the member's comment on it."""
    from django.utils import timezone

    from joinedup.web.inquiry.models import Inquiry
    from joinedup.web.panel import services

    staff = make_user("inquiry_team")
    if services.panel_inquiry() is None:
        Inquiry.objects.create(
            title="Matrix inquiry (invented)", created_at=timezone.now(), created_by=staff
        )
    member = services.add_member(staff, make_user("survivor_panel"), "Panel member 1")
    left = services.add_member(staff, make_user("survivor_panel"), "Panel member 2")
    services.end_membership(staff, left, withdraw=False)
    proposal = services.make_proposal(
        member, services.ProposalDraft("issue", "An invented issue", "What", "Why")
    )
    upload = SimpleUploadedFile("draft.txt", b"An invented draft\n")
    deadline = timezone.localdate() + timedelta(days=7)
    draft = services.share_draft(
        staff, services.DraftToShare("Invented draft", "One.\n\nTwo.", deadline, upload)
    )
    comment = services.comment_on_draft(member, draft, 1, "An invented comment")
    return {
        "panel_member": str(member.pk),
        "panel_left_member": str(left.pk),
        "panel_proposal": str(proposal.pk),
        "panel_draft": str(draft.pk),
        "panel_comment": str(comment.pk),
    }
