"""The demo's independent inquiry: a non-statutory inquiry into child sexual
exploitation in the (fictional) borough of Ashworth, set up by demo.inquiry, who leads
it and is named to read survivors' accounts and approve releases.

It has terms of reference, five lines of inquiry, three core participants (a survivors'
organisation, the complainant "CP-1" whose representative is demo.participant, and
children's social care) and requests to the partner agencies: one complied with, one
partly returned after an extension, one overdue, and a voluntary request to a former
residential care manager. Everything goes through the inquiry's services, so every rule
and audit entry applies. A second run finds the inquiry and adds nothing.
"""

from __future__ import annotations

from datetime import date, timedelta

from joinedup.web.demo.cast import Cast
from joinedup.web.inquiry.models import CoreParticipant, EvidenceRequest, Inquiry
from joinedup.web.inquiry.services.lines import add_line
from joinedup.web.inquiry.services.participants import ParticipantDraft, designate_participant
from joinedup.web.inquiry.services.requests import (
    RequestDraft,
    change_status,
    draft_request,
    extend_deadline,
)
from joinedup.web.inquiry.services.setup import InquiryDetails, current_inquiry, set_up_inquiry
from joinedup.web.inquiry.services.staff import StaffDraft, change_staff
from joinedup.web.records.models import Agency

__all__ = ["TITLE", "seed_inquiry"]

TITLE = "Independent Inquiry into Child Sexual Exploitation in Ashworth (synthetic)"
TERMS = "\n".join(
    (
        "1. To examine the nature and extent of child sexual exploitation in Ashworth from "
        "1985 to the present.",
        "2. To examine what the council, police, health services, schools and licensing "
        "knew, and when, and how they responded.",
        "3. To consider how far victims and survivors were heard, believed and protected.",
        "4. To make recommendations so that children in Ashworth are better protected.",
        "",
        "The inquiry is not statutory: it asks for evidence and relies on agencies' and "
        "people's cooperation.",
    )
)
LINES = (
    ("What agencies knew, and when", "The records each agency held about exploited children."),
    ("Children reported missing", "How agencies responded to children going missing."),
    ("Police and prosecution", "How reports of abuse were investigated and charged."),
    ("Information sharing", "What agencies told each other, and what they did not."),
    ("Taxi and takeaway licensing", "How licensing responded to concerns about premises."),
)
ASK = {
    "CSC": "Your records of referrals about children at risk of sexual exploitation, "
    "1985 to date.\n"
    "The policies and procedures for child sexual exploitation in force in each year.\n"
    "The minutes of strategy meetings about children at risk of exploitation.",
    "POL": "Reports of sexual offences against children, and what became of each.\n"
    "Intelligence reports about the exploitation of children in the town centre.\n"
    "The force's guidance to officers on children reported missing.",
    "HLT": "Referrals by sexual health services to children's social care.\n"
    "Records of training for staff on child sexual exploitation.",
}


def seed_inquiry(cast: Cast) -> Inquiry:
    """The demo inquiry; the existing one if the inquiry is set up already."""
    found = current_inquiry()
    if found is not None:
        return found
    lead = cast.inquiry
    details = InquiryDetails(
        TITLE, "Dame Helen Ashcroft (synthetic)", False, cast.today - timedelta(days=200)
    )
    inquiry = set_up_inquiry(lead, details, TERMS)
    change_staff(
        lead, inquiry.staff.get(user=lead), StaffDraft("Solicitor to the inquiry", True, True, True)
    )
    for title, description in LINES:
        add_line(lead, inquiry, title, description)
    _participants(cast, inquiry)
    _requests(cast, inquiry)
    return inquiry


def _participants(cast: Cast, inquiry: Inquiry) -> None:
    lead, day = cast.inquiry, cast.today - timedelta(days=150)
    designate_participant(
        lead,
        inquiry,
        ParticipantDraft(
            CoreParticipant.ORGANISATION,
            "Ashworth Survivors' Network (synthetic)",
            "Hale and Partners Solicitors",
            day,
        ),
    )
    designate_participant(
        lead,
        inquiry,
        ParticipantDraft(
            CoreParticipant.INDIVIDUAL, "CP-1", "Marlow Legal", day, users=[cast.participant]
        ),
    )
    csc = cast.agencies.get("CSC")
    if csc is not None:
        designate_participant(
            lead,
            inquiry,
            ParticipantDraft(CoreParticipant.ORGANISATION, csc.name, "", day, agency=csc),
        )


def _request(
    cast: Cast,
    inquiry: Inquiry,
    agency: Agency | None,
    name: str,
    matters: str,
    issued: int,
    deadline: int,
    kind: str = EvidenceRequest.RULE_9,
) -> EvidenceRequest:
    draft = RequestDraft(kind, agency, name, matters, cast.today + timedelta(days=deadline))
    found = draft_request(cast.inquiry, inquiry, draft)
    return change_status(
        cast.inquiry, found, EvidenceRequest.ISSUED, cast.today + timedelta(days=issued)
    )


def _requests(cast: Cast, inquiry: Inquiry) -> None:
    lead = cast.inquiry

    def on(days: int) -> date:
        return cast.today + timedelta(days=days)

    agencies = cast.agencies
    if "CSC" in agencies:
        done = _request(
            cast,
            inquiry,
            agencies["CSC"],
            "Director of Children's Services",
            ASK["CSC"],
            issued=-120,
            deadline=-60,
        )
        done = change_status(lead, done, EvidenceRequest.ACKNOWLEDGED, on(-115))
        change_status(
            lead, done, EvidenceRequest.COMPLIED, on(-65), "Statement and exhibits received."
        )
    if "POL" in agencies:
        part = _request(
            cast,
            inquiry,
            agencies["POL"],
            "Head of Public Protection",
            ASK["POL"],
            issued=-70,
            deadline=-10,
        )
        extend_deadline(lead, part, on(21), "The force asked for time to search its archive.")
        change_status(
            lead,
            part,
            EvidenceRequest.PARTLY_RETURNED,
            on(-5),
            "Crime reports received; intelligence reports to follow.",
        )
    if "HLT" in agencies:
        late = _request(
            cast,
            inquiry,
            agencies["HLT"],
            "Designated nurse for safeguarding",
            ASK["HLT"],
            issued=-50,
            deadline=-8,
        )
        change_status(lead, late, EvidenceRequest.ACKNOWLEDGED, on(-45))
    _request(
        cast,
        inquiry,
        None,
        "A former manager of a children's home (synthetic)",
        "What you knew of children leaving the home at night, 1995 to 2005.\n"
        "Whom you told, and what they did.",
        issued=-10,
        deadline=25,
        kind=EvidenceRequest.VOLUNTARY,
    )
