"""Destructions awaiting approval, and approving (or not) one of them.

The records manager who decided cannot approve their own decision: the page says so and
a POST from them is refused with the reason. Approval runs the destruction at once.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.errors import JoinedUpError
from joinedup.web.retention.forms import ApprovalForm
from joinedup.web.retention.models import RetentionDecision
from joinedup.web.retention.services import decisions
from joinedup.web.retention.services.due import (
    DueRecord,
    audit_due_viewed,
    current_record,
    holds_on,
)
from joinedup.web.retention.views.access import RECORDS, acting_user, any_capability_required


@require_GET
@any_capability_required(RECORDS)
def approvals(request: HttpRequest) -> HttpResponse:
    waiting = decisions.awaiting_approval()
    return render(request, "retention/approvals.html", {"waiting": waiting})


@require_http_methods(["GET", "POST"])
@any_capability_required(RECORDS)
def approval(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = get_object_or_404(RetentionDecision.objects.select_related("decided_by"),
                                 pk=decision_id)  # fmt: skip
    user = acting_user(request)
    form = ApprovalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            done = _act(request, decision, form)
        except JoinedUpError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect("retention:approvals")
    record = current_record(decision.kind, decision.key, timezone.localdate())
    if record is not None:
        audit_due_viewed(user, timezone.localdate(), decision.kind,
                         [DueRecord(record, decision.kind, decision.record_type, decision.rule)],
                         1, request)  # fmt: skip
    return render(request, "retention/approval.html", {
        "decision": decision, "form": form, "record": record,
        "holds": holds_on(record) if record else [],
        "own": decision.decided_by_id == user.pk,
        "awaiting": decision.status == RetentionDecision.AWAITING,
    })  # fmt: skip


def _act(request: HttpRequest, decision: RetentionDecision, form: ApprovalForm) -> str:
    user, note = acting_user(request), form.cleaned_data["note"]
    if form.cleaned_data["action"] == "reject":
        decisions.reject(user, decision, note, request)
        return f"Not approved: {decision.key} is back on the list of records due for review."
    log = decisions.approve(user, decision, note, request)
    rows = sum(log.counts.values())
    return f"{decision.key} destroyed ({rows} rows). The destruction log keeps what was done."
