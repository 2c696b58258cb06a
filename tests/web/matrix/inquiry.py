"""Permission-matrix rows for the inquiry (/inquiry/, namespace "inquiry").

Only the inquiry team (`inquiry_work`) reaches these pages; every council role, the
auditor and the administrator get 403, and so do core participants and panel members
(a row of nine columns gives them NO). The matrix's inquiry-team user is not named on
the inquiry's staff, so the pages only a lead may use (the inquiry's details, naming,
changing and removing staff) refuse them too; tests/web/inquiry test the lead's side.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from tests.web.matrix.common import LOGIN, NO, OK, START, Borough

INQUIRY = (LOGIN, NO, NO, NO, NO, NO, OK, NO, NO)
LEADS = (LOGIN, NO, NO, NO, NO, NO, NO, NO, NO)
POSTED_TO_INQUIRY = (START, NO, NO, NO, NO, NO, OK, NO, NO)

# fmt: off
PAGES: dict[str, tuple[str, ...]] = {
    #                            anon, prac, mgr, police, health, school, inq, audit, admin
    "inquiry:index":            INQUIRY,
    "inquiry:details":          LEADS,
    "inquiry:terms":            INQUIRY,
    "inquiry:lines":            INQUIRY,
    "inquiry:line-add":         INQUIRY,
    "inquiry:line-edit":        INQUIRY,
    "inquiry:line-retire":      INQUIRY,
    "inquiry:participants":     INQUIRY,
    "inquiry:participant-add":  INQUIRY,
    "inquiry:participant-edit": INQUIRY,
    "inquiry:staff":            INQUIRY,
    "inquiry:staff-add":        LEADS,
    "inquiry:staff-edit":       LEADS,
    "inquiry:staff-remove":     LEADS,
    "inquiry:requests":         INQUIRY,
    "inquiry:request-add":      INQUIRY,
    "inquiry:request":          INQUIRY,
    "inquiry:request-edit":     INQUIRY,
    "inquiry:request-status":   INQUIRY,
    "inquiry:request-extend":   INQUIRY,
    "inquiry:request-note":     POSTED_TO_INQUIRY,
    "inquiry:letter":           INQUIRY,
    "inquiry:letter-pdf":       INQUIRY,
    "inquiry:compliance":       INQUIRY,
    "inquiry:compliance-csv":   INQUIRY,
}
# fmt: on
POSTED = {"inquiry:request-note"}
_REQUEST = {"request_id": "inquiry_request"}
PAGE_ARGS: dict[str, dict[str, str]] = {
    "inquiry:line-edit": {"line_id": "inquiry_line"},
    "inquiry:line-retire": {"line_id": "inquiry_line"},
    "inquiry:participant-edit": {"participant_id": "inquiry_participant"},
    "inquiry:staff-edit": {"post_id": "inquiry_staff"},
    "inquiry:staff-remove": {"post_id": "inquiry_staff"},
    **{
        name: _REQUEST
        for name in (
            "inquiry:request",
            "inquiry:request-edit",
            "inquiry:request-status",
            "inquiry:request-extend",
            "inquiry:request-note",
            "inquiry:letter",
            "inquiry:letter-pdf",
        )
    },
}


def make_objects(borough: Borough, make_user: Callable[..., Any]) -> dict[str, str]:
    """An inquiry led by someone else, with a line, a core participant, a second member
    of staff and a draft Rule 9 request to children's social care."""
    from joinedup.web.inquiry.models import EvidenceRequest
    from joinedup.web.inquiry.services.lines import add_line
    from joinedup.web.inquiry.services.participants import ParticipantDraft, designate_participant
    from joinedup.web.inquiry.services.requests import RequestDraft, draft_request
    from joinedup.web.inquiry.services.setup import InquiryDetails, set_up_inquiry
    from joinedup.web.inquiry.services.staff import StaffDraft, name_staff
    from joinedup.web.records.models import Agency

    lead = make_user("inquiry_team")
    inquiry = set_up_inquiry(lead, InquiryDetails("Matrix inquiry", "", False, None), "Terms")
    line = add_line(lead, inquiry, "Invented line", "")
    participant = designate_participant(
        lead, inquiry, ParticipantDraft("individual", "CP-1", "", date(2031, 1, 1))
    )
    post = name_staff(lead, inquiry, make_user("inquiry_team"), StaffDraft("", False, True, False))
    draft = RequestDraft(
        EvidenceRequest.RULE_9, Agency.objects.get(code="CSC"), "", "One matter",
        date.today() + timedelta(days=30),
    )  # fmt: skip
    found = draft_request(lead, inquiry, draft)
    return {
        "inquiry_line": str(line.pk),
        "inquiry_participant": str(participant.pk),
        "inquiry_staff": str(post.pk),
        "inquiry_request": str(found.pk),
    }
