"""Agreement between coders, counts by theme and period, and "when could we have known":
every table of counts shown or downloaded is the protected one (services/protect.py)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required
from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.inquiry.models import Inquiry
from joinedup.web.themes.services.agreement import CodeAgreement, coders_of
from joinedup.web.themes.services.agreement import agreement as agreement_between
from joinedup.web.themes.services.chart import chart_of
from joinedup.web.themes.services.counts import ANY_PERIOD, KINDS, UNITS, counts_table
from joinedup.web.themes.services.known import known_tables
from joinedup.web.themes.services.protect import (
    ProtectedTable,
    chosen_profile,
    profile_choices,
    protect,
    table_csv,
)
from joinedup.web.themes.views.common import find_inquiry, signed_in


def _coder(pk: str | None, coders: list[tuple[User, int]], fallback: int) -> User | None:
    by_pk = {str(user.pk): user for user, _ in coders}
    if pk in by_pk:
        return by_pk[pk]
    return coders[fallback][0] if len(coders) > fallback else None


@require_GET
@capability_required("inquiry_work")
def agreement(request: HttpRequest, inquiry_id: int) -> HttpResponse:
    inquiry = find_inquiry(inquiry_id)
    coders = coders_of(inquiry)
    first = _coder(request.GET.get("first"), coders, 0)
    second = _coder(request.GET.get("second"), coders, 1)
    shared, rows = 0, list[CodeAgreement]()
    if first and second and first != second:
        shared, rows = agreement_between(inquiry, first, second)
        record_event(
            signed_in(request),
            "themes.agreement_viewed",
            target_type="inquiry",
            target_id=inquiry.pk,
            detail={"items": shared},
            request=request,
        )
    context = {
        "inquiry": inquiry,
        "coders": coders,
        "first": first,
        "second": second,
        "shared": shared,
        "rows": rows,
    }
    return render(request, "themes/agreement.html", context)


def _choice(request: HttpRequest, name: str, allowed: dict[str, str], default: str) -> str:
    asked = request.GET.get(name, default)
    return asked if asked in allowed else default


@dataclass(frozen=True)
class CountsPage:
    inquiry: Inquiry
    unit: str
    kind: str
    profile: str
    table: ProtectedTable | None


def _counts(request: HttpRequest, inquiry_id: int) -> CountsPage:
    inquiry = find_inquiry(inquiry_id)
    unit = _choice(request, "unit", UNITS, "decade")
    kind = _choice(request, "kind", KINDS, "all")
    profile = chosen_profile(request.GET.get("profile"))
    raw = counts_table(inquiry, unit, kind)
    table = (
        protect([raw], profile, {raw.name: "Items coded, by theme and period"})[0]
        if (raw.counts)
        else None
    )
    return CountsPage(inquiry, unit, kind, profile, table)


@require_GET
@capability_required("inquiry_work")
def counts(request: HttpRequest, inquiry_id: int) -> HttpResponse:
    page = _counts(request, inquiry_id)
    chart = None
    if page.table is not None:
        periods = [c for c in page.table.columns if c != ANY_PERIOD]
        chart = chart_of(page.table, periods)
    record_event(
        signed_in(request),
        "themes.counts_viewed",
        target_type="inquiry",
        target_id=page.inquiry.pk,
        detail={"unit": page.unit, "profile": page.profile},
        request=request,
    )
    context = {
        "page": page,
        "inquiry": page.inquiry,
        "chart": chart,
        "units": UNITS,
        "kinds": KINDS,
        "profiles": profile_choices(),
    }
    return render(request, "themes/counts.html", context)


def _csv(body: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@require_GET
@capability_required("inquiry_work")
def counts_csv(request: HttpRequest, inquiry_id: int) -> HttpResponse:
    page = _counts(request, inquiry_id)
    if page.table is None:
        raise Http404("No codings to count yet")
    record_event(
        signed_in(request),
        "themes.counts_downloaded",
        target_type="inquiry",
        target_id=page.inquiry.pk,
        detail={"unit": page.unit, "profile": page.profile},
        request=request,
    )
    return _csv(table_csv(page.table), f"themes-by-{page.unit}-{page.kind}-{page.profile}.csv")


@require_GET
@capability_required("inquiry_work")
def known(request: HttpRequest, inquiry_id: int) -> HttpResponse:
    inquiry = find_inquiry(inquiry_id)
    profile = chosen_profile(request.GET.get("profile"))
    try:
        tables, problem = known_tables(profile), ""
    except InputError as error:
        tables, problem = None, str(error)
    record_event(
        signed_in(request),
        "themes.known_viewed",
        target_type="inquiry",
        target_id=inquiry.pk,
        detail={"profile": profile},
        request=request,
    )
    context = {
        "inquiry": inquiry,
        "profile": profile,
        "profiles": profile_choices(),
        "tables": tables,
        "problem": problem,
    }
    return render(request, "themes/known.html", context)


@require_GET
@capability_required("inquiry_work")
def known_csv(request: HttpRequest, inquiry_id: int) -> HttpResponse:
    inquiry = find_inquiry(inquiry_id)
    which = _choice(request, "table", {"agency": "", "year": "", "decade": ""}, "agency")
    profile = chosen_profile(request.GET.get("profile"))
    try:
        tables = known_tables(profile)
    except InputError as error:
        raise Http404(str(error)) from error
    record_event(
        signed_in(request),
        "themes.known_downloaded",
        target_type="inquiry",
        target_id=inquiry.pk,
        detail={"table": which, "profile": profile},
        request=request,
    )
    body = table_csv(tables.table(which), tables.medians[which], "Median months to action")
    return _csv(body, f"could-have-known-by-{which}-{profile}.csv")
