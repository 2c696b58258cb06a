"""A child's sharing decisions: every decision about the child, for whoever may open the
child's record (the record's gate: capability, access basis, purpose; `person.view`)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from joinedup.web.children.gate import record_page
from joinedup.web.children.services.opening import Opening
from joinedup.web.sharing.models import SharingDecision
from joinedup.web.sharing.services.visibility import RELATED, may_record
from joinedup.web.sharing.views.common import record_context


@require_GET
@record_page("sharing_decisions")
def child(request: HttpRequest, opening: Opening) -> HttpResponse:
    decisions = SharingDecision.objects.filter(person=opening.person).select_related(*RELATED)
    context = record_context(opening, decisions=list(decisions.order_by("-decided_at", "-pk")),
                             may_record=may_record(request.user))  # fmt: skip
    return render(request, "sharing/child.html", context)
