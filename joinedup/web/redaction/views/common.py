"""What several views share: finding objects, the signed-in user, the error summary."""

from __future__ import annotations

from typing import cast

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header

from joinedup.errors import InputError
from joinedup.web.accounts.models import User
from joinedup.web.documents.models import DocumentVersion
from joinedup.web.redaction.models import Production, Redaction

__all__ = [
    "find_production",
    "find_redaction",
    "find_version",
    "pdf_response",
    "show_error",
    "signed_in",
]


def find_version(version_id: int) -> DocumentVersion:
    return get_object_or_404(DocumentVersion.objects.select_related("document"), pk=version_id)


def find_redaction(redaction_id: int) -> Redaction:
    found = Redaction.objects.select_related(
        "document_version__document", "cipher", "decided_by", "checked_by"
    )
    return get_object_or_404(found, pk=redaction_id)


def find_production(production_id: int) -> Production:
    found = Production.objects.select_related("document_version__document", "produced_by")
    return get_object_or_404(found, pk=production_id)


def show_error(form: forms.Form, error: InputError) -> None:
    """Put a service's refusal at the top of the form's error summary."""
    form.add_error(None, str(error))


def signed_in(request: HttpRequest) -> User:
    return cast(User, request.user)


def pdf_response(production: Production, name: str) -> HttpResponse:
    response = HttpResponse(bytes(production.pdf), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    response["X-Content-Type-Options"] = "nosniff"
    return response
