"""Every page needs a signed-in user who has given a two-factor code, except a few.

The exceptions are the sign-in steps themselves, signing out, the accessibility
statement, static files, the health check, anything under /public/ and the API under
/api/ (which checks a bearer token on every request instead). A session
with no activity for SESSION_IDLE_TIMEOUT, or older than SESSION_MAX_SIGNED_IN, is
ended here and the sign-in page says why.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from joinedup.web.accounts import sessions

OPEN_PATHS: tuple[str, ...] = (
    "/sign-in/",
    "/sign-out/",
    "/accessibility/",
    "/static/",
    "/health/",
    "/public/",
    "/api/",  # every API request brings its own bearer token (docs/api.md)
)


def is_open_path(path: str) -> bool:
    """Whether a path is reachable without signing in."""
    return path.startswith(OPEN_PATHS) or path in {p.rstrip("/") for p in OPEN_PATHS}


class SignInRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_open_path(request.path_info):
            return self.get_response(request)
        if sessions.is_signed_in(request):
            ended = sessions.end_if_expired(request)
            if ended is None:
                sessions.touch(request)
                return self.get_response(request)
        return _to_sign_in(request)


def _to_sign_in(request: HttpRequest) -> HttpResponse:
    url = reverse(settings.LOGIN_URL)
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return redirect(url)
