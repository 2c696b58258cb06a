"""The first page: agencies, their record counts and the import batches."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from joinedup.web.records.status import database_status


def overview(request: HttpRequest) -> HttpResponse:
    report = database_status()
    return render(request, "home/overview.html", {"report": report, "kinds": report["kinds"]})
