"""Proposals: a member proposes a line of inquiry or an issue; other members support it
or comment; the inquiry team answers (accepted, partly, not taken forward) with a reason
in plain words and what was done, and the proposer is told.

An accepted or partly accepted proposal may be linked to a line of inquiry, an existing
one or a new one made from the answer. A later answer is a new row (the history is
kept); the proposal's status is the latest answer's outcome.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.accounts.models import User
from joinedup.web.accounts.notifications import notify
from joinedup.web.audit.services import record_event
from joinedup.web.inquiry.models import Inquiry, LineOfInquiry
from joinedup.web.inquiry.services.lines import add_line
from joinedup.web.panel.models import PanelMember, Proposal, ProposalAnswer, ProposalComment
from joinedup.web.panel.services.membership import is_staff
from joinedup.web.panel.services.vocabulary import (
    given_by_choices,
    outcomes,
    proposal_kinds,
    status_label,
)

__all__ = [
    "Answer",
    "NewLine",
    "ProposalDraft",
    "answer_proposal",
    "comment_on_proposal",
    "make_proposal",
    "proposals_for",
    "record_proposal_for_member",
]


@dataclass(frozen=True, slots=True)
class ProposalDraft:
    kind: str
    title: str
    what: str
    why: str


@dataclass(frozen=True, slots=True)
class NewLine:
    """A line of inquiry to add from an accepted proposal (its reference is the next one,
    L1, L2 ..., from the inquiry app; its description the proposal's "what")."""

    title: str


@dataclass(frozen=True, slots=True)
class Answer:
    outcome: str
    reason: str
    done: str
    line: LineOfInquiry | None = None
    new_line: NewLine | None = None


def proposals_for(inquiry: Inquiry) -> QuerySet[Proposal]:
    return Proposal.objects.filter(inquiry=inquiry).select_related("member", "line")


def make_proposal(
    member: PanelMember, draft: ProposalDraft, request: HttpRequest | None = None
) -> Proposal:
    if not member.is_active:
        raise PermissionDenied("Your membership of the panel has ended.")
    with transaction.atomic():
        proposal = _create(member, draft)
        record_event(
            member.user, "panel.proposal_made", target_type="panel_proposal",
            target_id=proposal.pk, detail={"member_id": member.pk}, request=request,
        )  # fmt: skip
    return proposal


def record_proposal_for_member(
    staff: User,
    member: PanelMember,
    given_by: str,
    draft: ProposalDraft,
    request: HttpRequest | None = None,
) -> Proposal:
    """A proposal a member gave by phone, letter, e-mail or at a meeting, recorded by the
    inquiry team. It is the member's own: other members see it under their display name."""
    if not is_staff(staff):
        raise PermissionDenied("Only the inquiry team records proposals for members.")
    if not member.is_active:
        raise InputError(
            f"{member.display_name} has left the panel, so a proposal cannot be recorded "
            "for them. Bring them back onto the panel first if they want to rejoin"
        )
    if given_by not in given_by_choices():
        raise InputError("Choose how the member gave the proposal")
    with transaction.atomic():
        proposal = _create(member, draft, recorded_by=staff, given_by=given_by)
        record_event(
            staff, "panel.proposal_recorded", target_type="panel_proposal",
            target_id=proposal.pk, detail={"member_id": member.pk}, request=request,
        )  # fmt: skip
    return proposal


def _create(
    member: PanelMember, draft: ProposalDraft, recorded_by: User | None = None, given_by: str = ""
) -> Proposal:
    if draft.kind not in proposal_kinds():
        raise InputError("Choose whether this is a line of inquiry or an issue")
    title, what, why = (" ".join(draft.title.split()), draft.what.strip(), draft.why.strip())
    if not (title and what and why):
        raise InputError("Give a title, what is proposed and why")
    return Proposal.objects.create(
        inquiry_id=member.inquiry_id, member=member, kind=draft.kind, title=title, what=what,
        why=why, proposed_at=timezone.now(), recorded_by=recorded_by, given_by=given_by,
    )  # fmt: skip


def comment_on_proposal(
    member: PanelMember,
    proposal: Proposal,
    supports: bool,
    text: str,
    request: HttpRequest | None = None,
) -> ProposalComment:
    """Add support, a comment, or both. A member supports a proposal once, and not their own."""
    if not member.is_active:
        raise PermissionDenied("Your membership of the panel has ended.")
    text = text.strip()
    if supports and proposal.member_id == member.pk:
        raise InputError("This is your own proposal: you can add a comment, but not support it")
    already = proposal.comments.filter(member=member, supports=True).exists()
    if supports and already:
        raise InputError("You already support this proposal: add a comment instead")
    if not (supports or text):
        raise InputError("Say that you support the proposal, or write a comment, or both")
    with transaction.atomic():
        comment = ProposalComment.objects.create(
            proposal=proposal, member=member, supports=supports, text=text,
            made_at=timezone.now(),
        )  # fmt: skip
        record_event(
            member.user, "panel.proposal_commented", target_type="panel_proposal",
            target_id=proposal.pk,
            detail={"comment_id": comment.pk, "supports": supports, "member_id": member.pk},
            request=request,
        )  # fmt: skip
    return comment


def answer_proposal(
    staff: User, proposal: Proposal, answer: Answer, request: HttpRequest | None = None
) -> ProposalAnswer:
    """Record the inquiry's answer and tell the proposer."""
    if not is_staff(staff):
        raise PermissionDenied("Only the inquiry team answers proposals.")
    _check(proposal, answer)
    with transaction.atomic():
        line = answer.line or _add_line(staff, proposal, answer.new_line, request)
        recorded = ProposalAnswer.objects.create(
            proposal=proposal, outcome=answer.outcome, reason=answer.reason.strip(),
            done=answer.done.strip(), line=line, answered_by=staff, answered_at=timezone.now(),
        )  # fmt: skip
        proposal.status, proposal.line = answer.outcome, line
        proposal.save(update_fields=["status", "line"])
        record_event(
            staff, "panel.proposal_answered", target_type="panel_proposal",
            target_id=proposal.pk,
            detail={"answer_id": recorded.pk, "outcome": answer.outcome,
                    "line_id": line.pk if line else None},
            request=request,
        )  # fmt: skip
        _tell_proposer(proposal)
    return recorded


def _check(proposal: Proposal, answer: Answer) -> None:
    outcome = outcomes().get(answer.outcome)
    if outcome is None:
        raise InputError("Choose the answer: accepted, partly accepted or not taken forward")
    if not answer.reason.strip():
        raise InputError("Give the reason for the answer in plain words")
    if not answer.done.strip():
        raise InputError("Say what the inquiry did, or will do, about it")
    linked = answer.line is not None or answer.new_line is not None
    if linked and not outcome.links_line:
        raise InputError("Only an accepted or partly accepted proposal can be linked to a line")
    if answer.line is not None and answer.line.inquiry_id != proposal.inquiry_id:
        raise InputError("Choose a line of this inquiry")
    if answer.line is not None and answer.line.retired_at is not None:
        raise InputError(f"Line {answer.line.reference} is retired: choose another")
    if answer.line is not None and answer.new_line is not None:
        raise InputError("Choose an existing line or add a new one, not both")


def _add_line(
    staff: User, proposal: Proposal, new: NewLine | None, request: HttpRequest | None
) -> LineOfInquiry | None:
    if new is None:
        return None
    title = " ".join(new.title.split())
    if not title:
        raise InputError("Give the new line of inquiry a title")
    return add_line(staff, proposal.inquiry, title, proposal.what, request)


def _tell_proposer(proposal: Proposal) -> None:
    member = proposal.member
    if not member.is_active or not member.user.is_active:
        return
    subject = "The inquiry has answered your proposal"
    where = reverse("panel:proposal", args=[proposal.pk])
    body = (
        f"Your proposal \u201c{proposal.title}\u201d: {status_label(proposal.status)}. "
        f"Read the reason and what the inquiry did at {where}."
    )
    email = "The inquiry has answered one of your proposals. Sign in to read its answer."
    notify(member.user, "panel.proposal_answered", subject, body, email=email)
