"""The screening steps: link the child to the person index, rate, mark urgent, decide.

Each page shows the contact's summary and one form; the form carries the contact's
version. A step the contact's state does not allow sends the screener back to the
contact with the reason; a refusal after posting (someone else changed the contact, a
decision not yet possible) re-shows the form with the reason in the error summary.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from joinedup.web.access.services import capability_required
from joinedup.web.children.forms import SearchForm
from joinedup.web.frontdoor.forms import DecisionForm, LinkChildForm, RatingForm, UrgentForm
from joinedup.web.frontdoor.forms.screening import VersionForm
from joinedup.web.frontdoor.models import Contact
from joinedup.web.frontdoor.services.decisions import decide_contact
from joinedup.web.frontdoor.services.index_search import search_index
from joinedup.web.frontdoor.services.queue import contact_for
from joinedup.web.frontdoor.services.screening import (
    ALLOWED,
    ContactChanged,
    StepRefused,
    link_child,
    mark_urgent,
    rate_contact,
    record_not_in_index,
)
from joinedup.web.frontdoor.views.common import signed_in
from joinedup.web.frontdoor.views.screening import contact_context
from joinedup.web.people.models import Person

Act = Callable[[HttpRequest, Contact, Any], str]  # (request, contact, form) -> message
SEARCH_FIELDS = ("name", "dob_day", "dob_month", "dob_year", "identifier")


@dataclass(frozen=True)
class Step:
    name: str  # a key of screening.ALLOWED
    form_class: type[VersionForm]
    template: str
    act: Act
    initial: Callable[[Contact], dict[str, Any]] | None = None
    extra: Callable[[HttpRequest, Contact], dict[str, Any]] | None = None


def _step(request: HttpRequest, reference: str, step: Step) -> HttpResponse:
    found, _ = contact_for(signed_in(request), reference)
    if found.status not in ALLOWED[step.name]:
        messages.error(request, _not_now(found))
        return redirect("frontdoor:contact", found.reference)
    initial = step.initial(found) if step.initial else None
    form = step.form_class(version=found.version, initial=initial)
    if request.method == "POST":
        form = step.form_class(request.POST)
        done = _posted(request, found, form, step.act)
        if done is not None:
            return done
        found.refresh_from_db()
    extra = step.extra(request, found) if step.extra else {}
    return render(request, step.template, {**contact_context(found), "form": form, **extra})


def _not_now(found: Contact) -> str:
    if found.status == Contact.DECIDED:
        return f"{found.reference} has been decided: it can no longer be changed."
    return f"Start screening {found.reference} first."


def _posted(
    request: HttpRequest, found: Contact, form: VersionForm, act: Act
) -> HttpResponse | None:
    if not form.is_valid():
        return None
    try:
        message = act(request, found, form)
    except ContactChanged as error:
        fresh = request.POST.copy()
        fresh["version"] = str(Contact.objects.get(pk=found.pk).version)
        form.data = fresh
        form.add_error(None, str(error))
        return None
    except StepRefused as error:
        form.add_error(None, str(error))
        return None
    messages.success(request, message)
    return redirect("frontdoor:contact", found.reference)


# --- Link the child -------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
@capability_required("screen_referrals")
def link(request: HttpRequest, reference: str) -> HttpResponse:
    return _step(request, reference, LINK)


def _link(request: HttpRequest, found: Contact, form: LinkChildForm) -> str:
    version = form.cleaned_data["version"]
    if form.not_found:
        record_not_in_index(signed_in(request), found, version=version, request=request)
        return f"{found.reference}: the child is recorded as not found in the person index."
    person = Person.objects.filter(person_id=form.cleaned_data["child"], active=True).first()
    if person is None:
        raise StepRefused("Select a child from the search results")
    link_child(signed_in(request), found, person, version=version, request=request)
    return f"{found.reference} is linked to {person.person_id}."


def _search(request: HttpRequest, found: Contact) -> dict[str, Any]:
    """The whole index, identity only: typed (a GET form), or filled in from the referral."""
    searched = any(field in request.GET for field in SEARCH_FIELDS)
    form = SearchForm(request.GET) if searched else SearchForm(initial=_known(found))
    results = None
    if searched and form.is_valid():
        results = search_index(signed_in(request), found, form.cleaned_data["terms"], request)
    return {"search": form, "results": results, "searched": searched}


def _known(found: Contact) -> dict[str, str]:
    name = " ".join(p for p in (found.child_forenames, found.child_surname) if p)
    parts = found.child_dob.split("-") if found.child_dob else []
    boxes = dict(zip(("dob_year", "dob_month", "dob_day"), parts, strict=False))
    return {"name": name, **boxes}


# --- Rate ------------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
@capability_required("screen_referrals")
def rate(request: HttpRequest, reference: str) -> HttpResponse:
    return _step(request, reference, RATE)


def _rate(request: HttpRequest, found: Contact, form: RatingForm) -> str:
    data = form.cleaned_data
    done = rate_contact(
        signed_in(request),
        found,
        data["rag"],
        data["rationale"],
        version=data["version"],
        request=request,
    )
    return f"{found.reference} is rated {done.rag}."


# --- Mark urgent -----------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
@capability_required("screen_referrals")
def urgent(request: HttpRequest, reference: str) -> HttpResponse:
    return _step(request, reference, URGENT)


def _urgent(request: HttpRequest, found: Contact, form: UrgentForm) -> str:
    data = form.cleaned_data
    done = mark_urgent(
        signed_in(request), found, data["reason"], version=data["version"], request=request
    )
    return f"{found.reference} is urgent. Told: {', '.join(done.urgent_told) or 'nobody'}."


# --- Decide ----------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
@capability_required("screen_referrals")
def decide(request: HttpRequest, reference: str) -> HttpResponse:
    return _step(request, reference, DECIDE)


def _decide(request: HttpRequest, found: Contact, form: DecisionForm) -> str:
    data = form.cleaned_data
    done = decide_contact(
        signed_in(request),
        found,
        data["decision"],
        data["reason"],
        version=data["version"],
        request=request,
    )
    case = f" Case {done.case.reference} is opened." if done.case else ""
    return f"{found.reference} is decided.{case}"


LINK = Step("link", LinkChildForm, "frontdoor/link_child.html", _link, extra=_search)
RATE = Step(
    "rate",
    RatingForm,
    "frontdoor/rate.html",
    _rate,
    initial=lambda c: {"rag": c.rag, "rationale": c.rag_rationale},
)
URGENT = Step("mark_urgent", UrgentForm, "frontdoor/urgent.html", _urgent)
DECIDE = Step("decide", DecisionForm, "frontdoor/decide.html", _decide)
