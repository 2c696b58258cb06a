"""Recording a decision: choosing what it is about, the form for a child (through the
child's record gate) or a context, and a correction of an earlier decision."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from joinedup.errors import InputError
from joinedup.web.access import purposes
from joinedup.web.access.services import (
    access_to_person,
    capability_required,
    person_capability_required,
)
from joinedup.web.children.gate import record_page
from joinedup.web.children.services.opening import Opening
from joinedup.web.people.models import Person
from joinedup.web.sharing.forms import (
    ContextDecisionForm,
    CorrectionForm,
    DecisionForm,
    SubjectForm,
)
from joinedup.web.sharing.forms.initial import initial_from
from joinedup.web.sharing.services.decisions import (
    Correction,
    agency_kind_of,
    record_decision,
    subject_of,
)
from joinedup.web.sharing.services.inputs import Subject
from joinedup.web.sharing.services.reading import audit_decision_view, decision_view, find_decision
from joinedup.web.sharing.services.visibility import ON_REGISTER, how_seen
from joinedup.web.sharing.views.common import (
    form_context,
    record_context,
    to_decision,
    to_purpose_step,
)

RECORDED = (
    "{reference} recorded: {outcome}. It cannot be changed; record a correction if it is wrong."
)


@require_http_methods(["GET", "POST"])
@capability_required("record_sharing_decisions")
def new(request: HttpRequest) -> HttpResponse:
    """What the decision is about: a child the decider may open, or a context."""
    form = SubjectForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["about"] != "child":
            return redirect("sharing:new-context")
        person = Person.objects.filter(person_id=form.cleaned_data["person_id"]).first()
        if person is not None and access_to_person(request.user, person).allowed:
            return redirect("sharing:new-child", person_id=person.person_id)
        form.add_error("person_id", "Enter the person id of a child whose record you may open")
    return render(request, "sharing/new.html", {"form": form})


@require_http_methods(["GET", "POST"])
@capability_required("record_sharing_decisions")
def new_context(request: HttpRequest) -> HttpResponse:
    kind = agency_kind_of(request.user)
    form = ContextDecisionForm(request.POST if request.method == "POST" else None, kind)
    if request.method == "POST" and form.is_valid():
        recorded = _record(request, form, form.subject)
        if recorded is not None:
            return recorded
    return render(request, "sharing/context_form.html", form_context(form, kind))


@require_http_methods(["GET", "POST"])
@person_capability_required("record_sharing_decisions")
@record_page("sharing_decision_form")
def new_child(request: HttpRequest, opening: Opening) -> HttpResponse:
    kind, subject = agency_kind_of(request.user), Subject(opening.person)
    form = DecisionForm(request.POST if request.method == "POST" else None, kind, subject)
    if request.method == "POST" and form.is_valid():
        recorded = _record(request, form, subject)
        if recorded is not None:
            return recorded
    context = record_context(opening, **form_context(form, kind))
    return render(request, "sharing/child_form.html", context)


@require_http_methods(["GET", "POST"])
@capability_required("record_sharing_decisions")
def correct(request: HttpRequest, reference: str) -> HttpResponse:
    """A new decision that corrects one on the user's register, starting from it."""
    original = find_decision(reference)
    if original is None or how_seen(request.user, original) != ON_REGISTER:
        raise Http404("No decision with this reference on your register")
    person = original.person
    if person is not None and not access_to_person(request.user, person).allowed:
        raise PermissionDenied("You may not open the record of the child this decision is about")
    if person is not None and purposes.purpose_for(request, person) is None:
        return to_purpose_step(request, person)
    kind, posted = agency_kind_of(request.user), request.method == "POST"
    form = CorrectionForm(request.POST if posted else None, kind, subject_of(original),
                          initial=initial_from(original))  # fmt: skip
    if posted and form.is_valid():
        correction = Correction(original, form.cleaned_data["correction_reason"])
        recorded = _record(request, form, subject_of(original), correction)
        if recorded is not None:
            return recorded
    view = decision_view(original, ON_REGISTER)
    audit_decision_view(request.user, view, request)
    return render(request, "sharing/correct.html", {**form_context(form, kind), "original": view})


def _record(
    request: HttpRequest, form: Any, subject: Subject, correction: Correction | None = None
) -> HttpResponse | None:
    """Record the decision and go to its page; None (the error on the form) if refused."""
    try:
        made = record_decision(request.user, subject, form.cleaned_data["decision"],
                               correction=correction, request=request)  # fmt: skip
    except InputError as error:
        form.add_error(None, str(error))
        return None
    outcome = made.get_outcome_display().lower()
    messages.success(request, RECORDED.format(reference=made.reference, outcome=outcome))
    return to_decision(made.reference)
