"""One item: its page (audited), and the changes to it: assign, start the review,
respond, reopen. The services decide who may; a refusal is a 403 page, and a change
the item's status does not allow comes back as the form's error."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required
from joinedup.web.intelligence.forms import AssignForm, ReasonForm, RespondForm
from joinedup.web.intelligence.models import IntelligenceItem
from joinedup.web.intelligence.services import workflow
from joinedup.web.intelligence.services.choices import agency_choices, owner_label, possible_owners
from joinedup.web.intelligence.services.presentation import item_page
from joinedup.web.intelligence.services.reading import audit_view
from joinedup.web.intelligence.views.common import back_to_item, item_or_404
from joinedup.web.records.models import Agency

USE = "log_intelligence"


def _refuse_unless(allowed: bool) -> None:
    if not allowed:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("You may not change this item.")


@require_GET
@capability_required(USE)
def item(request: HttpRequest, reference: str) -> HttpResponse:
    found = item_or_404(reference)
    page = item_page(request.user, found)
    audit_view(request.user, found, page.access, request)
    return render(
        request,
        "intelligence/item.html",
        {
            "page": page,
            "item": found,
            "may_work": workflow.may_work(request.user, found),
            "may_assign": workflow.may_assign(request.user, found),
        },
    )


@require_http_methods(["GET", "POST"])
@capability_required(USE)
def assign(request: HttpRequest, reference: str) -> HttpResponse:
    found = item_or_404(reference)
    _refuse_unless(workflow.may_assign(request.user, found))
    owners = {str(u.pk): u for u in possible_owners()}
    posted = request.method == "POST"
    form = AssignForm(
        request.POST if posted else None, [(pk, owner_label(u)) for pk, u in owners.items()]
    )
    if posted and form.is_valid():
        owner = owners[form.cleaned_data["owner"]]
        try:
            workflow.assign(request.user, found, owner, form.cleaned_data["reason"], request)
        except InputError as error:
            form.add_error(None, str(error))
        else:
            return back_to_item(
                request, found, f"{found.reference} assigned to {owner_label(owner)}."
            )
    return render(request, "intelligence/assign.html", {"item": found, "form": form})


@require_POST
@capability_required(USE)
def start_review(request: HttpRequest, reference: str) -> HttpResponse:
    found = item_or_404(reference)
    _refuse_unless(workflow.may_work(request.user, found))
    try:
        workflow.start_review(request.user, found, request)
    except InputError as error:
        return render(
            request, "intelligence/refused.html", {"item": found, "error": error}, status=409
        )
    return back_to_item(request, found, f"You are reviewing {found.reference}.")


def _response(form: RespondForm) -> workflow.Response:
    data = form.cleaned_data
    agency = (
        Agency.objects.filter(code=data["share_agency"]).first() if data["share_agency"] else None
    )
    return workflow.Response(
        decision=data["decision"],
        rationale=data["rationale"],
        actions_taken=data["actions_taken"],
        share_agency=agency,
        case_reference=data["case_reference"],
        tactic=data["tactic"],
    )


@require_http_methods(["GET", "POST"])
@capability_required(USE)
def respond(request: HttpRequest, reference: str) -> HttpResponse:
    found = item_or_404(reference)
    _refuse_unless(workflow.may_work(request.user, found))
    posted = request.method == "POST"
    form = RespondForm(request.POST if posted else None, agency_choices())
    if posted and form.is_valid():
        try:
            workflow.respond(request.user, found, _response(form), request)
        except InputError as error:
            form.add_error(None, str(error))
        else:
            return back_to_item(request, found, f"Response recorded. {found.reference} is closed.")
    return render(
        request,
        "intelligence/respond.html",
        {
            "item": found,
            "form": form,
            "under_review": found.status == IntelligenceItem.UNDER_REVIEW,
        },
    )


@require_http_methods(["GET", "POST"])
@capability_required(USE)
def reopen(request: HttpRequest, reference: str) -> HttpResponse:
    found = item_or_404(reference)
    _refuse_unless(workflow.may_reopen(request.user, found))
    posted = request.method == "POST"
    form = ReasonForm(request.POST if posted else None)
    if posted and form.is_valid():
        try:
            workflow.reopen(request.user, found, form.cleaned_data["reason"], request)
        except InputError as error:
            form.add_error(None, str(error))
        else:
            return back_to_item(request, found, f"{found.reference} reopened and under review.")
    return render(request, "intelligence/reopen.html", {"item": found, "form": form})
