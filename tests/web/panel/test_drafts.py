"""Drafts: shared with a deadline, commented on by paragraph, responded to after the
deadline; a member sees their own comments and the responses."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.accounts.models import Notification
from joinedup.web.audit.models import AuditEntry
from joinedup.web.panel import services
from joinedup.web.panel.models import Draft, DraftComment
from joinedup.web.panel.services.files import draft_file_path
from tests.web.panel.conftest import Panel, close_comments

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% an invented draft\n%%EOF\n"


def _deadline(days: int = 10) -> dict[str, str]:
    day = timezone.localdate() + timedelta(days=days)
    return {
        "deadline_day": str(day.day),
        "deadline_month": str(day.month),
        "deadline_year": str(day.year),
    }


def test_staff_share_a_draft_with_a_file_kept_under_its_hash(
    panel: Panel, client_for: Callable[[Any], Any]
) -> None:
    upload = SimpleUploadedFile("draft.pdf", PDF, content_type="application/pdf")
    data = {"title": "Terms of reference", "text": "One.\n\nTwo.", "file": upload, **_deadline()}
    page = client_for(panel.staff).post("/panel/drafts/new/", data)
    assert page.status_code == 302
    draft = Draft.objects.get()
    assert draft.sha256 == hashlib.sha256(PDF).hexdigest()
    assert draft_file_path(draft.sha256).read_bytes() == PDF
    download = client_for(panel.members[0].user).get(f"/panel/drafts/{draft.pk}/file/")
    assert download.status_code == 200 and download.content == PDF
    assert "attachment" in download["Content-Disposition"]
    assert AuditEntry.objects.filter(action="panel.draft_file_downloaded").count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"file": SimpleUploadedFile("draft.pdf", b"not a pdf")}, "not a valid .pdf"),
        ({"file": SimpleUploadedFile("draft.docx", b"PK")}, "PDF or a text file"),
        (_deadline(-1), "must be in the future"),
        ({"deadline_day": "31", "deadline_month": "2"}, "must be a real date"),
        ({"text": ""}, "Give the draft&#x27;s text, or choose its file"),
    ],
)
def test_a_bad_draft_is_refused_with_a_reason(
    panel: Panel, client_for: Callable[[Any], Any], change: dict[str, Any], message: str
) -> None:
    data = {"title": "A draft", "text": "Some text.", **_deadline(), **change}
    page = client_for(panel.staff).post("/panel/drafts/new/", data)
    assert page.status_code == 200 and message in page.content.decode()
    assert not Draft.objects.exists()


def test_paragraphs_are_numbered_and_members_comment_on_one(
    panel: Panel, draft: Draft, client_for: Callable[[Any], Any]
) -> None:
    member = client_for(panel.members[0].user)
    page = member.get(f"/panel/drafts/{draft.pk}/").content.decode()
    assert 'id="paragraph-3"' in page and "Comment on paragraph 2" in page
    sent = member.post(f"/panel/drafts/{draft.pk}/comment/", {"paragraph": "2", "text": "Clearer."})
    assert sent.status_code == 302
    comment = DraftComment.objects.get()
    assert (comment.paragraph, comment.member) == (2, panel.members[0])
    bad = member.post(f"/panel/drafts/{draft.pk}/comment/", {"paragraph": "9", "text": "x"})
    assert "Choose a paragraph" in bad.content.decode()


def test_a_member_sees_only_their_own_comments(
    panel: Panel, draft: Draft, client_for: Callable[[Any], Any]
) -> None:
    services.comment_on_draft(panel.members[0], draft, None, "Mine, not yours.")
    other = client_for(panel.members[1].user).get(f"/panel/drafts/{draft.pk}/").content.decode()
    assert "Mine, not yours." not in other
    staff = client_for(panel.staff).get(f"/panel/drafts/{draft.pk}/").content.decode()
    assert "Mine, not yours." in staff and "Panel member 1" in staff


def test_responses_come_after_the_deadline_and_the_member_is_told(
    panel: Panel, draft: Draft, client_for: Callable[[Any], Any]
) -> None:
    comment = services.comment_on_draft(panel.members[0], draft, 1, "Add text messages.")
    with pytest.raises(InputError, match="Comments are still open"):
        services.respond_to_comment(panel.staff, comment, True, "Added.")
    close_comments(draft)
    with pytest.raises(InputError, match="deadline for comments on this draft has passed"):
        services.comment_on_draft(panel.members[1], draft, None, "Too late.")
    url = f"/panel/comments/{comment.pk}/respond/"
    page = client_for(panel.staff).post(url, {"changed": "yes", "response": "We added them."})
    assert page.status_code == 302
    note = Notification.objects.get(recipient=panel.members[0].user)
    assert note.kind == "panel.comment_responded"
    seen = client_for(panel.members[0].user).get(f"/panel/drafts/{draft.pk}/").content.decode()
    assert "We changed the draft" in seen and "We added them." in seen
    with pytest.raises(InputError, match="already has a response"):
        services.respond_to_comment(panel.staff, DraftComment.objects.get(), False, "Again.")


def test_a_response_needs_a_reason(
    panel: Panel, draft: Draft, client_for: Callable[[Any], Any]
) -> None:
    comment = services.comment_on_draft(panel.members[0], draft, None, "A point.")
    close_comments(draft)
    page = client_for(panel.staff).post(f"/panel/comments/{comment.pk}/respond/", {"changed": "no"})
    assert "Say why the draft was, or was not, changed" in page.content.decode()
    assert DraftComment.objects.get().responded_at is None
