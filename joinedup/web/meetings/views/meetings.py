"""The list of meetings (operational and strategic apart), arranging one, a meeting's
page, and moving it through its states."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required
from joinedup.web.meetings import vocabulary
from joinedup.web.meetings.forms import MeetingForm, StatusForm
from joinedup.web.meetings.services import arranging, choices
from joinedup.web.meetings.services.minutes import may_approve
from joinedup.web.meetings.services.pages import audit_meeting_view, meeting_page
from joinedup.web.meetings.services.visibility import (
    can_record,
    meetings_visible_to,
    users_who_may,
)
from joinedup.web.meetings.views.common import done, meeting_or_404
from joinedup.web.records.models import Agency

PAGE_SIZE = 25
STATUS_CHOICES = {
    "in_progress": "The meeting has started",
    "held": "The meeting has been held (it has ended)",
    "cancelled": "The meeting is cancelled",
}


@require_GET
@capability_required("attend_meetings")
def meeting_list(request: HttpRequest) -> HttpResponse:
    kinds = vocabulary.kinds()
    asked = request.GET.get("kind", "")
    kind = asked if asked in kinds else next(iter(kinds))
    found = meetings_visible_to(request.user).filter(kind=kind).select_related("chair")
    page = Paginator(found.order_by("-starts_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    person = _carried(request)
    return render(request, "meetings/list.html", {
        "kinds": kinds.values(), "kind": kinds[kind], "page": page, "person": person,
        "query": f"kind={kind}" + (f"&{urlencode({'person': person})}" if person else ""),
        "can_arrange": can_record(request.user), "agenda_open": arranging.AGENDA_OPEN,
    })  # fmt: skip


def _carried(request: HttpRequest) -> str:
    """The child carried from a case (`?person=`) to put on an agenda, or ''."""
    if not can_record(request.user):
        return ""
    return choices.carried_child(request.user, request.GET.get("person", ""))


@require_http_methods(["GET", "POST"])
@capability_required("run_meetings")
def new_meeting(request: HttpRequest) -> HttpResponse:
    form = MeetingForm(request.POST if request.method == "POST" else None,
                       choices.user_choices("run_meetings"), choices.agency_choices(),
                       initial={"chair": str(request.user.pk)})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            meeting = arranging.create_meeting(
                request.user, kind=form.cleaned_data["kind"],
                starts_at=form.cleaned_data["starts_at"], venue=form.cleaned_data["venue"],
                chair=users_who_may("run_meetings").get(pk=form.cleaned_data["chair"]),
                agencies=Agency.objects.filter(code__in=form.cleaned_data["agencies"]),
                request=request,
            )  # fmt: skip
        except InputError as error:
            form.add_error("chair", str(error))
        else:
            person = _carried(request)
            return done(request, f"{meeting.reference} arranged. Now add the agenda.",
                        "meetings:agenda", meeting.reference,
                        query=urlencode({"person": person}) if person else "")  # fmt: skip
    return render(request, "meetings/new.html", {"form": form})


@require_GET
@capability_required("attend_meetings")
def meeting(request: HttpRequest, reference: str) -> HttpResponse:
    found = meeting_or_404(request, reference)
    page = meeting_page(request.user, found)
    audit_meeting_view(request.user, found, "meeting", page.items, request)
    return render(request, "meetings/meeting.html", {
        "page": page, "meeting": found, "can_record": can_record(request.user),
        "attend_only": not can_record(request.user),
        "may_approve": may_approve(request.user, found),
        "attendance": found.attendance.select_related("agency"),
        "addenda": found.addenda.select_related("by"),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@capability_required("run_meetings")
def status(request: HttpRequest, reference: str) -> HttpResponse:
    found = meeting_or_404(request, reference)
    allowed = [(s, STATUS_CHOICES[s]) for s in arranging.NEXT_STATES.get(found.status, ())]
    form = StatusForm(request.POST if request.method == "POST" else None, allowed)
    if request.method == "POST" and form.is_valid():
        try:
            arranging.change_status(request.user, found, form.cleaned_data["to"],
                                    form.cleaned_data["reason"], request)  # fmt: skip
        except (InputError, ValidationError) as error:
            form.add_error(None, str(error))
        else:
            now = vocabulary.status_label(found.status).lower()
            return done(request, f"{found.reference} is now {now}.", "meetings:meeting",
                        found.reference)  # fmt: skip
    return render(request, "meetings/status.html", {"meeting": found, "form": form,
                                                    "allowed": allowed})  # fmt: skip
