"""Recording the meeting: attendance by agency, and each agenda item's discussion,
decisions and actions (one page per item, a small POST form for each)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required
from joinedup.web.meetings import vocabulary
from joinedup.web.meetings.forms import ActionForm, AttendanceForm, DecisionForm, DiscussionForm
from joinedup.web.meetings.models import AgendaItem, Meeting
from joinedup.web.meetings.services import choices, recording
from joinedup.web.meetings.services.pages import audit_meeting_view, item_view
from joinedup.web.meetings.services.visibility import users_who_may
from joinedup.web.meetings.views.common import done, item_or_404, meeting_or_404
from joinedup.web.records.models import Agency


def _invited(meeting: Meeting) -> list[tuple[str, str]]:
    return [(a.code, f"{a.name} ({a.code})") for a in meeting.invited_agencies.order_by("code")]


@require_http_methods(["GET", "POST"])
@capability_required("run_meetings")
def attendance(request: HttpRequest, reference: str) -> HttpResponse:
    meeting = meeting_or_404(request, reference)
    form = AttendanceForm(request.POST if request.method == "POST" else None, _invited(meeting))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recording.record_attendance(
                request.user, meeting, agency=Agency.objects.get(code=data["agency"]),
                name=data["name"], job_title=data["job_title"], status=data["status"],
                request=request,
            )  # fmt: skip
        except InputError as error:
            form.add_error(None, str(error))
        else:
            return done(request, f"Attendance recorded: {data['name']}.", "meetings:attendance",
                        meeting.reference)  # fmt: skip
    rows = meeting.attendance.select_related("agency")
    recorded = {row.agency_id for row in rows}
    missing = [a for a in meeting.invited_agencies.order_by("code") if a.pk not in recorded]
    return render(request, "meetings/attendance.html", {
        "meeting": meeting, "form": form, "rows": rows, "missing": missing,
        "recording": meeting.status in recording.RECORDING,
        "statuses": vocabulary.labels("attendance"),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@capability_required("run_meetings")
def item(request: HttpRequest, reference: str, item_id: int) -> HttpResponse:
    meeting = meeting_or_404(request, reference)
    found = item_or_404(meeting, item_id)
    shown = item_view(request.user, found)
    if shown.restricted:
        raise PermissionDenied("You may not see who this agenda item is about.")
    which = request.POST.get("form", "") if request.method == "POST" else ""
    forms_ = _forms(found, request.POST if which else None, which)
    if which in forms_ and forms_[which].is_valid():
        try:
            message = _record(request, found, which, forms_[which].cleaned_data)
        except InputError as error:
            forms_[which].add_error(None, str(error))
        else:
            return done(request, message, "meetings:item", meeting.reference, found.pk)
    audit_meeting_view(request.user, meeting, "item", [shown], request)
    return render(request, "meetings/item.html", {
        "meeting": meeting, "shown": shown, "forms": forms_, "posted": which,
        "number": list(meeting.items.values_list("pk", flat=True)).index(found.pk) + 1,
        "recording": meeting.status in recording.RECORDING,
    })  # fmt: skip


def _forms(found: AgendaItem, data: Any, which: str) -> dict[str, forms.Form]:
    meeting = found.meeting
    return {
        "discussion": DiscussionForm(data if which == "discussion" else None,
                                     initial={"discussion": found.discussion}),
        "decision": DecisionForm(data if which == "decision" else None),
        "action": ActionForm(data if which == "action" else None,
                             choices.user_choices("attend_meetings"), _invited(meeting)),
    }  # fmt: skip


def _record(request: HttpRequest, found: AgendaItem, which: str, data: dict[str, Any]) -> str:
    user = request.user
    if which == "discussion":
        recording.record_discussion(user, found, data["discussion"], request)
        return "Discussion saved."
    if which == "decision":
        recording.record_decision(user, found, data["decision"], request)
        return "Decision recorded."
    owner = users_who_may("attend_meetings").get(pk=data["owner"])
    action = recording.add_action(
        user, found, description=data["description"], owner=owner,
        agency=Agency.objects.get(code=data["agency"]), due_on=data["due_on"], request=request,
    )  # fmt: skip
    return f"Action {action.pk} added for {owner.get_full_name() or owner.username}."
