"""The cipher registry (restricted and audited: it maps ciphers to people)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from joinedup.errors import InputError
from joinedup.web.access.services import capability_required
from joinedup.web.redaction.forms import CipherForm
from joinedup.web.redaction.services.ciphers import register_cipher, registry
from joinedup.web.redaction.views.common import show_error, signed_in


@capability_required("inquiry_work")
@require_GET
def ciphers(request: HttpRequest) -> HttpResponse:
    rows = registry(signed_in(request), request)
    return render(request, "redaction/ciphers.html", {"rows": rows})


@capability_required("inquiry_work")
@require_http_methods(["GET", "POST"])
def cipher_add(request: HttpRequest) -> HttpResponse:
    form = CipherForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = register_cipher(
                signed_in(request), data["kind"], data["person_ref"], data["name"], request
            )
        except InputError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Cipher {made.cipher} registered")
            return redirect("redaction:ciphers")
    return render(request, "redaction/cipher_add.html", {"form": form})
