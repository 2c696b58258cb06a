"""Drafts for comment: staff share a draft (text, a file, or both) with a deadline;
members comment on the whole draft or on a numbered paragraph until the end of the
deadline day; after it, staff respond to each comment (changed or not, and why) and
the member is told. Members read their own comments and the responses to them.

A draft's paragraphs are its text split at blank lines, numbered from 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from joinedup.errors import InputError
from joinedup.web.accounts.models import User
from joinedup.web.accounts.notifications import notify
from joinedup.web.audit.services import record_event
from joinedup.web.panel.models import Draft, DraftComment, PanelMember
from joinedup.web.panel.services.files import store_upload
from joinedup.web.panel.services.membership import is_staff, require_inquiry

__all__ = [
    "DraftToShare",
    "comment_on_draft",
    "comments_open",
    "paragraphs",
    "respond_to_comment",
    "share_draft",
    "visible_comments",
]

_BLANK_LINES = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class DraftToShare:
    title: str
    text: str
    deadline: date
    upload: UploadedFile[bytes] | None = None


def paragraphs(draft: Draft) -> list[str]:
    text = draft.text.replace("\r\n", "\n").strip()
    return [p.strip() for p in _BLANK_LINES.split(text) if p.strip()] if text else []


def comments_open(draft: Draft, today: date | None = None) -> bool:
    """Comments are taken until the end of the deadline day."""
    return (today or timezone.localdate()) <= draft.deadline


def share_draft(staff: User, shared: DraftToShare, request: HttpRequest | None = None) -> Draft:
    if not is_staff(staff):
        raise PermissionDenied("Only the inquiry team shares drafts with the panel.")
    inquiry = require_inquiry()
    title = " ".join(shared.title.split())
    if not title:
        raise InputError("Enter the draft's title")
    if not shared.text.strip() and shared.upload is None:
        raise InputError("Give the draft's text, or choose its file, or both")
    if shared.deadline <= timezone.localdate():
        raise InputError("The deadline for comments must be in the future")
    draft = Draft(
        inquiry=inquiry, title=title, text=shared.text.strip(), deadline=shared.deadline,
        shared_at=timezone.now(), shared_by=staff,
    )  # fmt: skip
    if shared.upload is not None:
        stored = store_upload(shared.upload)
        draft.file_name, draft.sha256 = stored.name, stored.sha256
        draft.size, draft.content_type = stored.size, stored.content_type
    with transaction.atomic():
        draft.save()
        record_event(
            staff, "panel.draft_shared", target_type="panel_draft", target_id=draft.pk,
            detail={"sha256": draft.sha256, "paragraphs": len(paragraphs(draft))},
            request=request,
        )  # fmt: skip
    return draft


def comment_on_draft(
    member: PanelMember,
    draft: Draft,
    paragraph: int | None,
    text: str,
    request: HttpRequest | None = None,
) -> DraftComment:
    if not member.is_active:
        raise PermissionDenied("Your membership of the panel has ended.")
    if not comments_open(draft):
        raise InputError("The deadline for comments on this draft has passed")
    if paragraph is not None and not 1 <= paragraph <= len(paragraphs(draft)):
        raise InputError("Choose a paragraph of the draft, or the draft as a whole")
    if not text.strip():
        raise InputError("Write your comment")
    with transaction.atomic():
        comment = DraftComment.objects.create(
            draft=draft, member=member, paragraph=paragraph, text=text.strip(),
            made_at=timezone.now(),
        )  # fmt: skip
        record_event(
            member.user, "panel.draft_commented", target_type="panel_draft",
            target_id=draft.pk,
            detail={"comment_id": comment.pk, "paragraph": paragraph, "member_id": member.pk},
            request=request,
        )  # fmt: skip
    return comment


def respond_to_comment(
    staff: User,
    comment: DraftComment,
    changed: bool,
    response: str,
    request: HttpRequest | None = None,
) -> DraftComment:
    """Record whether the draft changed because of the comment, and why; tell the member."""
    if not is_staff(staff):
        raise PermissionDenied("Only the inquiry team responds to comments.")
    if comments_open(comment.draft):
        raise InputError(
            "Comments are still open: respond once the deadline "
            f"({format_date(comment.draft.deadline, 'j F Y')}) has passed"
        )
    if comment.responded_at is not None:
        raise InputError("This comment already has a response")
    if not response.strip():
        raise InputError("Say why the draft was, or was not, changed")
    with transaction.atomic():
        comment.changed, comment.response = changed, response.strip()
        comment.responded_by, comment.responded_at = staff, timezone.now()
        comment.save(update_fields=["changed", "response", "responded_by", "responded_at"])
        record_event(
            staff, "panel.comment_responded", target_type="panel_draft_comment",
            target_id=comment.pk, detail={"draft_id": comment.draft_id, "changed": changed},
            request=request,
        )  # fmt: skip
        _tell_member(comment)
    return comment


def _tell_member(comment: DraftComment) -> None:
    member = comment.member
    if not member.is_active or not member.user.is_active:
        return
    where = reverse("panel:draft", args=[comment.draft_id])
    body = (
        f"The inquiry has responded to your comment on \u201c{comment.draft.title}\u201d. "
        f"Read its response at {where}."
    )
    email = "The inquiry has responded to your comment on a draft. Sign in to read it."
    notify(member.user, "panel.comment_responded", "A response to your comment", body, email=email)


def visible_comments(user: User, draft: Draft) -> QuerySet[DraftComment]:
    """Every comment for staff; a member's own comments for a member."""
    found = draft.comments.select_related("member")
    if is_staff(user):
        return found
    return found.filter(member__user=user)
