"""One pair: the records side by side, the explanation, and the decision form.

A decision needs the `review_links` capability (the whole queue does), a choice and a
reason; it is refused (403) when one record is outside the reader's sharing agreement.
After a decision the reviewer goes to the next pair of the same filtered queue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required, entitlements_for
from joinedup.web.people.entity_review import entity_pair as find_entity_pair
from joinedup.web.people.review import review_pair
from joinedup.web.reviews.forms import DecisionForm, EntityFiltersForm, QueueFiltersForm
from joinedup.web.reviews.services import entity_pairs, pairs
from joinedup.web.reviews.services.queue import agency_choices, next_pair


@dataclass(frozen=True)
class _Kind:
    """What differs between person pairs and entity pairs."""

    template: str
    queue: str  # URL name of the queue
    pair: str  # URL name of one pair
    same: str
    different: str
    decide: Callable[..., Any]  # (user, view, same, reason, request) -> decision
    audit: Callable[..., None]  # (user, view, request)
    following: Callable[[HttpRequest, Any], Any]  # (request, pair) -> the next pair or None


def _next_person_pair(request: HttpRequest, found: Any) -> Any:
    filters = QueueFiltersForm(request.GET, agency_choices()).filters()
    return next_pair(found, filters, entitlements_for(request.user))


def _next_entity_pair(request: HttpRequest, found: Any) -> Any:
    filters = EntityFiltersForm(request.GET, agency_choices()).filters()
    return entity_pairs.next_entity_pair(found, filters, entitlements_for(request.user))


PERSON = _Kind(
    "reviews/pair.html", "reviews:queue", "reviews:pair",
    "Same person: link the two records (must-link)",
    "Different people: never link the two records (cannot-link)",
    pairs.decide, pairs.audit_pair_view, _next_person_pair,
)  # fmt: skip
ENTITY = _Kind(
    "reviews/entity_pair.html", "reviews:entities", "reviews:entity-pair",
    "The same: link the two records (must-link)",
    "Different: never link the two records (cannot-link)",
    entity_pairs.decide_entity, entity_pairs.audit_entity_view, _next_entity_pair,
)  # fmt: skip


@require_http_methods(["GET", "POST"])
@capability_required("review_links")
def person_pair(request: HttpRequest, pair_id: int) -> HttpResponse:
    try:
        found = review_pair(pair_id)
    except InputError as error:
        raise Http404(str(error)) from None
    view = pairs.pair_view(found, entitlements_for(request.user))
    return _review(request, found, view, PERSON, f"Pair {view.pk}")


@require_http_methods(["GET", "POST"])
@capability_required("review_links")
def entity_pair(request: HttpRequest, pair_id: int) -> HttpResponse:
    try:
        found = find_entity_pair(pair_id)
    except InputError as error:
        raise Http404(str(error)) from None
    view = entity_pairs.entity_pair_view(found, entitlements_for(request.user))
    return _review(request, found, view, ENTITY, f"{view.kind} pair {view.pk}")


def _review(request: HttpRequest, found: Any, view: Any, kind: _Kind, name: str) -> HttpResponse:
    """Show the pair, or record the decision posted and go on to the next pair."""
    posted = request.method == "POST"
    form = DecisionForm(request.POST if posted else None, kind.same, kind.different)
    if posted and not view.decidable:
        raise PermissionDenied("A record of this pair is outside your sharing agreement")
    if posted and form.is_valid():
        try:
            decision = kind.decide(request.user, view, form.same, form.cleaned_data["reason"],
                                   request)  # fmt: skip
        except InputError as error:
            form.add_error(None, str(error))
        else:
            binds = "Every later linkage run will follow your decision."
            messages.success(request, f"{name}: {decision.get_decision_display()}. {binds}")
            return redirect(_next_url(request, kind, kind.following(request, found)))
    kind.audit(request.user, view, request)
    context = {"pair": view, "form": form, "query": request.GET.urlencode()}
    return render(request, kind.template, context)


def _next_url(request: HttpRequest, kind: _Kind, following: Any) -> str:
    query = request.GET.urlencode()
    url = reverse(kind.queue) if following is None else reverse(kind.pair, args=[following.pk])
    return f"{url}?{query}" if query else url
