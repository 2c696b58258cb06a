"""The user's own API tokens: list them, make one (its secret shown once), revoke one.

Every signed-in user reaches this page for themselves only (two factors given). The
new token's secret is in the response to the form, never in a URL or the session, and
the page is not stored by browsers (`Cache-Control: no-store` on every page).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from joinedup.errors import InputError
from joinedup.web.api.forms import TokenForm
from joinedup.web.api.tokens import DEFAULT_DAYS, MAX_DAYS, create_token, revoke_token, tokens_of

BY_PAGE = "account page"


@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = create_token(request.user, data["name"], data["days"], by=BY_PAGE)
        except InputError as error:
            form.add_error("name", str(error)[:1].upper() + str(error)[1:])
        else:
            return render(request, "api/token_created.html", {"made": made})
    return render(request, "api/tokens.html", {
        "form": form, "tokens": tokens_of(request.user), "max_days": MAX_DAYS,
        "days_hint": f"Up to {MAX_DAYS} days. For example, {DEFAULT_DAYS}",
    })  # fmt: skip


@require_POST
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = tokens_of(request.user).filter(pk=token_id).first()
    if token is None:
        raise Http404("You have no token with this id")
    revoke_token(token, by=BY_PAGE)
    messages.success(request, f"Token {token.prefix}… ({token.name}) revoked. It no longer works.")
    return redirect("api-tokens:list")
