"""My actions (every open and closed action the user owns), and one action with its
updates and, for its owner or whoever runs meetings, the update form."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required
from joinedup.web.audit.services import record_event
from joinedup.web.meetings.forms import ActionUpdateForm
from joinedup.web.meetings.models import Action
from joinedup.web.meetings.services.pages import item_view
from joinedup.web.meetings.services.recording import may_update, update_action
from joinedup.web.meetings.services.visibility import meetings_visible_to
from joinedup.web.meetings.views.common import done

PAGE_SIZE = 25


@require_GET
@capability_required("attend_meetings")
def my_actions(request: HttpRequest) -> HttpResponse:
    mine = Action.objects.filter(owner_id=request.user.pk).select_related("item__meeting", "agency")
    closed = mine.exclude(status="open").order_by("-due_on", "-pk")
    page = Paginator(closed, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "meetings/actions.html", {
        "open": list(mine.filter(status="open").order_by("due_on", "pk")), "page": page,
        "today": timezone.localdate(),
    })  # fmt: skip


def _action_or_404(request: HttpRequest, action_id: int) -> Action:
    """The action, if the user owns it or may see its meeting and what it is about."""
    action = Action.objects.select_related("item__meeting", "item__person", "owner",
                                           "agency").filter(pk=action_id).first()  # fmt: skip
    if action is None:
        raise Http404("No such action")
    if action.owner_id == request.user.pk:
        return action
    visible = meetings_visible_to(request.user).filter(pk=action.item.meeting_id).exists()
    if not visible or item_view(request.user, action.item).restricted:
        raise Http404("No such action that you may see")
    return action


@require_http_methods(["GET", "POST"])
@capability_required("attend_meetings")
def action(request: HttpRequest, action_id: int) -> HttpResponse:
    found = _action_or_404(request, action_id)
    may = may_update(request.user, found)
    form = ActionUpdateForm(request.POST if request.method == "POST" else None,
                            initial={"status": found.status})  # fmt: skip
    if request.method == "POST" and not may:
        return render(request, "403.html", status=403)
    if request.method == "POST" and form.is_valid():
        try:
            update_action(request.user, found, status=form.cleaned_data["status"],
                          note=form.cleaned_data["note"], request=request)  # fmt: skip
        except InputError as error:
            form.add_error(None, str(error))
        else:
            return done(request, f"Action {found.pk} updated.", "meetings:action", found.pk)
    record_event(request.user, "meetings.action_view", target_type="meeting",
                 target_id=found.item.meeting.reference, detail={"action": found.pk},
                 request=request)  # fmt: skip
    return render(request, "meetings/action.html", {
        "action": found, "form": form, "may_update": may,
        "item": item_view(request.user, found.item),
        "updates": found.updates.select_related("by"),
    })  # fmt: skip
