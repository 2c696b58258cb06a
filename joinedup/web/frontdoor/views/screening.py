"""The screening queue and a contact's page (where screening starts)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from joinedup.web.access.services import capability_required
from joinedup.web.frontdoor.forms import VersionForm
from joinedup.web.frontdoor.models import Contact
from joinedup.web.frontdoor.services.decisions import missing_before_decision
from joinedup.web.frontdoor.services.performance import waiting_now
from joinedup.web.frontdoor.services.queue import (
    SCREENER,
    audit_list,
    audit_opening,
    contact_for,
    decided_contacts,
    describe_child,
    queue_rows,
    rows_of,
)
from joinedup.web.frontdoor.services.screening import StepRefused, start_screening
from joinedup.web.frontdoor.services.timescales import clock
from joinedup.web.frontdoor.services.vocabulary import answers, decisions, urgent_rating
from joinedup.web.frontdoor.views.common import (
    any_capability_required,
    page_of,
    query_without_page,
    signed_in,
)

DECIDED = "decided"


@require_safe
@capability_required("screen_referrals")
def queue(request: HttpRequest) -> HttpResponse:
    """Waiting contacts (urgent, then due soonest), or decided ones (latest first)."""
    now, decided = timezone.now(), request.GET.get("show") == DECIDED
    if decided:
        page = page_of(request, decided_contacts())
        rows = rows_of(page.object_list, now)
    else:
        page = page_of(request, queue_rows(now))
        rows = list(page.object_list)
    audit_list(signed_in(request), "decided" if decided else "queue", rows, request)
    return render(request, "frontdoor/queue.html", {
        "page": page, "rows": rows, "decided": decided, "waiting": waiting_now(now),
        "query": query_without_page(request),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@any_capability_required("make_referrals", "screen_referrals")
def contact(request: HttpRequest, reference: str) -> HttpResponse:
    """The contact: for its referrer what they sent and the outcome; for a screener the
    screening steps too. A POST starts screening."""
    found, seen_as = contact_for(signed_in(request), reference)
    form = VersionForm(version=found.version)
    if request.method == "POST":
        if seen_as != SCREENER:
            raise PermissionDenied("Only screeners start screening.")
        form = VersionForm(request.POST)
        if form.is_valid():
            try:
                start_screening(signed_in(request), found, version=form.cleaned_data["version"],
                                request=request)  # fmt: skip
            except StepRefused as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"You are screening {found.reference}.")
                return redirect("frontdoor:contact", found.reference)
        found.refresh_from_db()
    audit_opening(signed_in(request), found, seen_as, request)
    template = "frontdoor/contact.html" if seen_as == SCREENER else "frontdoor/referral.html"
    return render(request, template, contact_context(found, form))


def contact_context(found: Contact, form: VersionForm | None = None) -> dict[str, object]:
    """What the contact's pages show of it."""
    name, born = describe_child(found)
    return {
        "contact": found,
        "child_name": name,
        "born": born,
        "form": form,
        "clock": clock(found, timezone.now()),
        "missing": missing_before_decision(found),
        "outcome": decisions()[found.decision] if found.decision else None,
        "case_url": _case_url(found),
        "urgent_target": urgent_rating().target,
        "family_aware": answers("family_aware").get(found.family_aware, ""),
        "consent": answers("consent").get(found.consent, ""),
        "exclusions": answers("exclusions").get(found.exclusions, ""),
    }


def _case_url(found: Contact) -> str:
    if found.case is None:
        return ""
    try:
        return reverse("cases:case", args=[found.case.reference])
    except NoReverseMatch:
        return ""
