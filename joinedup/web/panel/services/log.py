"""The "you said, we did" log: every answered proposal and every comment with a response,
newest decision first, for members and staff; and the staff's marking of items for the
public log, with the member's words edited for publication.

Published text never names anyone: `said` and `did` are refused if they hold the display
name, or the account's name, of anyone who has been on the panel. An item whose member
asked for their contributions to be withdrawn is never published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.inquiry.models import Inquiry
from joinedup.web.panel.models import DraftComment, PanelMember, Proposal, Publication
from joinedup.web.panel.services.membership import is_staff
from joinedup.web.panel.services.vocabulary import response_label, status_label

__all__ = ["LogItem", "log_item", "log_items", "names_in", "publish", "unpublish"]

PROPOSAL, DRAFT_COMMENT = "proposal", "draft comment"
MIN_NAME_LENGTH = 2


@dataclass(frozen=True, slots=True)
class LogItem:
    kind: str  # "proposal" or "draft comment"
    item_id: int
    member: str  # the display name
    about: str  # the proposal's title, or the draft's title and paragraph
    said: str
    answer: str  # the outcome or the response's label
    did: str
    decided_on: date
    reference: str  # the line of inquiry, if any
    publication: Publication | None
    withdrawn: bool  # the member asked for their words to be kept out of publication


def log_items(inquiry: Inquiry) -> list[LogItem]:
    items = [_proposal_item(p) for p in _answered_proposals(inquiry)]
    items += [_comment_item(c) for c in _answered_comments(inquiry)]
    return sorted(items, key=lambda i: (i.decided_on, i.kind, i.item_id), reverse=True)


def log_item(item: Proposal | DraftComment) -> LogItem | None:
    """One item as the log shows it; None while it has no answer or response."""
    if isinstance(item, Proposal):
        return _proposal_item(item) if item.status != "open" else None
    return _comment_item(item) if item.responded_at is not None else None


def _answered_proposals(inquiry: Inquiry) -> list[Proposal]:
    found = Proposal.objects.filter(inquiry=inquiry).exclude(status="open")
    found = found.select_related("member", "line", "publication")
    return list(found.prefetch_related("answers"))


def _answered_comments(inquiry: Inquiry) -> list[DraftComment]:
    found = DraftComment.objects.filter(draft__inquiry=inquiry, responded_at__isnull=False)
    return list(found.select_related("member", "draft", "publication"))


def _publication(item: Proposal | DraftComment) -> Publication | None:
    try:
        return item.publication
    except Publication.DoesNotExist:
        return None


def _proposal_item(proposal: Proposal) -> LogItem:
    latest = proposal.answers.all()[0]
    return LogItem(
        PROPOSAL, proposal.pk, proposal.member.display_name, proposal.title,
        f"{proposal.what}\n\n{proposal.why}", status_label(proposal.status),
        f"{latest.reason}\n\n{latest.done}", timezone.localdate(latest.answered_at),
        proposal.line.reference if proposal.line else "", _publication(proposal),
        proposal.member.withdrawn_at is not None,
    )  # fmt: skip


def _comment_item(comment: DraftComment) -> LogItem:
    where = f", paragraph {comment.paragraph}" if comment.paragraph else ""
    assert comment.responded_at is not None
    return LogItem(
        DRAFT_COMMENT, comment.pk, comment.member.display_name, f"{comment.draft.title}{where}",
        comment.text, response_label(comment.changed), comment.response,
        timezone.localdate(comment.responded_at), "", _publication(comment),
        comment.member.withdrawn_at is not None,
    )  # fmt: skip


def names_in(text: str, inquiry: Inquiry) -> list[str]:
    """The names of anyone ever on the panel (display names, account names) in the text."""
    found = []
    for member in PanelMember.objects.filter(inquiry=inquiry).select_related("user"):
        user = member.user
        for name in (member.display_name, user.username, user.first_name, user.last_name):
            name = name.strip()
            if len(name) < MIN_NAME_LENGTH:
                continue
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
                found.append(name)
    return sorted(set(found))


def _member_of(item: Proposal | DraftComment) -> PanelMember:
    """The member as now stored (they may have withdrawn since the item was read)."""
    return PanelMember.objects.get(pk=item.member_id)


def publish(
    staff: User,
    item: Proposal | DraftComment,
    said: str,
    did: str,
    request: HttpRequest | None = None,
) -> Publication:
    """Mark the item for the public log with the words staff edited for publication."""
    if not is_staff(staff):
        raise PermissionDenied("Only the inquiry team marks items for publication.")
    _check_publishable(item, said, did)
    kind = PROPOSAL if isinstance(item, Proposal) else DRAFT_COMMENT
    key = {"proposal": item} if isinstance(item, Proposal) else {"comment": item}
    with transaction.atomic():
        publication, _ = Publication.objects.update_or_create(
            **key,
            defaults={"said": said.strip(), "did": did.strip(), "published": True,
                      "changed_at": timezone.now(), "changed_by": staff},
        )  # fmt: skip
        record_event(
            staff, "panel.published", target_type="panel_publication",
            target_id=publication.pk, detail={"kind": kind, "item_id": item.pk}, request=request,
        )  # fmt: skip
    return publication


def _check_publishable(item: Proposal | DraftComment, said: str, did: str) -> None:
    member = _member_of(item)
    if member.withdrawn_at is not None:
        raise InputError(
            "The member asked for what they said to be kept out of publication: "
            "it cannot be published"
        )
    if isinstance(item, Proposal) and item.status == "open":
        raise InputError("Only an answered proposal can be published")
    if isinstance(item, DraftComment) and item.responded_at is None:
        raise InputError("Only a comment with a response can be published")
    if not said.strip() or not did.strip():
        raise InputError("Write what the member said and what the inquiry did, for publication")
    names = names_in(f"{said}\n{did}", member.inquiry)
    if names:
        raise InputError(
            "Published text must not name anyone on the panel: remove "
            + ", ".join(f"\u201c{n}\u201d" for n in names)
        )


def unpublish(
    staff: User, publication: Publication, request: HttpRequest | None = None
) -> Publication:
    if not is_staff(staff):
        raise PermissionDenied("Only the inquiry team takes items out of publication.")
    with transaction.atomic():
        publication.published, publication.changed_at = False, timezone.now()
        publication.changed_by = staff
        publication.save(update_fields=["published", "changed_at", "changed_by"])
        record_event(
            staff, "panel.unpublished", target_type="panel_publication",
            target_id=publication.pk, request=request,
        )  # fmt: skip
    return publication
