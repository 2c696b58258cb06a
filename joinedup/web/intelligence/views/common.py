"""What the item views share: finding the item, and turning a refusal into a page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from joinedup.web.intelligence.models import IntelligenceItem

__all__ = ["back_to_item", "item_or_404", "query_without_page"]


def item_or_404(reference: str) -> IntelligenceItem:
    found = IntelligenceItem.objects.select_related("owner", "source_agency", "share_agency")
    return get_object_or_404(found, reference=reference)


def back_to_item(request: HttpRequest, item: IntelligenceItem, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("intelligence:item", item.reference)


def query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
