"""What every meetings view needs: the meeting (404 unless the user may see it), an
agenda item of it, and the success banner after a write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from joinedup.web.meetings.models import AgendaItem, Meeting
from joinedup.web.meetings.services.visibility import find_meeting

__all__ = ["done", "item_or_404", "meeting_or_404"]


def meeting_or_404(request: HttpRequest, reference: str) -> Meeting:
    """The meeting, or 404 when it does not exist or the user may not see it."""
    meeting = find_meeting(request.user, reference)
    if meeting is None:
        raise Http404("No meeting with this reference that you may see")
    return meeting


def item_or_404(meeting: Meeting, item_id: int) -> AgendaItem:
    item = meeting.items.select_related("person", "place", "meeting").filter(pk=item_id).first()
    if item is None:
        raise Http404("No such item on this meeting's agenda")
    return item


def done(request: HttpRequest, text: str, to: str, *args: Any, query: str = "") -> HttpResponse:
    """A success banner on the next page, and the redirect there (post/redirect/get);
    `query` (already encoded, like 'person=P-0000123') is added to its address."""
    messages.success(request, text)
    return redirect(reverse(to, args=args) + (f"?{query}" if query else ""))
