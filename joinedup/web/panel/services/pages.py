"""What each panel page shows, gathered in one place so the views stay thin."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from joinedup.web.accounts.models import User
from joinedup.web.audit.models import AuditEntry
from joinedup.web.inquiry.models import Inquiry, LineOfInquiry
from joinedup.web.panel.models import (
    Draft,
    DraftComment,
    PanelMember,
    Proposal,
    ProposalAnswer,
    ProposalComment,
)
from joinedup.web.panel.services.drafts import comments_open, paragraphs, visible_comments
from joinedup.web.panel.services.membership import is_staff, membership_of, panel_inquiry
from joinedup.web.panel.services.vocabulary import timescale

__all__ = [
    "DraftPage",
    "FrontPage",
    "MemberRow",
    "MembersPage",
    "ProposalPage",
    "StaffCounts",
    "draft_page",
    "front_page",
    "line_choices",
    "members_page",
    "proposal_page",
]


@dataclass(frozen=True)
class StaffCounts:
    members: int
    open_proposals: int
    waiting_proposals: int  # open for longer than the answer timescale
    comments_to_answer: int  # on drafts whose deadline has passed
    answered: int  # proposals answered and comments responded to


@dataclass(frozen=True)
class FrontPage:
    inquiry: Inquiry | None
    staff: bool
    member: PanelMember | None  # the user's membership, current or ended
    proposals: list[Proposal] = field(default_factory=list)  # the member's own
    open_drafts: list[Draft] = field(default_factory=list)
    counts: StaffCounts | None = None


def front_page(user: User) -> FrontPage:
    inquiry = panel_inquiry()
    staff = is_staff(user)
    member = membership_of(user, active_only=False)
    if inquiry is None:
        return FrontPage(None, staff, member)
    today = timezone.localdate()
    drafts = list(Draft.objects.filter(inquiry=inquiry, deadline__gte=today).order_by("deadline"))
    if staff:
        return FrontPage(inquiry, True, member, open_drafts=drafts, counts=_counts(inquiry))
    if member is None or not member.is_active:
        return FrontPage(inquiry, False, member)
    own = list(member.proposals.order_by("-proposed_at"))
    return FrontPage(inquiry, False, member, own, drafts)


def _counts(inquiry: Inquiry) -> StaffCounts:
    proposals = Proposal.objects.filter(inquiry=inquiry)
    cutoff = timezone.now() - timedelta(days=timescale("proposal_answer_days"))
    comments = DraftComment.objects.filter(draft__inquiry=inquiry)
    closed = comments.filter(draft__deadline__lt=timezone.localdate())
    answered = proposals.exclude(status="open").count()
    return StaffCounts(
        members=PanelMember.objects.filter(inquiry=inquiry, left_at__isnull=True).count(),
        open_proposals=proposals.filter(status="open").count(),
        waiting_proposals=proposals.filter(status="open", proposed_at__lte=cutoff).count(),
        comments_to_answer=closed.filter(responded_at__isnull=True).count(),
        answered=answered + comments.filter(responded_at__isnull=False).count(),
    )


@dataclass(frozen=True)
class MemberRow:
    member: PanelMember
    last_left_at: datetime | None  # for a member who rejoined: when they last left


@dataclass(frozen=True)
class MembersPage:
    inquiry: Inquiry | None
    members: list[PanelMember]
    rows: list[MemberRow] = field(default_factory=list)


def members_page() -> MembersPage:
    inquiry = panel_inquiry()
    if inquiry is None:
        return MembersPage(None, [])
    found = PanelMember.objects.filter(inquiry=inquiry).select_related("user")
    members = list(found.order_by("left_at", "display_name"))
    left = _last_left([m for m in members if m.rejoined_at is not None])
    return MembersPage(inquiry, members, [MemberRow(m, left.get(str(m.pk))) for m in members])


def _last_left(rejoined: list[PanelMember]) -> dict[str, datetime]:
    """When each member who rejoined last left: the audit log is the history."""
    if not rejoined:
        return {}
    entries = AuditEntry.objects.filter(
        action="panel.member_left",
        target_type="panel_member",
        target_id__in=[str(m.pk) for m in rejoined],
    )
    return {e.target_id: e.occurred_at for e in entries.order_by("sequence")}


@dataclass(frozen=True)
class ProposalPage:
    proposal: Proposal
    staff: bool
    member: PanelMember | None
    supporters: int
    comments: list[ProposalComment]
    answers: list[ProposalAnswer]  # latest first
    may_comment: bool
    may_support: bool


def proposal_page(user: User, proposal: Proposal) -> ProposalPage:
    member = membership_of(user)
    comments = list(proposal.comments.select_related("member"))
    supporters = len({c.member_id for c in comments if c.supports})
    supported = member is not None and any(
        c.supports and c.member_id == member.pk for c in comments
    )
    return ProposalPage(
        proposal=proposal,
        staff=is_staff(user),
        member=member,
        supporters=supporters,
        comments=comments,
        answers=list(proposal.answers.select_related("line")),
        may_comment=member is not None,
        may_support=member is not None and member.pk != proposal.member_id and not supported,
    )


@dataclass(frozen=True)
class DraftPage:
    draft: Draft
    staff: bool
    member: PanelMember | None
    paragraphs: list[str]
    comments: list[DraftComment]
    comments_open: bool

    @property
    def may_comment(self) -> bool:
        return self.member is not None and self.comments_open


def draft_page(user: User, draft: Draft) -> DraftPage:
    return DraftPage(
        draft=draft,
        staff=is_staff(user),
        member=membership_of(user),
        paragraphs=paragraphs(draft),
        comments=list(visible_comments(user, draft)),
        comments_open=comments_open(draft),
    )


def line_choices(inquiry: Inquiry) -> list[tuple[str, str]]:
    found = LineOfInquiry.objects.filter(inquiry=inquiry, retired_at__isnull=True)
    return [(str(line.pk), f"{line.reference} {line.title}") for line in found]
