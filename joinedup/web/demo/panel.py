"""The demo's survivors' panel: demo.panel as "Panel member 1" and two more members
(accounts of the panel role that cannot sign in), three proposals (one accepted and
linked to a line of inquiry, one not taken forward with its reason, one waiting), a
draft whose comments have closed with a response to each, and the answered items
published in "you said, we did".

Everything goes through the panel's services as demo.inquiry or the member, so every
rule and audit entry applies; afterwards the dates are moved back so the story reads
as weeks of work. A second run finds demo.panel on the panel and adds nothing.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.hashers import make_password

from joinedup.web.accounts.models import Role, User
from joinedup.web.demo.cast import Cast
from joinedup.web.inquiry.models import Inquiry
from joinedup.web.panel import services
from joinedup.web.panel.models import Draft, DraftComment, PanelMember, Proposal

__all__ = ["seed_panel"]

OTHER_MEMBERS = (("panel.member2", "Panel member 2"), ("panel.member3", "Panel member 3"))
DRAFT_TEXT = (
    "The inquiry will hear from survivors first, before it hears from the agencies.\n\n"
    "Survivors can give their account in person, in writing, by phone or by video, and "
    "share as much or as little as they want.\n\n"
    "The inquiry will publish what it learns without naming or identifying any survivor."
)


def seed_panel(cast: Cast, inquiry: Inquiry) -> list[str]:
    """Seed the panel once; the lines `joinedup demo` prints (none when already seeded)."""
    if PanelMember.objects.filter(inquiry=inquiry, user=cast.panel).exists():
        return []
    staff = cast.inquiry
    first = services.add_member(staff, cast.panel, "Panel member 1")
    second, third = (services.add_member(staff, _account(u), name) for u, name in OTHER_MEMBERS)
    accepted, declined, waiting = _proposals(first, second, third)
    line = _answer(cast, accepted, declined)
    draft = _draft(cast, first, second)
    _publish(staff, accepted, declined, draft)
    _move_dates(cast, (accepted, declined, waiting), draft)
    return [
        'panel: demo.panel is "Panel member 1", with 2 more members',
        f"panel proposals: 1 accepted (line {line}), 1 not taken forward, 1 waiting",
        f"panel draft: \u201c{draft.title}\u201d, comments closed and answered; "
        "3 items published in you said, we did",
    ]


def _account(username: str) -> User:
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={"role": Role.SURVIVOR_PANEL, "is_demo": False, "password": make_password(None)},
    )
    return user


def _proposals(
    first: PanelMember, second: PanelMember, third: PanelMember
) -> tuple[Proposal, Proposal, Proposal]:
    accepted = services.make_proposal(first, services.ProposalDraft(
        "line_of_inquiry", "How taxi licensing checked drivers",
        "Look at how the council checked taxi drivers before and after complaints were made.",
        "Drivers were trusted with children after concerns had been raised.",
    ))  # fmt: skip
    services.comment_on_proposal(second, accepted, True, "This happened to people I know too.")
    services.comment_on_proposal(third, accepted, True, "")
    declined = services.make_proposal(second, services.ProposalDraft(
        "issue", "Hold every hearing in the evening",
        "Hold all the inquiry's hearings after working hours.",
        "Many survivors work and cannot come in the day.",
    ))  # fmt: skip
    waiting = services.make_proposal(third, services.ProposalDraft(
        "line_of_inquiry", "What happened when children went missing from care",
        "Look at what was done each time a child in care went missing.",
        "Going missing was often the first sign, and it was treated as bad behaviour.",
    ))  # fmt: skip
    return accepted, declined, waiting


def _answer(cast: Cast, accepted: Proposal, declined: Proposal) -> str:
    staff = cast.inquiry
    answer = services.Answer(
        "accepted",
        "Survivors told us the checks failed, and the council's records can show how.",
        "We made it a line of inquiry and asked the council for its licensing records.",
        new_line=services.NewLine("Taxi and private hire licensing"),
    )
    recorded = services.answer_proposal(staff, accepted, answer)
    services.answer_proposal(staff, declined, services.Answer(
        "not_taken_forward",
        "Some witnesses can only come in the day, and the venue closes at 6pm.",
        "We will hold one evening session a week, and every hearing can be watched "
        "online and later.",
    ))  # fmt: skip
    return recorded.line.reference if recorded.line else ""


def _draft(cast: Cast, first: PanelMember, second: PanelMember) -> Draft:
    draft = services.share_draft(cast.inquiry, services.DraftToShare(
        "How the inquiry will hear from survivors (draft)", DRAFT_TEXT,
        cast.today + timedelta(days=14),
    ))  # fmt: skip
    services.comment_on_draft(
        first, draft, 2, "Please add text messages: some of us find it easier."
    )
    services.comment_on_draft(second, draft, None, "Say who will read our accounts.")
    Draft.objects.filter(pk=draft.pk).update(deadline=cast.today - timedelta(days=5))
    draft.refresh_from_db()
    changed, kept = draft.comments.order_by("pk")
    services.respond_to_comment(
        cast.inquiry, changed, True, "We added text messages to paragraph 2."
    )
    services.respond_to_comment(
        cast.inquiry, kept, False,
        "Who reads accounts is in our privacy notice; we have linked to it rather than "
        "repeat it here.",
    )  # fmt: skip
    return draft


def _publish(staff: User, accepted: Proposal, declined: Proposal, draft: Draft) -> None:
    services.publish(
        staff, accepted,
        "Look into how taxi drivers were checked after concerns were raised.",
        "It is now a line of inquiry, and we asked the council for its licensing records.",
    )  # fmt: skip
    services.publish(
        staff, declined,
        "Hold hearings in the evening so survivors who work can come.",
        "We could not move every hearing, but we hold an evening session each week and "
        "every hearing can be watched online.",
    )  # fmt: skip
    comment = draft.comments.get(paragraph=2)
    services.publish(
        staff, comment,
        "Let survivors give their account by text message.",
        "We changed the draft to add text messages.",
    )  # fmt: skip


def _move_dates(cast: Cast, proposals: tuple[Proposal, ...], draft: Draft) -> None:
    """Weeks of work: proposals 40, 35 and 30 days ago, answered 20 and 10 days ago."""
    for days, proposal in zip((40, 35, 30), proposals, strict=True):
        Proposal.objects.filter(pk=proposal.pk).update(proposed_at=cast.at(-days, 10))
    for days, proposal in zip((20, 10), proposals, strict=False):
        proposal.answers.update(answered_at=cast.at(-days, 15))
    Draft.objects.filter(pk=draft.pk).update(shared_at=cast.at(-26, 9))
    DraftComment.objects.filter(draft=draft).update(
        made_at=cast.at(-12, 19), responded_at=cast.at(-3, 11)
    )
    PanelMember.objects.filter(inquiry_id=draft.inquiry_id).update(joined_at=cast.at(-60, 10))
