"""The items to code, one item with its excerpts marked and the coding form, removing a
coding, and the excerpts of one code."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required
from joinedup.web.audit.services import record_event
from joinedup.web.inquiry.models import Inquiry
from joinedup.web.themes.forms import CodingForm, ReasonForm
from joinedup.web.themes.models import Code, Coding
from joinedup.web.themes.services.coding import code_item, codings_of, remove_coding, segments
from joinedup.web.themes.services.excerpts import excerpts_of
from joinedup.web.themes.services.items import (
    ACCOUNT,
    Item,
    account_item,
    document_item,
    items_of,
)
from joinedup.web.themes.views.common import (
    code_choices,
    find_code,
    find_inquiry,
    show_error,
    signed_in,
)


@require_GET
@capability_required("inquiry_work")
def items(request: HttpRequest, inquiry_id: int) -> HttpResponse:
    inquiry = find_inquiry(inquiry_id)
    live = Coding.objects.filter(code__inquiry=inquiry, removed_at__isnull=True)
    counts = Counter(
        f"a{a}" if a else f"d{d}" for a, d in live.values_list("account", "document_version")
    )
    rows = [(item, counts[f"{item.kind[0]}{item.pk}"]) for item in items_of(inquiry)]
    return render(request, "themes/items.html", {"inquiry": inquiry, "rows": rows})


def _item_page(request: HttpRequest, inquiry: Inquiry, item: Item) -> HttpResponse:
    form = CodingForm(request.POST or None, codes=code_choices(inquiry))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        code = get_object_or_404(Code, pk=data["code"], inquiry=inquiry)
        try:
            code_item(
                signed_in(request),
                item,
                code,
                data["excerpt"],
                data["occurrence"] or 1,
                data["memo"],
                request,
            )
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Coded: {code.label}")
            return redirect(request.path)
    if request.method == "GET":
        record_event(
            signed_in(request),
            "themes.item_viewed",
            target_type=item.kind,
            target_id=item.pk,
            request=request,
        )
    everything = list(codings_of(item, live_only=False))
    live = [c for c in everything if c.removed_at is None]
    context = {
        "inquiry": inquiry,
        "item": item,
        "form": form,
        "segments": segments(item.text, live),
        "live": [(c, _excerpt(item, c)) for c in live],
        "removed": [c for c in everything if c.removed_at is not None],
    }
    return render(request, "themes/item.html", context)


def _excerpt(item: Item, coding: Coding) -> str:
    return "" if coding.start is None else item.text[coding.start : coding.end]


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def account(request: HttpRequest, inquiry_id: int, account_id: int) -> HttpResponse:
    inquiry = find_inquiry(inquiry_id)
    return _item_page(request, inquiry, account_item(inquiry, account_id))


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def document(request: HttpRequest, inquiry_id: int, version_id: int) -> HttpResponse:
    inquiry = find_inquiry(inquiry_id)
    return _item_page(request, inquiry, document_item(inquiry, version_id))


@require_http_methods(["GET", "POST"])
@capability_required("inquiry_work")
def coding_remove(request: HttpRequest, coding_id: int) -> HttpResponse:
    coding = get_object_or_404(Coding.objects.select_related("code__inquiry"), pk=coding_id)
    inquiry = coding.code.inquiry
    if coding.account_id:
        item, back = account_item(inquiry, coding.account_id), "themes:account"
    else:
        item, back = document_item(inquiry, coding.document_version_id or 0), "themes:document"
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            remove_coding(signed_in(request), coding, form.cleaned_data["reason"], request)
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Coding removed: {coding.code.label}")
            return redirect(back, inquiry.pk, item.pk)
    context = {
        "form": form,
        "coding": coding,
        "item": item,
        "inquiry": inquiry,
        "back": back,
        "is_account": item.kind == ACCOUNT,
    }
    return render(request, "themes/coding_remove.html", context)


@require_GET
@capability_required("inquiry_work")
def excerpts(request: HttpRequest, code_id: int) -> HttpResponse:
    found = find_code(code_id)
    shown = excerpts_of(found)
    record_event(
        signed_in(request),
        "themes.excerpts_viewed",
        target_type="code",
        target_id=found.pk,
        detail={"excerpts": len(shown.quoted)},
        request=request,
    )
    return render(request, "themes/excerpts.html", {"code": found, "shown": shown})
