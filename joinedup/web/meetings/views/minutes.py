"""The minutes: the draft (while the meeting is in progress or held), the chair's
approval, and corrections as addenda once approved and locked."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required
from joinedup.web.meetings.forms import AddendumForm, MinutesForm
from joinedup.web.meetings.services import minutes as service
from joinedup.web.meetings.views.common import done, meeting_or_404


@require_http_methods(["GET", "POST"])
@capability_required("run_meetings")
def minutes(request: HttpRequest, reference: str) -> HttpResponse:
    meeting = meeting_or_404(request, reference)
    which = request.POST.get("form", "") if request.method == "POST" else ""
    shown = {"minutes": meeting.minutes, "version": meeting.version}
    draft = MinutesForm(request.POST if which == "draft" else None, initial=shown)
    addendum = AddendumForm(request.POST if which == "addendum" else None)
    error = ""
    try:
        if which == "draft" and draft.is_valid():
            service.save_minutes(request.user, meeting, draft.cleaned_data["minutes"],
                                 draft.cleaned_data["version"], request)  # fmt: skip
            return done(request, "Minutes saved.", "meetings:minutes", meeting.reference)
        if which == "approve":
            service.approve_minutes(request.user, meeting, request)
            return done(request, "Minutes approved. They are now locked.", "meetings:meeting",
                        meeting.reference)  # fmt: skip
        if which == "addendum" and addendum.is_valid():
            service.add_addendum(request.user, meeting, addendum.cleaned_data["addendum"], request)
            return done(request, "Correction added.", "meetings:minutes", meeting.reference)
    except InputError as failed:
        error = str(failed)
    return render(request, "meetings/minutes.html", {
        "meeting": meeting, "draft": draft, "addendum": addendum, "error": error,
        "drafting": meeting.status in service.DRAFTING,
        "may_approve": service.may_approve(request.user, meeting),
        "addenda": meeting.addenda.select_related("by"),
    })  # fmt: skip
