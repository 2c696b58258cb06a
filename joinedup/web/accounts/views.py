"""Sign in (password, then code or set-up), sign out, and staying signed in."""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from joinedup.web.accounts import sessions, signing_in
from joinedup.web.accounts.forms import CodeForm, SignInForm
from joinedup.web.accounts.lockout import lockout_response
from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if sessions.is_signed_in(request):
        return redirect(_safe_next(request, request.GET.get("next")) or "/")
    notice = _ended_notice(sessions.ended_because(request))
    form = SignInForm(request.POST if request.method == "POST" else None)
    if request.method == "GET":
        request.session[signing_in.NEXT_URL] = _safe_next(request, request.GET.get("next"))
    elif form.is_valid():
        data = form.cleaned_data
        user = signing_in.check_password(request, data["username"], data["password"])
        if user is not None:
            has_device = signing_in.confirmed_device(user) is not None
            return redirect("accounts:verify" if has_device else "accounts:set-up-2fa")
        if signing_in.is_locked_out(request):
            return lockout_response(request)
        form.add_error(None, "Enter a correct username and password")
    return render(request, "accounts/sign_in.html", {"form": form, "notice": notice})


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user = signing_in.pending_user(request)
    if user is None:
        return redirect("accounts:sign-in")
    device = signing_in.confirmed_device(user)
    if device is None:
        return redirect("accounts:set-up-2fa")
    return _code_step(request, user, device, "accounts/verify.html", enrolled=False)


@require_http_methods(["GET", "POST"])
def set_up(request: HttpRequest) -> HttpResponse:
    user = signing_in.pending_user(request)
    if user is None:
        return redirect("accounts:sign-in")
    if signing_in.confirmed_device(user) is not None:
        return redirect("accounts:verify")
    device = signing_in.device_to_set_up(user)
    return _code_step(request, user, device, "accounts/set_up.html", enrolled=True)


def _code_step(
    request: HttpRequest, user: User, device: TOTPDevice, template: str, *, enrolled: bool
) -> HttpResponse:
    if not AxesProxyHandler.is_allowed(request, {"username": user.username}):
        return lockout_response(request)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if signing_in.check_code(request, user, device, form.cleaned_data["code"]):
            next_url = signing_in.complete(request, user, device, enrolled=enrolled)
            return redirect(next_url or "/")
        if signing_in.is_locked_out(request):
            return lockout_response(request)
        form.add_error("code", "The security code is not right. Enter the code shown now")
    context = {"form": form, "user_signing_in": user}
    if enrolled:
        context |= {
            "secret": signing_in.secret_text(device),
            "qr_code": signing_in.qr_code_svg(device),
        }
    return render(request, template, context)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        record_event(request.user, "sign_out", request=request)
    sessions.end(request, sessions.SIGNED_OUT)
    return redirect("accounts:sign-in")


@require_POST
def session_extend(request: HttpRequest) -> HttpResponse:
    """Keep the session open (the middleware has just recorded this as activity)."""
    next_url = _safe_next(request, request.POST.get("next"))
    return redirect(next_url) if next_url else HttpResponse(status=204)


def _safe_next(request: HttpRequest, url: str | None) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def _ended_notice(reason: str | None) -> dict[str, str] | None:
    if reason == sessions.IDLE:
        minutes = int(settings.SESSION_IDLE_TIMEOUT.total_seconds() // 60)
        return {
            "kind": "important",
            "text": f"You were signed out after {minutes} minutes without activity. "
            "Sign in again to carry on.",
        }
    if reason == sessions.MAX_AGE:
        hours = int(settings.SESSION_MAX_SIGNED_IN.total_seconds() // 3600)
        return {
            "kind": "important",
            "text": f"You were signed out because you had been signed in for {hours} hours. "
            "Sign in again to carry on.",
        }
    if reason == sessions.SIGNED_OUT:
        return {"kind": "success", "text": "You have signed out."}
    return None
