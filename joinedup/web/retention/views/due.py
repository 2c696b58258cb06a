"""Records due for review (a GET form: the date and the kind), and one record's page,
where a records manager records a decision."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.errors import InputError
from joinedup.web.retention import registry
from joinedup.web.retention.forms import DecisionForm, DueFiltersForm
from joinedup.web.retention.models import RetentionDecision
from joinedup.web.retention.services import decisions
from joinedup.web.retention.services.due import (
    DueRecord,
    audit_due_viewed,
    current_record,
    holds_on,
    records_due,
    standing_decision,
)
from joinedup.web.retention.services.schedule import load_schedule
from joinedup.web.retention.services.vocabulary import outcomes
from joinedup.web.retention.views.access import RECORDS, acting_user, any_capability_required

PAGE_SIZE = 50


def _kinds() -> list[tuple[str, str]]:
    return [(k.code, k.label) for k in registry.kinds()]


@require_GET
@any_capability_required(RECORDS)
def due(request: HttpRequest) -> HttpResponse:
    form = DueFiltersForm(request.GET or None, _kinds())
    as_of, kind = form.chosen()
    found = records_due(as_of, kind)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    shown: list[DueRecord] = list(page.object_list)
    audit_due_viewed(acting_user(request), as_of, kind, shown, len(found), request)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "retention/due.html", {
        "form": form, "as_of": as_of, "page": page, "rows": shown, "total": len(found),
        "query": query.urlencode(), "today": as_of == timezone.localdate(),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@any_capability_required(RECORDS)
def record(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    today = timezone.localdate()
    found = current_record(kind, key, today)
    if found is None:
        raise Http404("No such record is held")
    form = DecisionForm(request.POST if request.method == "POST" else None, outcomes())
    if request.method == "POST" and form.is_valid():
        try:
            choice = form.cleaned_data["choice"]
            decision = decisions.decide(acting_user(request), found, choice, request)
        except InputError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _done(decision))
            return redirect("retention:due")
    row = DueRecord(found, registry.kind(kind).label, *_type_words(found.record_type))
    audit_due_viewed(acting_user(request), today, kind, [row], 1, request)
    return render(request, "retention/record.html", {
        "row": row, "form": form, "holds": holds_on(found), "is_due": found.due <= today,
        "standing": standing_decision(kind, key, today),
        "history": RetentionDecision.objects.filter(kind=kind, key=key)
                   .select_related("decided_by", "approved_by"),
    })  # fmt: skip


def _type_words(code: str) -> tuple[str, str]:
    found = load_schedule().record_types.get(code)
    return (found.label, found.keep) if found else (code, "")


def _done(decision: RetentionDecision) -> str:
    if decision.outcome == RetentionDecision.DESTROY:
        return (f"Decision recorded: destroy {decision.key}. Another records manager must "
                "approve it before anything is destroyed.")  # fmt: skip
    if decision.outcome == RetentionDecision.RETAIN and decision.review_date:
        review = decision.review_date
        return f"Decision recorded: keep {decision.key} until {review.day} {review:%B %Y}."
    return f"Decision recorded: transfer {decision.key} to the archive."
