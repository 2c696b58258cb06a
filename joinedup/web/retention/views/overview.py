"""The retention start page, the schedule, and the destruction log."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from joinedup.records import vocabularies
from joinedup.web.access.services import has_capability
from joinedup.web.retention.models import DestructionLog, LegalHold, RetentionDecision
from joinedup.web.retention.services.schedule import SHIPPED, load_schedule
from joinedup.web.retention.views.access import (
    HOLDS,
    RECORDS,
    RECORDS_OR_HOLDS,
    acting_user,
    any_capability_required,
)

PAGE_SIZE = 25


@require_GET
@any_capability_required(*RECORDS_OR_HOLDS)
def index(request: HttpRequest) -> HttpResponse:
    awaiting = RetentionDecision.objects.filter(status=RetentionDecision.AWAITING)
    return render(request, "retention/index.html", {
        "manages": has_capability(request.user, RECORDS),
        "holds": has_capability(request.user, HOLDS),
        "awaiting": awaiting.exclude(decided_by=acting_user(request)).count(),
        "active_holds": LegalHold.objects.filter(lifted_at__isnull=True).count(),
        "schedule": load_schedule(),
    })  # fmt: skip


@require_GET
@any_capability_required(*RECORDS_OR_HOLDS)
def schedule(request: HttpRequest) -> HttpResponse:
    found = load_schedule()
    return render(request, "retention/schedule.html", {
        "schedule": found, "shipped": found.path == str(SHIPPED),
        "types": list(found.record_types.values()),
        "classified": [(found.record_types[code].label, sorted(events))
                       for code, events in found.classify_by_events.items()],
        "defaults": sorted((_agency_kind(kind), found.record_types[code].label)
                           for kind, code in found.agency_defaults.items()),
    })  # fmt: skip


def _agency_kind(kind: str) -> str:
    return "Any other agency" if kind == "*" else vocabularies.label("agency_kind", kind)


@require_GET
@any_capability_required(*RECORDS_OR_HOLDS)
def log(request: HttpRequest) -> HttpResponse:
    entries = DestructionLog.objects.all()
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "retention/log.html", {"page": page, "entries": page.object_list})
